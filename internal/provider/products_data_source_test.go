package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProductsDataSource_list lists the products of the default workspace (private and
// listed, in creation order) and of another workspace given by id.
func TestAccProductsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newProductsFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_products" "default" {}

data "platform_products" "other" {
  workspace_id = "` + f.other.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_products.default", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue("data.platform_products.default", tfjsonpath.New("products"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"slug": knownvalue.StringExact("shop"), "id": knownvalue.StringExact(f.shop.ID),
						"price": priceCheck(0, "eur", "month")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"slug": knownvalue.StringExact("internal"),
						"visibility": knownvalue.StringExact("private")}),
				})),
				statecheck.ExpectKnownValue("data.platform_products.other", tfjsonpath.New("products"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(f.tool.ID)}),
				})),
			},
		}},
	})
}
