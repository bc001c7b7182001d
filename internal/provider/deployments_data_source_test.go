package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccDeploymentsDataSource lists a project's deployments in creation order; a project
// without deployments lists none.
func TestAccDeploymentsDataSource(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentsDataFixture(t, e)
	empty, err := e.Client.Projects.Create(testCtx(t), "acme", client.ProjectCreateOptions{Slug: "empty", Name: "Empty"})
	if err != nil {
		t.Fatal(err)
	}
	const all, none = "data.platform_deployments.all", "data.platform_deployments.none"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_deployments" "all" {
  project_id = "` + f.project.ID + `"
}

data "platform_deployments" "none" {
  workspace_id = "` + f.ws.ID + `"
  project_id   = "` + empty.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(all, tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue(all, tfjsonpath.New("deployments"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(f.frontend.ID), "name": knownvalue.StringExact("frontend"),
						"replicas": knownvalue.Int64Exact(2), "status": knownvalue.StringExact("running"),
						"secrets": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("DB_PASSWORD")}),
						"source":  knownvalue.ObjectPartial(map[string]knownvalue.Check{"branch": knownvalue.StringExact("main")}),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(f.worker.ID), "name": knownvalue.StringExact("worker"),
						"image": knownvalue.StringExact("ghcr.io/acme/worker:2.0.0"), "status": knownvalue.StringExact("stopped"),
						"source": knownvalue.Null(), "url": knownvalue.StringExact(f.worker.URL),
					}),
				})),
				statecheck.ExpectKnownValue(none, tfjsonpath.New("deployments"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}
