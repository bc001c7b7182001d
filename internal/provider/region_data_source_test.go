package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccRegionDataSource_lookups looks a region up by name (in the provider's default
// workspace) and by id; a region of another workspace is not found by name.
func TestAccRegionDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newRegionsFixture(t, e)
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_region" "r" { name = "prod-us" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: provider + `
data "platform_region" "by_name" {
  name = "prod-eu"
}

data "platform_region" "by_id" {
  id = "` + f.eu.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_region.by_name", tfjsonpath.New("id"), knownvalue.StringExact(f.eu.ID)),
					statecheck.ExpectKnownValue("data.platform_region.by_name", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_region.by_name", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_region.by_id", tfjsonpath.New("description"), knownvalue.StringExact("Europe.")),
				},
			},
		},
	})
}
