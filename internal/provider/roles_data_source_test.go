package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccRolesDataSource_list lists the custom roles of the provider's default workspace in
// creation order.
func TestAccRolesDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	ws, deployer := newRolesFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `data "platform_roles" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_roles.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
				statecheck.ExpectKnownValue("data.platform_roles.all", tfjsonpath.New("roles"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.platform_roles.all", tfjsonpath.New("roles").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(deployer.ID)),
				statecheck.ExpectKnownValue("data.platform_roles.all", tfjsonpath.New("roles").AtSliceIndex(1).AtMapKey("name"), knownvalue.StringExact("auditor")),
			},
		}},
	})
}
