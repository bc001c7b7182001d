package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func testWorkspaceMemberConfig(e *testEnv, ws *client.Workspace, email, role string) string {
	return e.config(`
resource "platform_workspace_member" "m" {
  workspace_id = "` + ws.ID + `"
  email        = "` + email + `"
  role         = "` + role + `"
}
`)
}

func TestAccWorkspaceMemberResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testWorkspaceMemberConfig(e, ws, "alice@example.com", "member"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("user_id"), knownvalue.StringRegexp(prefixRegexp("usr_"))),
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("status"), knownvalue.StringExact("invited")),
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
				},
			},
			{
				ResourceName:      "platform_workspace_member.m",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("acme/%s", "platform_workspace_member.m.email"),
			},
			{
				ResourceName:    "platform_workspace_member.m",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/alice@example.com",
				GenerateConfig:  true,
			},
		},
	})
}

// TestAccWorkspaceMemberResource_update changes the role in place (built-in, then a custom role:
// the same membership, PATCHed, as its version shows); an e-mail that differs only in case is
// the same member; another e-mail replaces the membership.
func TestAccWorkspaceMemberResource_update(t *testing.T) {
	e := newTestEnv(t)
	ctx := testCtx(t)
	ws, err := e.Client.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: "acme", Name: "Acme", Plan: client.PlanEnterprise})
	if err != nil {
		t.Fatal(err)
	}
	role, err := e.Client.Roles.Create(ctx, "acme", client.RoleCreateOptions{
		Name: "deployer", Permissions: []string{"clusters.read", "clusters.manage", "project.read"},
	})
	if err != nil {
		t.Fatal(err)
	}
	update := resource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{
			plancheck.ExpectResourceAction("platform_workspace_member.m", plancheck.ResourceActionUpdate),
			// A role change cannot change the status: the plan keeps "invited", not "known after apply".
			plancheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("status"), knownvalue.StringExact("invited")),
		},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testWorkspaceMemberConfig(e, ws, "alice@example.com", "member")},
			{
				Config:           testWorkspaceMemberConfig(e, ws, "Alice@Example.com", "admin"),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("role"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("email"), knownvalue.StringExact("Alice@Example.com")),
				},
			},
			{
				Config:           testWorkspaceMemberConfig(e, ws, "Alice@Example.com", role.ID),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("role"), knownvalue.StringExact(role.ID)),
				},
				Check: checkOutOfBand(t, "read member", func(ctx context.Context) error {
					m, err := e.Client.WorkspaceMembers.Get(ctx, "acme", "alice@example.com")
					if err == nil && (m.Role != role.ID || m.Version != 3) {
						err = fmt.Errorf("server has role %q at version %d, want %q at version 3 (two updates, never re-added)", m.Role, m.Version, role.ID)
					}
					return err
				}),
			},
			{
				Config: testWorkspaceMemberConfig(e, ws, "bob@example.com", role.ID),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_workspace_member.m", plancheck.ResourceActionReplace)},
				},
			},
		},
	})
}

// TestAccWorkspaceMemberResource_acceptInvitation: the invited user first uses the workspace
// with their own token, which turns the membership active; that is no diff, and a later role
// change keeps the status known in the plan.
func TestAccWorkspaceMemberResource_acceptInvitation(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testWorkspaceMemberConfig(e, ws, "alice@example.com", "member"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("status"), knownvalue.StringExact("invited")),
				},
			},
			{
				PreConfig: outOfBand(t, "alice signs in and uses the workspace", func(ctx context.Context) error {
					alice := e.clientFor(t, e.userToken(t, "alice@example.com"))
					if _, err := alice.Me.Get(ctx); err != nil {
						return err
					}
					if m, err := e.Client.WorkspaceMembers.Get(ctx, "acme", "alice@example.com"); err != nil || m.Status != client.MemberInvited {
						return fmt.Errorf("signing in alone activated the membership: %+v, %v", m, err)
					}
					_, err := alice.Workspaces.Get(ctx, "acme")
					return err
				}),
				Config: testWorkspaceMemberConfig(e, ws, "alice@example.com", "member"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("status"), knownvalue.StringExact("active")),
				},
			},
			{
				Config: testWorkspaceMemberConfig(e, ws, "alice@example.com", "viewer"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("platform_workspace_member.m", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("platform_workspace_member.m", tfjsonpath.New("status"), knownvalue.StringExact("active")),
					},
				},
			},
		},
	})
}

func TestAccWorkspaceMemberResource_drift(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	cfg := testWorkspaceMemberConfig(e, ws, "alice@example.com", "member")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "remove member", func(ctx context.Context) error {
					return e.Client.WorkspaceMembers.Delete(ctx, "acme", "alice@example.com", 0)
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_workspace_member.m", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccWorkspaceMemberResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	ws := &client.Workspace{ID: "ws_abc"} // plan-time errors: never reaches the server
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testWorkspaceMemberConfig(e, ws, "alice@example.com", "superuser"),
				PlanOnly:    true,
				ExpectError: errorText("role must be one of owner, admin, member, viewer, or a custom role id (role_...)"),
			},
			{
				Config:      testWorkspaceMemberConfig(e, ws, "alice.example.com", "member"),
				PlanOnly:    true,
				ExpectError: errorText("email must be a plain e-mail address such as alice@example.com"),
			},
			{
				// A custom role must exist in the workspace: the server's message, with its code.
				Config:      testWorkspaceMemberConfig(e, e.workspace(t, "acme"), "alice@example.com", "role_zzzzzzzz"),
				ExpectError: errorText("custom role role_zzzzzzzz does not exist in this workspace"),
			},
		},
	})
}

// testOwnMembershipConfig is a workspace together with the caller's own owner membership
// (imported: the creator is its owner already); without member, the workspace alone.
func testOwnMembershipConfig(e *testEnv, member bool) string {
	hcl := `
resource "platform_workspace" "w" {
  slug = "acme"
  name = "Acme"
}
`
	if member {
		hcl += `
import {
  to = platform_workspace_member.me
  id = "acme/` + testOwnerEmail + `"
}

resource "platform_workspace_member" "me" {
  workspace_id = platform_workspace.w.id
  email        = "` + testOwnerEmail + `"
  role         = "owner"
}
`
	}
	return e.config(hcl)
}

// TestAccWorkspaceMemberResource_lastOwner: removing only the last owner's membership fails at
// plan time; destroying the workspace with it (removed from the configuration, or by terraform
// destroy at the end of the test) works in one run, the membership going with the workspace.
func TestAccWorkspaceMemberResource_lastOwner(t *testing.T) {
	e := newTestEnv(t)
	for _, removal := range []string{"configuration", "destroy"} {
		t.Run(removal, func(t *testing.T) {
			steps := []resource.TestStep{
				{Config: testOwnMembershipConfig(e, false)},
				{Config: testOwnMembershipConfig(e, true)},
				{
					Config:      testOwnMembershipConfig(e, false),
					ExpectError: errorText("This plan removes the membership of " + testOwnerEmail + " (owner)"),
				},
				{
					PreConfig: outOfBand(t, "membership kept", func(ctx context.Context) error {
						_, err := e.Client.WorkspaceMembers.Get(ctx, "acme", testOwnerEmail)
						return err
					}),
					Config: testOwnMembershipConfig(e, true), PlanOnly: true,
				},
			}
			if removal == "configuration" {
				steps = append(steps, resource.TestStep{Config: e.providerBlock(), Check: workspaceGone(t, e, "acme")})
			}
			// Otherwise the test's final terraform destroy deletes both, and must succeed.
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    steps,
				CheckDestroy: func(*terraform.State) error {
					_, err := e.Client.Workspaces.Get(testCtx(t), "acme")
					if !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("workspace after destroy: want not_found, got %v", err)
					}
					return nil
				},
			})
		})
	}
}
