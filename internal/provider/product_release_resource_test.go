package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const releaseAddr = "platform_product_release.r"

// releaseConfig is the product shop and its release "r" with the given arguments, in the
// provider's default workspace acme.
func releaseConfig(e *testEnv, args ...string) string {
	return e.providerBlockWith(e.Token, "acme") + productConfig(`slug = "shop"`, `name = "Shop"`) +
		"resource \"platform_product_release\" \"r\" {\n  product_id = platform_product.p.id\n  " + strings.Join(args, "\n  ") + "\n}\n"
}

func releaseAction(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(releaseAddr, action)}}
}

const testChart = `chart = "oci://charts.example.com/shop:1.4.0"`

// TestAccProductReleaseResource_basic publishes a release, imports it by
// "<workspace slug>/<product slug>/<tag>" and with an import block that generates its
// configuration.
func TestAccProductReleaseResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: releaseConfig(e, `tag = "1.4.0"`, testChart),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("rel_"))),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("product_id"), knownvalue.StringRegexp(prefixRegexp("prod_"))),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("notes"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("yanked"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.CompareValuePairs(releaseAddr, tfjsonpath.New("product_id"), productAddr, tfjsonpath.New("id"), compareSame),
				},
			},
			{
				ResourceName:      releaseAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme/shop/1.4.0",
			},
			{
				ResourceName:    releaseAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/shop/1.4.0",
				GenerateConfig:  true,
			},
			{
				ResourceName:  releaseAddr,
				ImportState:   true,
				ImportStateId: "acme/shop",
				ExpectError:   errorText(`import id must have the form "workspace/product/tag" (for example "acme/shop/1.4.0")`),
			},
		},
	})
}

// TestAccProductReleaseResource_update changes notes and yanks in place, and replaces the
// release for a new tag or chart.
func TestAccProductReleaseResource_update(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: releaseConfig(e, `tag = "1.4.0"`, testChart),
				Check: checkOutOfBand(t, "read release", func(ctx context.Context) error {
					r, err := e.Client.Releases.Get(ctx, "acme", "shop", "1.4.0")
					if err == nil {
						firstID = r.ID
					}
					return err
				}),
			},
			{
				Config:           releaseConfig(e, `tag = "1.4.0"`, testChart, `notes = "Fixes checkout."`, `yanked = true`),
				ConfigPlanChecks: releaseAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("notes"), knownvalue.StringExact("Fixes checkout.")),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("yanked"), knownvalue.Bool(true)),
				},
				Check: checkOutOfBand(t, "same release", func(ctx context.Context) error {
					r, err := e.Client.Releases.Get(ctx, "acme", "shop", "1.4.0")
					if err == nil && (r.ID != firstID || !r.Yanked || r.Version != 2) {
						err = fmt.Errorf("server holds %+v", r)
					}
					return err
				}),
			},
			{
				Config:           releaseConfig(e, `tag = "1.4.0"`, testChart),
				ConfigPlanChecks: releaseAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("yanked"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("notes"), knownvalue.StringExact("")),
				},
			},
			{
				Config:           releaseConfig(e, `tag = "1.4.1"`, testChart),
				ConfigPlanChecks: releaseAction(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("tag"), knownvalue.StringExact("1.4.1")),
				},
			},
			{
				Config:           releaseConfig(e, `tag = "1.4.1"`, `chart = "https://charts.example.com/shop-1.4.1.tgz"`),
				ConfigPlanChecks: releaseAction(plancheck.ResourceActionDestroyBeforeCreate),
				Check: checkOutOfBand(t, "one release left", func(ctx context.Context) error {
					list, err := client.Collect(e.Client.Releases.All(ctx, "acme", "shop"))
					if err == nil && (len(list) != 1 || list[0].Chart != "https://charts.example.com/shop-1.4.1.tgz") {
						err = fmt.Errorf("releases: %+v", list)
					}
					return err
				}),
			},
		},
	})
}

// TestAccProductReleaseResource_drift: a release yanked outside Terraform is planned back; one
// deleted outside Terraform is planned for creation.
func TestAccProductReleaseResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := releaseConfig(e, `tag = "1.4.0"`, testChart, `notes = "First."`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "yank release", func(ctx context.Context) error {
					_, err := e.Client.Releases.Update(ctx, "acme", "shop", "1.4.0", client.ReleaseUpdateOptions{
						Yanked: client.Ptr(true), Notes: client.String("Broken.")})
					return err
				}),
				Config:           cfg,
				ConfigPlanChecks: releaseAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("yanked"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(releaseAddr, tfjsonpath.New("notes"), knownvalue.StringExact("First.")),
				},
			},
			{
				PreConfig: outOfBand(t, "delete release", func(ctx context.Context) error {
					return e.Client.Releases.Delete(ctx, "acme", "shop", "1.4.0", 0)
				}),
				Config:           cfg,
				ConfigPlanChecks: releaseAction(plancheck.ResourceActionCreate),
			},
		},
	})
}

// TestAccProductReleaseResource_badInput: tag, chart and product_id rules fail the plan.
func TestAccProductReleaseResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	planError := func(want, hcl string) resource.TestStep {
		return resource.TestStep{Config: e.providerBlockWith(e.Token, "acme") + hcl, PlanOnly: true, ExpectError: errorText(want)}
	}
	release := func(productID, tag, chart string) string {
		return fmt.Sprintf("resource \"platform_product_release\" \"r\" {\n  product_id = %q\n  tag = %q\n  chart = %q\n}\n", productID, tag, chart)
	}
	const id = "prod_abcdefghij234567"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planError("tag must be a semantic version MAJOR.MINOR.PATCH or MAJOR.MINOR.PATCH-pre, such as 1.4.0",
				release(id, "v1.4", "oci://charts.example.com/shop:1.4.0")),
			planError("chart must be oci://host/path:tag or an https:// URL ending in .tgz",
				release(id, "1.4.0", "ftp://charts.example.com/shop.tgz")),
			planError("product_id must be a product id (prod_...)", release("shop", "1.4.0", "oci://charts.example.com/shop:1.4.0")),
			planError("notes must be at most 10000 characters", `
resource "platform_product_release" "r" {
  product_id = "`+id+`"
  tag        = "1.4.0"
  chart      = "oci://charts.example.com/shop:1.4.0"
  notes      = "`+strings.Repeat("n", 10001)+`"
}
`),
		},
	})
}
