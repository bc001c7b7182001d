package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccProjectsDataSource_list lists the projects of the provider's default workspace in
// creation order.
func TestAccProjectsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `data "platform_projects" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects").AtSliceIndex(0).AtMapKey("slug"), knownvalue.StringExact("web")),
				statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects").AtSliceIndex(1).AtMapKey("id"), knownvalue.StringExact(f.docs.ID)),
			},
		}},
	})
}

// TestAccProjectsDataSource_pages lists more projects than fit in one page of the API (200).
func TestAccProjectsDataSource_pages(t *testing.T) {
	e := newTestEnv(t)
	ctx := testCtx(t)
	ws, err := e.Client.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: "big", Name: "Big", Plan: client.PlanEnterprise})
	if err != nil {
		t.Fatal(err)
	}
	const n = client.MaxPageSize + 1
	for i := range n {
		slug := fmt.Sprintf("prj-%03d", i)
		if _, err := e.Client.Projects.Create(ctx, "big", client.ProjectCreateOptions{Slug: slug, Name: slug}); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.config(`data "platform_projects" "all" { workspace_id = "` + ws.ID + `" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects").AtSliceIndex(n-1).AtMapKey("slug"),
					knownvalue.StringExact(fmt.Sprintf("prj-%03d", n-1))),
			},
		}},
	})
}
