package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccAPIKeyDataSource_lookup looks an API key up by id and refuses an id that is not an API
// key id (key names are not unique, so there is no lookup by name).
func TestAccAPIKeyDataSource_lookup(t *testing.T) {
	e := newTestEnv(t)
	ws, first := newAPIKeysFixture(t, e, 2)
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_api_key" "k" { id = "ci" }`,
				PlanOnly:    true,
				ExpectError: errorText("id must be an api_key id (key_...)"),
			},
			{
				Config: provider + `
data "platform_api_key" "first" {
  id = "` + first.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("name"), knownvalue.StringExact("key 0")),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("access"), knownvalue.StringExact("read_only")),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("prefix"), knownvalue.StringExact(first.Prefix)),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("expires_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("created_by"), knownvalue.StringRegexp(prefixRegexp("usr_"))),
				},
			},
		},
	})
}
