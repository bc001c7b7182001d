package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// checkTokensRevoked: every token minted through mr is gone (Close revoked it), asked as the
// test user, whose tokens they are.
func (e *testEnv) checkTokensRevoked(t *testing.T, mr *mintRecorder, min int) {
	t.Helper()
	ids, _ := mr.minted()
	if len(ids) < min {
		t.Fatalf("%d tokens minted, want at least %d (one per plan and apply)", len(ids), min)
	}
	for _, id := range ids {
		if _, err := e.Client.Tokens.Get(testCtx(t), id); !isNotFound(err) {
			t.Errorf("token %s still exists after the run (err %v): Close did not revoke it", id, err)
		}
	}
}

// TestAccUserTokenEphemeralResource_values: the token's values through the echo provider, with
// the leak search's positive control, and every minted token revoked afterwards.
func TestAccUserTokenEphemeralResource_values(t *testing.T) {
	e := newTestEnv(t)
	mr := e.mintRecorder(t, "/me/tokens")
	me, err := e.Client.Me.Get(testCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"platform": testAccProtoV6ProviderFactories["platform"],
			"echo":     echoprovider.NewProviderServer(),
		},
		WorkingDir: dir,
		Steps: []resource.TestStep{{
			PreConfig: func() { start = time.Now() },
			Config: fmt.Sprintf(`
provider "platform" {
  endpoint = %q
  token    = %q
}

ephemeral "platform_user_token" "t" {
  name_prefix = "deploy"
  ttl         = "2h"
}

provider "echo" {
  data = ephemeral.platform_user_token.t
}

resource "echo" "t" {}
`, mr.URL, e.Token),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.t", tfjsonpath.New("data").AtMapKey("user_id"), knownvalue.StringExact(me.UserID)),
				statecheck.ExpectKnownValue("echo.t", tfjsonpath.New("data").AtMapKey("name"),
					knownvalue.StringRegexp(regexp.MustCompile(`^deploy-[a-z2-7]{12}$`))),
				statecheck.ExpectKnownValue("echo.t", tfjsonpath.New("data").AtMapKey("secret"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("echo.t", tfjsonpath.New("data").AtMapKey("expires_at"), expiresAfter(&start, 2*time.Hour)),
				secretInState{mr, dir},
			},
		}},
	})
	e.checkTokensRevoked(t, mr, 2)
}

// TestAccUserTokenEphemeralResource_configuresProvider: an aliased provider configured with the
// minted token acts as the same user through that token; no secret in the plan or the state.
func TestAccUserTokenEphemeralResource_configuresProvider(t *testing.T) {
	e := newTestEnv(t)
	mr := e.mintRecorder(t, "/me/tokens")
	dir := t.TempDir()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		WorkingDir:               dir,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "platform" {
  endpoint = %[1]q
  token    = %[2]q
}

ephemeral "platform_user_token" "t" {}

provider "platform" {
  alias    = "minted"
  endpoint = %[1]q
  token    = ephemeral.platform_user_token.t.secret
}

data "platform_current_principal" "minted" {
  provider = platform.minted
}
`, mr.URL, e.Token),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:            []plancheck.PlanCheck{noSecretInPlan{mr, dir}},
				PostApplyPreRefresh: []plancheck.PlanCheck{noSecretInPlan{mr, dir}},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				noSecretInState{mr, dir},
				statecheck.ExpectKnownValue("data.platform_current_principal.minted", tfjsonpath.New("type"), knownvalue.StringExact("user")),
				statecheck.ExpectKnownValue("data.platform_current_principal.minted", tfjsonpath.New("email"), knownvalue.StringExact(testOwnerEmail)),
			},
			Check: func(s *terraform.State) error {
				got := s.RootModule().Resources["data.platform_current_principal.minted"].Primary.Attributes["token_id"]
				if ids, _ := mr.minted(); !slices.Contains(ids, got) {
					return fmt.Errorf("the aliased provider used token %q, not a minted one %v", got, ids)
				}
				return nil
			},
		}},
	})
	e.checkTokensRevoked(t, mr, 2)
}

// TestAccUserTokenEphemeralResource_refusals: only a user token mints a user token; a
// provider configured with an API key gets the server's refusal at plan time. ttl is checked
// at plan time too.
func TestAccUserTokenEphemeralResource_refusals(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	key, err := e.Client.APIKeys.Create(testCtx(t), "acme", client.APIKeyCreateOptions{Name: "ci", Access: client.AccessReadWrite})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      e.providerBlockWith(key.Secret.Reveal(), "") + `ephemeral "platform_user_token" "t" {}`,
			PlanOnly:    true,
			ExpectError: expectAll(errorText("Could not open platform_user_token"), errorText("needs a user token, not an api key")),
		}, {
			Config:      e.providerBlockWith(e.Token, "") + `ephemeral "platform_user_token" "t" { ttl = "48h" }`,
			PlanOnly:    true,
			ExpectError: errorText("ttl must be a duration between 1m and 24h such as 30m or 2h"),
		}},
	})
}
