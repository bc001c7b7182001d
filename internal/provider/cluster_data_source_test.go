package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccClusterDataSource_lookup reads clusters made through the client: one by name (in the
// provider's default workspace) and one by id.
func TestAccClusterDataSource_lookup(t *testing.T) {
	e := newTestEnv(t)
	ws, ids := newClustersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.config(`data "platform_cluster" "c" { workspace_id = "` + ws.ID + `" }`),
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,name]"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_cluster" "by_name" {
  name = "beta"
}

data "platform_cluster" "by_id" {
  workspace_id = "` + ws.ID + `"
  id           = "` + ids[2] + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("id"), knownvalue.StringExact(ids[1])),
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("cloud"), knownvalue.StringExact("gcp")),
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("node_pools").AtSliceIndex(0).AtMapKey("machine_type"),
						knownvalue.StringExact("e2-standard-4")),
					statecheck.ExpectKnownValue("data.platform_cluster.by_id", tfjsonpath.New("name"), knownvalue.StringExact("gamma")),
					statecheck.ExpectKnownValue("data.platform_cluster.by_id", tfjsonpath.New("kubernetes_version"), knownvalue.StringExact("1.32")),
				},
			},
		},
	})
}
