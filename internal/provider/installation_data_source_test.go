package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccInstallationDataSource_lookups looks an installation up by name (in the default
// workspace) and by id; an unknown name is not found.
func TestAccInstallationDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newInstallationFixture(t, e)
	shop := f.install(t, e, client.InstallationCreateOptions{Name: "shop-eu", Source: client.InstallationSource{ProductID: f.shop.ID, Tag: "1.1.0"},
		Values: map[string]string{"replicaCount": "2"}, Secrets: []string{"DB_PASSWORD"}})
	mon := f.install(t, e, client.InstallationCreateOptions{Name: "monitoring", Namespace: "observability",
		Source: client.InstallationSource{Chart: goodChart}})
	provider := e.providerBlockWith(e.Token, "acme")
	const byName, byID = "data.platform_installation.by_name", "data.platform_installation.by_id"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_installation" "i" { name = "nope" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      provider + `data "platform_installation" "i" {}`,
				PlanOnly:    true,
				ExpectError: errorText(`Exactly one of these attributes must be configured: [id,name]`),
			},
			{
				Config: provider + `
data "platform_installation" "by_name" {
  name = "shop-eu"
}

data "platform_installation" "by_id" {
  id = "` + mon.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("id"), knownvalue.StringExact(shop.ID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("cluster_id"), knownvalue.StringExact(f.cluster.ID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("namespace"), knownvalue.StringExact("shop-eu")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("product_id"), knownvalue.StringExact(f.shop.ID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("tag"), knownvalue.StringExact("1.1.0")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("chart"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("values"), knownvalue.MapExact(map[string]knownvalue.Check{
						"replicaCount": knownvalue.StringExact("2")})),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("secrets"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("DB_PASSWORD")})),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("status"), knownvalue.StringExact("installed")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("installed_tag"), knownvalue.StringExact("1.1.0")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("repository_url"), knownvalue.StringExact(shop.RepositoryURL)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("name"), knownvalue.StringExact("monitoring")),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("namespace"), knownvalue.StringExact("observability")),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("chart"), knownvalue.StringExact(goodChart)),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("product_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("installed_tag"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("values"), knownvalue.MapSizeExact(0)),
				},
			},
		},
	})
}

// installationsExampleFixture adds what the installation data source examples look up to
// TestAccExamples' workspace acme: the installation shop-eu of shop 1.4.0 on the cluster
// prod-eu (waited for until it runs).
func installationsExampleFixture(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := testCtx(t)
	c, err := e.Client.Clusters.WaitForStatus(ctx, "acme", "prod-eu", client.ClusterRunning)
	if err != nil {
		t.Fatalf("cluster prod-eu: %v", err)
	}
	shop, err := e.Client.Products.Get(ctx, "acme", "shop")
	if err != nil {
		t.Fatalf("product shop: %v", err)
	}
	if _, _, err := e.Client.Installations.Create(ctx, "acme", client.InstallationCreateOptions{Name: "shop-eu", ClusterID: c.ID,
		Source: client.InstallationSource{ProductID: shop.ID, Tag: "1.4.0"}}); err != nil {
		t.Fatalf("create installation: %v", err)
	}
}
