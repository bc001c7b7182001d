package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccWorkspacesDataSource_list lists the caller's workspaces in creation order; a workspace
// of another user, which the caller is no member of, is not in the list.
func TestAccWorkspacesDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	other := e.workspace(t, "other")
	stranger := e.clientFor(t, e.userToken(t, "eve@example.com"))
	if _, err := stranger.Workspaces.Create(testCtx(t), client.WorkspaceCreateOptions{Slug: "eve", Name: "eve"}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "other") + `data "platform_workspaces" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_workspaces.all", tfjsonpath.New("workspaces"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.platform_workspaces.all", tfjsonpath.New("workspaces").AtSliceIndex(0).AtMapKey("slug"), knownvalue.StringExact("acme")),
				statecheck.ExpectKnownValue("data.platform_workspaces.all", tfjsonpath.New("workspaces"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(ws.ID), "name": knownvalue.StringExact("acme"), "plan": knownvalue.StringExact("free"),
						"created_at": knownvalue.StringRegexp(rfc3339Regexp),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(other.ID), "slug": knownvalue.StringExact("other")}),
				})),
			},
		}},
	})
}
