package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccClustersDataSource_list lists the clusters of the provider's default workspace in
// creation order.
func TestAccClustersDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	ws, ids := newClustersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `data "platform_clusters" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_clusters.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
				statecheck.ExpectKnownValue("data.platform_clusters.all", tfjsonpath.New("clusters"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[0]), "name": knownvalue.StringExact("alpha")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[1])}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[2])}),
				})),
			},
		}},
	})
}
