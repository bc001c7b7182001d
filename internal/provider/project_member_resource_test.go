package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// testProjectMemberConfig: bob is a workspace viewer with a project override on project (web
// or backend) with role; platform_project_access shows bob's effective role on web.
func testProjectMemberConfig(e *testEnv, project, role string) string {
	return e.providerBlockWith(e.Token, "acme") + `
resource "platform_project" "web" {
  slug = "web"
  name = "Web"
}

resource "platform_project" "backend" {
  slug = "backend"
  name = "Backend"
}

resource "platform_workspace_member" "bob" {
  email = "bob@example.com"
  role  = "viewer"
}

resource "platform_project_member" "pm" {
  project_id = platform_project.` + project + `.id
  email      = platform_workspace_member.bob.email
  role       = "` + role + `"
}

data "platform_project_access" "bob_web" {
  project_id = platform_project.web.id
  email      = platform_workspace_member.bob.email
  depends_on = [platform_project_member.pm]
}
`
}

// TestAccProjectMemberResource_override gives a workspace viewer a project admin override,
// imports it, lowers it in place and moves it to another project (replacement).
func TestAccProjectMemberResource_override(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	const pm, access = "platform_project_member.pm", "data.platform_project_access.bob_web"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testProjectMemberConfig(e, "web", "admin"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(pm, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(pm, tfjsonpath.New("user_id"), knownvalue.StringRegexp(prefixRegexp("usr_"))),
					statecheck.CompareValuePairs(pm, tfjsonpath.New("user_id"), "platform_workspace_member.bob", tfjsonpath.New("user_id"), compareSame),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("role"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("source"), knownvalue.StringExact("override")),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("project.read"), knownvalue.StringExact("project.update"),
						knownvalue.StringExact("project.delete"), knownvalue.StringExact("project_members.manage"),
						knownvalue.StringExact("deployments.write"), knownvalue.StringExact("deployments.read"),
						knownvalue.StringExact("logs.read"),
					})),
				},
			},
			{
				ResourceName:      pm,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme/web/bob@example.com",
			},
			{
				ResourceName:    pm,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/web/bob@example.com",
				GenerateConfig:  true,
			},
			{
				Config: testProjectMemberConfig(e, "web", "viewer"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(pm, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(pm, tfjsonpath.New("role"), knownvalue.StringExact("viewer")),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("role"), knownvalue.StringExact("viewer")),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("project.read"), knownvalue.StringExact("deployments.read"),
						knownvalue.StringExact("logs.read"),
					})),
				},
			},
			{
				// Without an override on web, a workspace viewer cannot reach it.
				Config: testProjectMemberConfig(e, "backend", "viewer"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(pm, plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs(pm, tfjsonpath.New("project_id"), "platform_project.backend", tfjsonpath.New("id"), compareSame),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("role"), knownvalue.StringExact("none")),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("source"), knownvalue.StringExact("workspace_role")),
					statecheck.ExpectKnownValue(access, tfjsonpath.New("permissions"), knownvalue.SetSizeExact(0)),
				},
			},
		},
	})
}

func TestAccProjectMemberResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := testProjectMemberConfig(e, "web", "admin")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "remove override", func(ctx context.Context) error {
					return e.Client.ProjectMembers.Delete(ctx, "acme", "web", "bob@example.com", 0)
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_project_member.pm", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccProjectMemberResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	member := func(project, email, role string) string {
		return e.providerBlockWith(e.Token, "acme") + `
resource "platform_project" "web" {
  slug = "web"
  name = "Web"
}

resource "platform_project_member" "pm" {
  project_id = ` + project + `
  email      = "` + email + `"
  role       = "` + role + `"
}
`
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      member("platform_project.web.id", "bob@example.com", "owner"),
				PlanOnly:    true,
				ExpectError: errorText("role must be one of admin, member, viewer, or a custom role id (role_...)"),
			},
			{
				Config:      member(`"web"`, "bob@example.com", "admin"),
				PlanOnly:    true,
				ExpectError: errorText("project_id must be a project id (prj_...)"),
			},
			{
				// The server's rules, with its message: the user must be a workspace member, and
				// owners are admin everywhere and get no override.
				Config:      member("platform_project.web.id", "bob@example.com", "admin"),
				ExpectError: errorText("invite them to the workspace first"),
			},
			{
				Config:      member("platform_project.web.id", testOwnerEmail, "viewer"),
				ExpectError: errorText("owners cannot have project overrides"),
			},
		},
	})
}
