package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccInstallationsDataSource_list lists the installations of the default workspace, in
// creation order, all of them or those on one cluster; a workspace without any lists none.
func TestAccInstallationsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newInstallationFixture(t, e)
	other := e.runningCluster(t, "acme", "prod-us")
	f.install(t, e, client.InstallationCreateOptions{Name: "shop-eu", Source: client.InstallationSource{ProductID: f.shop.ID, Tag: "1.0.0"}})
	f.install(t, e, client.InstallationCreateOptions{Name: "shop-us", ClusterID: other.ID,
		Source: client.InstallationSource{ProductID: f.shop.ID, Tag: "1.1.0"}})
	f.install(t, e, client.InstallationCreateOptions{Name: "monitoring", Source: client.InstallationSource{Chart: goodChart}})
	const all, eu, vendor = "data.platform_installations.all", "data.platform_installations.eu", "data.platform_installations.vendor"
	name := func(n string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(n)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_installations" "all" {}

data "platform_installations" "eu" {
  cluster_id = "` + f.cluster.ID + `"
}

data "platform_installations" "vendor" {
  workspace_id = "` + f.vendor.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("cluster_id"), knownvalue.Null()),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("installations"), knownvalue.ListExact([]knownvalue.Check{
					name("shop-eu"), name("shop-us"), name("monitoring"),
				})),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("installations").AtSliceIndex(1).AtMapKey("installed_tag"),
					knownvalue.StringExact("1.1.0")),
				statecheck.ExpectKnownValue(eu, tfjsonpath.New("installations"), knownvalue.ListExact([]knownvalue.Check{
					name("shop-eu"), name("monitoring"),
				})),
				statecheck.ExpectKnownValue(vendor, tfjsonpath.New("installations"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}
