package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// testRegionConfig is a region in the provider's default workspace acme.
func testRegionConfig(e *testEnv, name, description string) string {
	return e.providerBlockWith(e.Token, "acme") + `
resource "platform_region" "r" {
  name        = "` + name + `"
  description = "` + description + `"
}
`
}

// TestAccRegionResource_basic creates a region in the default workspace, imports it by
// workspace slug and name, and renames it in place.
func TestAccRegionResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	update := resource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_region.r", plancheck.ResourceActionUpdate)},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testRegionConfig(e, "prod-eu", "Production, Europe."),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_region.r", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("reg_"))),
					statecheck.ExpectKnownValue("platform_region.r", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("platform_region.r", tfjsonpath.New("description"), knownvalue.StringExact("Production, Europe.")),
				},
			},
			{
				ResourceName:      "platform_region.r",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("acme/%s", "platform_region.r.name"),
			},
			{
				Config:           testRegionConfig(e, "prod-eu-west", "Production, western Europe."),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_region.r", tfjsonpath.New("name"), knownvalue.StringExact("prod-eu-west")),
				},
				Check: checkOutOfBand(t, "read region", func(ctx context.Context) error {
					_, err := e.Client.Regions.Get(ctx, "acme", "prod-eu-west")
					return err
				}),
			},
			{
				// Removing the description returns it to its default, in place.
				Config: e.providerBlockWith(e.Token, "acme") + `
resource "platform_region" "r" {
  workspace_id = "` + ws.ID + `"
  name         = "prod-eu-west"
}
`,
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_region.r", tfjsonpath.New("description"), knownvalue.StringExact("")),
				},
			},
		},
	})
}

func TestAccRegionResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := testRegionConfig(e, "prod-eu", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "delete region", func(ctx context.Context) error {
					return e.Client.Regions.Delete(ctx, "acme", "prod-eu", 0)
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_region.r", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccRegionResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testRegionConfig(e, "Prod_EU", ""),
				PlanOnly:    true,
				ExpectError: errorText("name must match ^[a-z][a-z0-9-]*[a-z0-9]$"),
			},
			{
				Config: e.config(`
resource "platform_region" "r" {
  workspace_id = "acme"
  name         = "prod-eu"
}
`),
				PlanOnly:    true,
				ExpectError: errorText("workspace_id must be a workspace id (ws_...)"),
			},
		},
	})
}
