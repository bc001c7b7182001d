package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccRegionsDataSource_list lists the regions of the provider's default workspace and of
// another workspace given by id: each holds only its own.
func TestAccRegionsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newRegionsFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_regions" "default" {}

data "platform_regions" "other" {
  workspace_id = "` + f.other.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_regions.default", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue("data.platform_regions.default", tfjsonpath.New("regions"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("prod-eu"), "id": knownvalue.StringExact(f.eu.ID)}),
				})),
				statecheck.ExpectKnownValue("data.platform_regions.other", tfjsonpath.New("regions"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.platform_regions.other", tfjsonpath.New("regions").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("prod-us")),
			},
		}},
	})
}
