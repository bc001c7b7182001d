package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Plan-time checks (plan_check.go): each refusal of a planned create or update fails the plan
// (PlanOnly steps stop after the plan), with the server's code and message, on the attribute
// it concerns. PlanOnly plans do not refresh (-refresh=false), which the If-Match test uses.

// attributeLine matches Terraform's pointer to the configuration line of an attribute error,
// e.g. `role         = "admin"`.
func attributeLine(name, value string) *regexp.Regexp {
	return regexp.MustCompile(`(?s)` + regexp.QuoteMeta(name) + `\s+= "` + regexp.QuoteMeta(value) + `"`)
}

// expectAll joins regexps that must all match Terraform's error output, in the order given
// (RE2 has no lookahead).
func expectAll(res ...*regexp.Regexp) *regexp.Regexp {
	s := `(?s)`
	for i, re := range res {
		if i > 0 {
			s += `.*`
		}
		s += `(?:` + re.String() + `)`
	}
	return regexp.MustCompile(s)
}

// projects creates projects of these slugs in workspace acme.
func (e *testEnv) projects(t *testing.T, slugs ...string) {
	t.Helper()
	for _, slug := range slugs {
		if _, err := e.Client.Projects.Create(testCtx(t), "acme", client.ProjectCreateOptions{Slug: slug, Name: slug}); err != nil {
			t.Fatal(err)
		}
	}
}

// fullWorkspace is workspace acme on the free plan with as many projects as it allows (3).
func (e *testEnv) fullWorkspace(t *testing.T) *client.Workspace {
	t.Helper()
	ws := e.workspace(t, "acme")
	e.projects(t, "aaa", "bbb", "ccc")
	return ws
}

// memberToken makes email a member of workspace acme with role, and returns a token of theirs.
func (e *testEnv) memberToken(t *testing.T, email, role string) string {
	t.Helper()
	token := e.userToken(t, email)
	if _, err := e.Client.WorkspaceMembers.Create(testCtx(t), "acme", client.WorkspaceMemberCreateOptions{Email: email, Role: role}); err != nil {
		t.Fatal(err)
	}
	return token
}

func testPlanCheckProject(e *testEnv, token, ws, slug, name string) string {
	return e.providerBlockWith(token, "") + fmt.Sprintf(`
resource "platform_project" "p" {
  workspace_id = %q
  slug         = %q
  name         = %q
}
`, ws, slug, name)
}

// TestAccPlanCheck_quotaExceeded: a 4th project on the free plan fails at plan time.
func TestAccPlanCheck_quotaExceeded(t *testing.T) {
	e := newTestEnv(t)
	ws := e.fullWorkspace(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      testPlanCheckProject(e, e.Token, ws.ID, "ddd", "D"),
			PlanOnly:    true,
			ExpectError: expectAll(errorText("The server would refuse this create (quota_exceeded)"), errorText("the free plan allows 3 projects")),
		}},
	})
}

// TestAccPlanCheck_permissionDenied: a viewer's project fails at plan time, naming the
// permission.
func TestAccPlanCheck_permissionDenied(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	viewer := e.memberToken(t, "viewer@example.com", client.RoleViewer)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      testPlanCheckProject(e, viewer, ws.ID, "web", "Web"),
			PlanOnly:    true,
			ExpectError: expectAll(errorText("(permission_denied)"), errorText("missing permission projects.create")),
		}},
	})
}

func testPlanCheckMember(e *testEnv, token, ws, email, role string) string {
	return e.providerBlockWith(token, "") + fmt.Sprintf(`
resource "platform_workspace_member" "m" {
  workspace_id = %q
  email        = %q
  role         = %q
}
`, ws, email, role)
}

// TestAccPlanCheck_lastOwnerDemoted: demoting the workspace's last owner fails at plan time on
// role.
func TestAccPlanCheck_lastOwnerDemoted(t *testing.T) {
	e := newTestEnv(t)
	workspace := `
resource "platform_workspace" "w" {
  slug = "acme"
  name = "Acme"
}
`
	config := func(role string) string {
		return e.config(workspace + `
import {
  to = platform_workspace_member.me
  id = "acme/` + testOwnerEmail + `"
}

resource "platform_workspace_member" "me" {
  workspace_id = platform_workspace.w.id
  email        = "` + testOwnerEmail + `"
  role         = "` + role + `"
}
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: e.config(workspace)},
			{Config: config("owner")},
			{
				Config:   config("admin"),
				PlanOnly: true,
				ExpectError: expectAll(errorText("The server would refuse this update (failed_precondition)"),
					attributeLine("role", "admin"), errorText("this is the last owner")),
			},
		},
	})
}

// TestAccPlanCheck_escalation: an admin cannot make an owner: refused at plan time, on role.
func TestAccPlanCheck_escalation(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	admin := e.memberToken(t, "admin@example.com", client.RoleAdmin)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testPlanCheckMember(e, admin, ws.ID, "bob@example.com", "member")},
			{
				Config:   testPlanCheckMember(e, admin, ws.ID, "bob@example.com", "owner"),
				PlanOnly: true,
				ExpectError: expectAll(errorText("(permission_denied)"), attributeLine("role", "owner"),
					errorText("only owners can make owners")),
			},
		},
	})
}

// TestAccPlanCheck_referenceMissing: an override in a project deleted outside Terraform fails
// at plan time.
func TestAccPlanCheck_referenceMissing(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			PreConfig: outOfBand(t, "delete project", func(ctx context.Context) error {
				return e.Client.Projects.Delete(ctx, "acme", f.docs.ID, 0)
			}),
			Config: e.config(fmt.Sprintf(`
resource "platform_project_member" "m" {
  workspace_id = %q
  project_id   = %q
  email        = "alice@example.com"
  role         = "admin"
}
`, f.ws.ID, f.docs.ID)),
			PlanOnly:    true,
			ExpectError: expectAll(errorText("The server would refuse this create (not_found)"), errorText("not found")),
		}},
	})
}

// TestAccPlanCheck_ifMatch: a plan that does not refresh, of an object changed since it was
// read, fails with the server's precondition error; a refreshing plan then applies.
func TestAccPlanCheck_ifMatch(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testPlanCheckProject(e, e.Token, ws.ID, "web", "Web")},
			{
				PreConfig: outOfBand(t, "change project", func(ctx context.Context) error {
					_, err := e.Client.Projects.Update(ctx, "acme", "web", client.ProjectUpdateOptions{Description: client.String("changed")})
					return err
				}),
				Config:   testPlanCheckProject(e, e.Token, ws.ID, "web", "Website"),
				PlanOnly: true,
				ExpectError: expectAll(errorText("The server would refuse this update (aborted)"), attributeLine("name", "Website"),
					errorText("If-Match")),
			},
			{Config: testPlanCheckProject(e, e.Token, ws.ID, "web", "Website")},
		},
	})
}

// TestAccPlanCheck_unknownSkips: a create whose values are unknown at plan time is not checked
// (the plan succeeds), though the same create is refused when applied (by the dry run of
// Terraform's second plan during the apply, once the value is known).
func TestAccPlanCheck_unknownSkips(t *testing.T) {
	e := newTestEnv(t)
	ws := e.fullWorkspace(t)
	config := e.config(fmt.Sprintf(`
resource "terraform_data" "name" {
  input = "Fourth"
}

resource "platform_project" "p" {
  workspace_id = %q
  slug         = "ddd"
  name         = terraform_data.name.output
}
`, ws.ID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, PlanOnly: true, ExpectNonEmptyPlan: true},
			{Config: config, ExpectError: errorText("the free plan allows 3 projects")},
		},
	})
}

// TestAccPlanCheck_planQuota: creates that each fit the quota alone but not together fail at
// plan time, naming the total the plan would reach (the server counts a plan session's dry-run
// creates together).
func TestAccPlanCheck_planQuota(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	e.projects(t, "aaa")
	config := e.providerBlock()
	for _, slug := range []string{"bbb", "ccc", "ddd"} {
		config += fmt.Sprintf(`
resource "platform_project" %q {
  workspace_id = %q
  slug         = %q
  name         = %q
}
`, slug, ws.ID, slug, slug)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   config,
			PlanOnly: true,
			ExpectError: expectAll(errorText("The server would refuse this create (quota_exceeded)"),
				errorText("the free plan allows 3 projects"), errorText("4 in all")),
		}},
	})
}

// TestAccPlanCheck_duplicateSlug: two resources of one plan claiming the same slug fail at plan
// time.
func TestAccPlanCheck_duplicateSlug(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	config := e.providerBlock()
	for _, name := range []string{"one", "two"} {
		config += fmt.Sprintf(`
resource "platform_project" %q {
  workspace_id = %q
  slug         = "web"
  name         = %q
}
`, name, ws.ID, name)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   config,
			PlanOnly: true,
			ExpectError: expectAll(errorText("The server would refuse this create (already_exists)"),
				errorText(`project "web" is already created by another resource of this plan`)),
		}},
	})
}
