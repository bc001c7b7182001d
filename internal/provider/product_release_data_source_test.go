package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProductReleaseDataSource_lookups looks a release up by tag and by id, yanked ones too.
func TestAccProductReleaseDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newProductsFixture(t, e)
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: provider + `
data "platform_product_release" "r" {
  product_id = "` + f.shop.ID + `"
  tag        = "9.9.9"
}
`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: provider + `
data "platform_product_release" "by_tag" {
  product_id = "` + f.shop.ID + `"
  tag        = "1.3.0"
}

data "platform_product_release" "by_id" {
  product_id = "` + f.shop.ID + `"
  id         = "` + f.release.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_product_release.by_tag", tfjsonpath.New("yanked"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.platform_product_release.by_tag", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("rel_"))),
					statecheck.ExpectKnownValue("data.platform_product_release.by_id", tfjsonpath.New("tag"), knownvalue.StringExact("1.4.0")),
					statecheck.ExpectKnownValue("data.platform_product_release.by_id", tfjsonpath.New("chart"), knownvalue.StringExact("oci://charts.example.com/shop:1.4.0")),
					statecheck.ExpectKnownValue("data.platform_product_release.by_id", tfjsonpath.New("notes"), knownvalue.StringExact("Release 1.4.0.")),
					statecheck.ExpectKnownValue("data.platform_product_release.by_id", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_product_release.by_id", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
		},
	})
}
