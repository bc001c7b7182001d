package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccInstallationPackagesDataSource_list lists an installation's package repository: the
// non-yanked releases of its product, highest first, or a direct install's one chart.
func TestAccInstallationPackagesDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newInstallationFixture(t, e)
	shop := f.install(t, e, client.InstallationCreateOptions{Name: "shop-eu", Source: client.InstallationSource{ProductID: f.shop.ID, Tag: "1.0.0"}})
	f.install(t, e, client.InstallationCreateOptions{Name: "monitoring", Source: client.InstallationSource{Chart: goodChart}})
	if _, err := e.Client.Releases.Update(testCtx(t), "vendor", "shop", "1.1.0", client.ReleaseUpdateOptions{Yanked: client.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	pkg := func(tag, chart string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"tag": knownvalue.StringExact(tag), "chart": knownvalue.StringExact(chart),
			"notes": knownvalue.StringExact("Release " + tag + "."), "created_at": knownvalue.StringRegexp(rfc3339Regexp),
		})
	}
	const product, chart = "data.platform_installation_packages.product", "data.platform_installation_packages.chart"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_installation_packages" "p" { installation_id = "nope" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_installation_packages" "product" {
  installation_id = "` + shop.ID + `"
}

data "platform_installation_packages" "chart" {
  workspace_id    = "` + f.ws.ID + `"
  installation_id = "monitoring"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(product, tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue(product, tfjsonpath.New("items"), knownvalue.ListExact([]knownvalue.Check{
						pkg("1.2.0", "oci://charts.example.com/fail-shop:1.2.0"), pkg("1.0.0", "oci://charts.example.com/shop:1.0.0"),
					})),
					statecheck.ExpectKnownValue(chart, tfjsonpath.New("items"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"tag": knownvalue.Null(), "chart": knownvalue.StringExact(goodChart),
							"notes": knownvalue.StringExact(""), "created_at": knownvalue.StringRegexp(rfc3339Regexp),
						}),
					})),
				},
			},
		},
	})
}
