package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccMarketplaceProductsDataSource_list reads the marketplace as a user who belongs to no
// workspace: the listed products of every workspace, each with its installable releases
// (highest semantic version first, yanked ones left out); private products are not there.
func TestAccMarketplaceProductsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newProductsFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.userToken(t, "buyer@example.com"), "") + `
data "platform_marketplace_products" "all" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_marketplace_products.all", tfjsonpath.New("products"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(f.shop.ID), "slug": knownvalue.StringExact("shop"), "name": knownvalue.StringExact("Shop"),
						"description": knownvalue.StringExact("Sells things."), "visibility": knownvalue.StringExact("listed"),
						"price": priceCheck(0, "eur", "month"), "install_count": knownvalue.Int64Exact(0),
						"created_at": knownvalue.StringRegexp(rfc3339Regexp),
						"releases": knownvalue.ListExact([]knownvalue.Check{
							knownvalue.ObjectExact(map[string]knownvalue.Check{"tag": knownvalue.StringExact("1.10.0-rc.1"),
								"chart": knownvalue.StringExact("oci://charts.example.com/shop:1.10.0-rc.1"), "notes": knownvalue.StringExact("Release 1.10.0-rc.1.")}),
							knownvalue.ObjectPartial(map[string]knownvalue.Check{"tag": knownvalue.StringExact("1.4.0")}),
						}),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(f.tool.ID),
						"releases": knownvalue.ListSizeExact(0)}),
				})),
			},
		}},
	})
}
