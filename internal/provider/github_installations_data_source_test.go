package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccGitHubInstallationsDataSource_list lists the connections of the default workspace and
// of another one, each holding only its own, in creation order.
func TestAccGitHubInstallationsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newGitHubInstallationsFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_github_installations" "default" {}

data "platform_github_installations" "other" {
  workspace_id = "` + f.other.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_github_installations.default", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue("data.platform_github_installations.default", tfjsonpath.New("github_installations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"installation_id": knownvalue.Int64Exact(111),
						"id": knownvalue.StringExact(f.selected.ID), "status": knownvalue.StringExact("active")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"installation_id": knownvalue.Int64Exact(222),
						"repository_selection": knownvalue.StringExact("all"), "status": knownvalue.StringExact("suspended")}),
				})),
				statecheck.ExpectKnownValue("data.platform_github_installations.other", tfjsonpath.New("github_installations"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.platform_github_installations.other",
					tfjsonpath.New("github_installations").AtSliceIndex(0).AtMapKey("installation_id"), knownvalue.Int64Exact(333)),
			},
		}},
	})
}
