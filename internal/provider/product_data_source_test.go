package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProductDataSource_lookups looks a product up by slug (in the provider's default
// workspace) and by id, private ones included; another workspace's product is not found.
func TestAccProductDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newProductsFixture(t, e)
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_product" "p" { slug = "tool" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      provider + `data "platform_product" "p" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,slug]"),
			},
			{
				Config: provider + `
data "platform_product" "by_slug" {
  slug = "shop"
}

data "platform_product" "by_id" {
  id = "` + f.internal.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_product.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(f.shop.ID)),
					statecheck.ExpectKnownValue("data.platform_product.by_slug", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_product.by_slug", tfjsonpath.New("description"), knownvalue.StringExact("Sells things.")),
					statecheck.ExpectKnownValue("data.platform_product.by_slug", tfjsonpath.New("visibility"), knownvalue.StringExact("listed")),
					statecheck.ExpectKnownValue("data.platform_product.by_slug", tfjsonpath.New("price"), priceCheck(0, "eur", "month")),
					statecheck.ExpectKnownValue("data.platform_product.by_slug", tfjsonpath.New("install_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue("data.platform_product.by_slug", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_product.by_id", tfjsonpath.New("slug"), knownvalue.StringExact("internal")),
					statecheck.ExpectKnownValue("data.platform_product.by_id", tfjsonpath.New("visibility"), knownvalue.StringExact("private")),
					statecheck.ExpectKnownValue("data.platform_product.by_id", tfjsonpath.New("price"), priceCheck(9900, "usd", "month")),
				},
			},
		},
	})
}
