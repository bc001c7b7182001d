package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// enterpriseWorkspace creates a workspace on the enterprise plan, the only one with custom roles.
func (e *testEnv) enterpriseWorkspace(t *testing.T, slug string) *client.Workspace {
	t.Helper()
	ws, err := e.Client.Workspaces.Create(testCtx(t), client.WorkspaceCreateOptions{Slug: slug, Name: slug, Plan: client.PlanEnterprise})
	if err != nil {
		t.Fatalf("create workspace %s: %v", slug, err)
	}
	return ws
}

// testRoleConfig is a custom role in the provider's default workspace acme.
func testRoleConfig(e *testEnv, name, description, permissions string) string {
	return e.providerBlockWith(e.Token, "acme") + `
resource "platform_role" "r" {
  name        = "` + name + `"
  description = "` + description + `"
  permissions = ` + permissions + `
}
`
}

// TestAccRoleResource_basic creates a role, imports it by workspace slug and name, and changes
// its name, description and permissions in place.
func TestAccRoleResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.enterpriseWorkspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testRoleConfig(e, "deployer", "Ships releases.", `["projects.create", "project.read"]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_role.r", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("role_"))),
					statecheck.ExpectKnownValue("platform_role.r", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("platform_role.r", tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("projects.create"), knownvalue.StringExact("project.read"),
					})),
				},
			},
			{
				ResourceName:      "platform_role.r",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("acme/%s", "platform_role.r.name"),
			},
			{
				Config: testRoleConfig(e, "release-manager", "Ships and updates releases.",
					`["projects.create", "project.read", "project.update", "clusters.read"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_role.r", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_role.r", tfjsonpath.New("name"), knownvalue.StringExact("release-manager")),
					statecheck.ExpectKnownValue("platform_role.r", tfjsonpath.New("permissions"), knownvalue.SetSizeExact(4)),
				},
				Check: checkOutOfBand(t, "read role", func(ctx context.Context) error {
					r, err := e.Client.Roles.Get(ctx, "acme", "release-manager")
					if err == nil && len(r.Permissions) != 4 {
						t.Errorf("server has permissions %v", r.Permissions)
					}
					return err
				}),
			},
		},
	})
}

func TestAccRoleResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.enterpriseWorkspace(t, "acme")
	cfg := testRoleConfig(e, "deployer", "", `["project.read"]`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// Permissions changed outside Terraform are planned back in place.
				PreConfig: outOfBand(t, "change role", func(ctx context.Context) error {
					_, err := e.Client.Roles.Update(ctx, "acme", "deployer", client.RoleUpdateOptions{Permissions: &[]string{"clusters.read"}})
					return err
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_role.r", plancheck.ResourceActionUpdate)},
				},
			},
			{
				PreConfig: outOfBand(t, "delete role", func(ctx context.Context) error {
					return e.Client.Roles.Delete(ctx, "acme", "deployer", 0)
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_role.r", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccRoleResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The message lists the whole catalogue.
				Config:      testRoleConfig(e, "deployer", "", `["projects.create", "clusters.delete"]`),
				PlanOnly:    true,
				ExpectError: errorText(`value must be one of: ["workspace.read" "workspace.update"`),
			},
			{
				Config:      testRoleConfig(e, "deployer", "", `[]`),
				PlanOnly:    true,
				ExpectError: errorText("set must contain at least 1 elements"),
			},
			{
				Config:      testRoleConfig(e, "viewer", "", `["project.read"]`),
				PlanOnly:    true,
				ExpectError: errorText("name must not be a built-in role (owner, admin, member, viewer)"),
			},
		},
	})
}

// TestAccRoleResource_notEnterprise: the server's refusal on another plan reaches the user.
func TestAccRoleResource_notEnterprise(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      testRoleConfig(e, "deployer", "", `["project.read"]`),
			ExpectError: errorText("code: quota_exceeded (HTTP 409)"),
		}},
	})
}
