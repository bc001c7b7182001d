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

// membersFixture is a workspace "acme" (owned by testOwnerEmail) with projects web and docs,
// alice (workspace member) and bob (workspace viewer with an admin override on web).
type membersFixture struct {
	ws        *client.Workspace
	web, docs *client.Project
	alice     *client.WorkspaceMember
	bob       *client.WorkspaceMember
}

func newMembersFixture(t *testing.T, e *testEnv) membersFixture {
	t.Helper()
	ctx := testCtx(t)
	f := membersFixture{ws: e.workspace(t, "acme")}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.web, err = e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web", Description: "The site."})
	must(err)
	f.docs, err = e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "docs", Name: "Docs"})
	must(err)
	f.alice, err = e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "alice@example.com", Role: client.RoleMember})
	must(err)
	f.bob, err = e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: client.RoleViewer})
	must(err)
	_, err = e.Client.ProjectMembers.Create(ctx, "acme", "web", client.ProjectMemberCreateOptions{Email: "bob@example.com", Role: client.ProjectRoleAdmin})
	must(err)
	return f
}

func TestAccProjectDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_project" "p" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,slug]"),
			},
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_project" "p" { slug = "missing" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      e.config(`data "platform_project" "p" { slug = "web" }`),
				PlanOnly:    true,
				ExpectError: errorText("Set workspace_id, or set a default workspace"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_project" "by_slug" {
  slug = "web"
}

data "platform_project" "by_id" {
  workspace_id = "` + f.ws.ID + `"
  id           = "` + f.docs.ID + `"
}

data "platform_projects" "all" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(f.web.ID)),
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("description"), knownvalue.StringExact("The site.")),
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_project.by_id", tfjsonpath.New("slug"), knownvalue.StringExact("docs")),
					statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects").AtSliceIndex(0).AtMapKey("slug"), knownvalue.StringExact("web")),
					statecheck.ExpectKnownValue("data.platform_projects.all", tfjsonpath.New("projects").AtSliceIndex(1).AtMapKey("id"), knownvalue.StringExact(f.docs.ID)),
				},
			},
		},
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

func TestAccWorkspaceMemberDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_workspace_member" "m" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [email,user_id]"),
			},
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_workspace_member" "m" { email = "carol@example.com" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_workspace_member" "by_email" {
  email = "Alice@Example.com"
}

data "platform_workspace_member" "by_user_id" {
  workspace_id = "` + f.ws.ID + `"
  user_id      = "` + f.bob.UserID + `"
}

data "platform_workspace_members" "all" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("user_id"), knownvalue.StringExact(f.alice.UserID)),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("email"), knownvalue.StringExact("Alice@Example.com")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("role"), knownvalue.StringExact("member")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("status"), knownvalue.StringExact("invited")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_user_id", tfjsonpath.New("email"), knownvalue.StringExact("bob@example.com")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_user_id", tfjsonpath.New("role"), knownvalue.StringExact("viewer")),
					statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("members"), knownvalue.ListSizeExact(3)),
					statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("members").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"email": knownvalue.StringExact(testOwnerEmail), "role": knownvalue.StringExact("owner"), "status": knownvalue.StringExact("active"),
					})),
					statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("members").AtSliceIndex(2).AtMapKey("email"), knownvalue.StringExact("bob@example.com")),
				},
			},
		},
	})
}

func TestAccProjectMemberDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	access := func(name, email string) string {
		return fmt.Sprintf("data \"platform_project_access\" %q {\n  project_id = %q\n  email      = %q\n}\n", name, f.web.ID, email)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// alice has no override on web.
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_project_member" "m" {
  project_id = "` + f.web.ID + `"
  email      = "alice@example.com"
}
`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_project_member" "by_email" {
  project_id = "` + f.web.ID + `"
  email      = "bob@example.com"
}

data "platform_project_member" "by_user_id" {
  workspace_id = "` + f.ws.ID + `"
  project_id   = "` + f.web.ID + `"
  user_id      = "` + f.bob.UserID + `"
}

data "platform_project_members" "web" {
  project_id = "` + f.web.ID + `"
}

data "platform_project_members" "docs" {
  project_id = "` + f.docs.ID + `"
}
` + access("owner", testOwnerEmail) + access("alice", "alice@example.com") + access("bob", "bob@example.com"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_project_member.by_email", tfjsonpath.New("role"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue("data.platform_project_member.by_email", tfjsonpath.New("user_id"), knownvalue.StringExact(f.bob.UserID)),
					statecheck.ExpectKnownValue("data.platform_project_member.by_email", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_project_member.by_user_id", tfjsonpath.New("email"), knownvalue.StringExact("bob@example.com")),
					statecheck.ExpectKnownValue("data.platform_project_members.web", tfjsonpath.New("members"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{
							"user_id": knownvalue.StringExact(f.bob.UserID), "role": knownvalue.StringExact("admin"),
							"project_id": knownvalue.StringExact(f.web.ID),
						}),
					})),
					statecheck.ExpectKnownValue("data.platform_project_members.docs", tfjsonpath.New("members"), knownvalue.ListSizeExact(0)),
					// Every source of an effective role for users: owner, override, workspace role.
					statecheck.ExpectKnownValue("data.platform_project_access.owner", tfjsonpath.New("role"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue("data.platform_project_access.owner", tfjsonpath.New("source"), knownvalue.StringExact("owner")),
					statecheck.ExpectKnownValue("data.platform_project_access.alice", tfjsonpath.New("role"), knownvalue.StringExact("none")),
					statecheck.ExpectKnownValue("data.platform_project_access.alice", tfjsonpath.New("source"), knownvalue.StringExact("workspace_role")),
					statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("role"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("source"), knownvalue.StringExact("override")),
					statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("user_id"), knownvalue.StringExact(f.bob.UserID)),
					statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				},
			},
		},
	})
}

// membersExampleFixture adds what the project and member data source examples look up to the
// TestAccExamples workspace acme: project web, workspace member alice with a project override on
// web.
func membersExampleFixture(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := testCtx(t)
	if _, err := e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web shop"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "alice@example.com", Role: client.RoleMember}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.ProjectMembers.Create(ctx, "acme", "web", client.ProjectMemberCreateOptions{Email: "alice@example.com", Role: client.ProjectRoleAdmin}); err != nil {
		t.Fatal(err)
	}
}
