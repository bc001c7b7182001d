package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// A well-formed key (a valid checksum) made for these tests, not a live credential; the client's
// TestSecretFormatMatchesServer compares the check with the server's on fresh keys.
const wellFormedTestKey = "pk_0000000000000000000000000000000000000000000_1zqVSB"

func TestAPIKeyWellFormedFunction(t *testing.T) {
	for key, want := range map[string]bool{
		wellFormedTestKey: true,
		strings.Replace(wellFormedTestKey, "_1zqVSB", "_0mLiRd", 1): false, // checksum
		strings.Replace(wellFormedTestKey, "pk_", "pt_", 1):         false, // a user token's prefix
		wellFormedTestKey[:len(wellFormedTestKey)-1]:                false,
		"": false, "pk_abc": false,
	} {
		got, err := runFunction(t, NewAPIKeyWellFormedFunction(), types.StringValue(key))
		if err != nil {
			t.Fatalf("api_key_well_formed(%q): %s", key, err.Text)
		}
		if !got.Equal(types.BoolValue(want)) {
			t.Errorf("api_key_well_formed(%q) = %s, want %v", key, got, want)
		}
	}
}

// TestAccFunctionAPIKeyWellFormed checks a real key minted by the server, and the use the
// function is for: a variable validation that refuses a malformed key without showing it.
func TestAccFunctionAPIKeyWellFormed(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	created, err := e.Client.APIKeys.Create(testCtx(t), "acme", client.APIKeyCreateOptions{Name: "ci", Access: client.AccessReadOnly})
	if err != nil {
		t.Fatalf("create key: %v", err)
	}
	key := created.Secret.Reveal()
	cfg := `
variable "key" {
  type      = string
  sensitive = true
  validation {
    condition     = provider::platform::api_key_well_formed(var.key)
    error_message = "The API key is malformed."
  }
}
output "ok" {
  value = provider::platform::api_key_well_formed(var.key)
  sensitive = true
}`
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:          cfg,
				ConfigVariables: config.Variables{"key": config.StringVariable(key)},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("ok", knownvalue.Bool(true)),
				},
			},
			{
				Config:          cfg,
				ConfigVariables: config.Variables{"key": config.StringVariable(key[:len(key)-1] + "x")},
				ExpectError:     regexp.MustCompile(`The API key is malformed`),
			},
		},
	})
}
