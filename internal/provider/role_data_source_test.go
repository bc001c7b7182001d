package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccRoleDataSource_lookups looks a custom role up by name (in the provider's default
// workspace) and by id, and checks the errors of a wrong configuration and of a missing role.
func TestAccRoleDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	ws, deployer := newRolesFixture(t, e)
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_role" "r" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,name]"),
			},
			{
				Config:      provider + `data "platform_role" "r" { name = "missing" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: provider + `
data "platform_role" "by_name" {
  name = "deployer"
}

data "platform_role" "by_id" {
  workspace_id = "` + ws.ID + `"
  id           = "` + deployer.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_role.by_name", tfjsonpath.New("id"), knownvalue.StringExact(deployer.ID)),
					statecheck.ExpectKnownValue("data.platform_role.by_name", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_role.by_name", tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("projects.create"), knownvalue.StringExact("project.read"),
					})),
					statecheck.ExpectKnownValue("data.platform_role.by_id", tfjsonpath.New("name"), knownvalue.StringExact("deployer")),
					statecheck.ExpectKnownValue("data.platform_role.by_id", tfjsonpath.New("description"), knownvalue.StringExact("Ships releases.")),
				},
			},
		},
	})
}
