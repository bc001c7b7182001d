package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccCurrentPrincipalDataSource_principals reads the principal of a user token, then of an
// API key. (Two steps rather than two provider configurations in one: the in-process provider
// serves every configuration from one server, so aliases would share one configuration.)
func TestAccCurrentPrincipalDataSource_principals(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	key, err := e.Client.APIKeys.Create(testCtx(t), "acme", client.APIKeyCreateOptions{Name: "CI", Access: client.AccessReadOnly})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.config(`data "platform_current_principal" "me" {}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("type"), knownvalue.StringExact("user")),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("email"), knownvalue.StringExact(testOwnerEmail)),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("usr_"))),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("platform_admin"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("api_key_id"), knownvalue.Null()),
				},
			},
			{
				Config: e.providerBlockWith(key.Secret.Reveal(), "") + `data "platform_current_principal" "me" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("type"), knownvalue.StringExact("api_key")),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("id"), knownvalue.StringExact(key.ID)),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("api_key_id"), knownvalue.StringExact(key.ID)),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("workspace_slug"), knownvalue.StringExact("acme")),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("access"), knownvalue.StringExact("read_only")),
					statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("email"), knownvalue.Null()),
				},
			},
		},
	})
}
