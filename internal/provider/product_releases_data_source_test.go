package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProductReleasesDataSource_list lists a product's releases in creation order, yanked
// ones included.
func TestAccProductReleasesDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newProductsFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_product_releases" "shop" {
  product_id = "` + f.shop.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_product_releases.shop", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue("data.platform_product_releases.shop", tfjsonpath.New("releases"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"tag": knownvalue.StringExact("1.4.0"), "id": knownvalue.StringExact(f.release.ID)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"tag": knownvalue.StringExact("1.10.0-rc.1"), "yanked": knownvalue.Bool(false)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"tag": knownvalue.StringExact("1.3.0"), "yanked": knownvalue.Bool(true)}),
				})),
			},
		}},
	})
}
