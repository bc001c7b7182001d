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

func TestAccWorkspaceResource_basic(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.config(`
resource "platform_workspace" "w" {
  slug = "acme"
  name = "Acme"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("ws_"))),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("plan"), knownvalue.StringExact("free")),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("settings"), knownvalue.MapSizeExact(0)),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("managing_organization_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("force_destroy"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				ResourceName:      "platform_workspace.w",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("%s", "platform_workspace.w.slug"),
			},
		},
	})
}

func testWorkspaceFullConfig(e *testEnv, slug, name, description, plan, settings string) string {
	return e.config(fmt.Sprintf(`
resource "platform_workspace" "w" {
  slug        = %q
  name        = %q
  description = %q
  plan        = %q
  settings    = %s
}
`, slug, name, description, plan, settings))
}

func TestAccWorkspaceResource_update(t *testing.T) {
	e := newTestEnv(t)
	update := resource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_workspace.w", plancheck.ResourceActionUpdate)},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testWorkspaceFullConfig(e, "acme", "Acme", "First.", "free", `{ region = "eu" }`)},
			{
				Config:           testWorkspaceFullConfig(e, "acme-prod", "Acme Production", "Second.\nWith lines.", "pro", `{ region = "us", tier = "gold" }`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("slug"), knownvalue.StringExact("acme-prod")),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("plan"), knownvalue.StringExact("pro")),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("settings"), knownvalue.MapExact(map[string]knownvalue.Check{
						"region": knownvalue.StringExact("us"), "tier": knownvalue.StringExact("gold"),
					})),
				},
				Check: checkOutOfBand(t, "read workspace", func(ctx context.Context) error {
					ws, err := e.Client.Workspaces.Get(ctx, "acme-prod")
					if err == nil && (ws.Plan != client.PlanPro || ws.Description != "Second.\nWith lines.") {
						err = fmt.Errorf("server has plan %q, description %q", ws.Plan, ws.Description)
					}
					return err
				}),
			},
			{
				// Removing optional attributes returns them to their defaults.
				Config: e.config(`
resource "platform_workspace" "w" {
  slug = "acme-prod"
  name = "Acme Production"
}
`),
				ConfigPlanChecks: update,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("plan"), knownvalue.StringExact("free")),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("settings"), knownvalue.MapSizeExact(0)),
				},
			},
		},
	})
}

func TestAccWorkspaceResource_managingOrganization(t *testing.T) {
	e := newTestEnv(t)
	withOrg := func(ref string) string {
		return e.config(`
resource "platform_organization" "o" {
  slug = "msp"
  name = "Managed Services"
}

resource "platform_workspace" "w" {
  slug                     = "customer"
  name                     = "Customer"
  managing_organization_id = ` + ref + `
}
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: withOrg("platform_organization.o.id"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("platform_workspace.w", tfjsonpath.New("managing_organization_id"),
						"platform_organization.o", tfjsonpath.New("id"), compareSame),
				},
			},
			{
				Config: withOrg("null"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_workspace.w", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace.w", tfjsonpath.New("managing_organization_id"), knownvalue.Null()),
				},
			},
			{Config: withOrg("platform_organization.o.id")},
			{
				// Destroying the organization with the workspace it manages works in one run: the
				// organization's dry-run delete ("still manages 1 workspace") does not fail the
				// plan, since the same run deletes the workspace first.
				Config:  withOrg("platform_organization.o.id"),
				Destroy: true,
			},
		},
	})
}

func TestAccWorkspaceResource_drift(t *testing.T) {
	e := newTestEnv(t)
	cfg := e.config(`
resource "platform_workspace" "w" {
  slug = "acme"
  name = "Acme"
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				// A change made outside Terraform is planned back.
				PreConfig: outOfBand(t, "rename workspace", func(ctx context.Context) error {
					_, err := e.Client.Workspaces.Update(ctx, "acme", client.WorkspaceUpdateOptions{Name: client.String("Renamed")})
					return err
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_workspace.w", plancheck.ResourceActionUpdate)},
				},
			},
			{
				PreConfig: outOfBand(t, "delete workspace", func(ctx context.Context) error {
					return e.Client.Workspaces.Delete(ctx, "acme", client.WorkspaceDeleteOptions{})
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_workspace.w", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccWorkspaceResource_forceDestroy: destroying a workspace that still has a project fails
// with the server's message; with force_destroy = true (set in place, no API call) it succeeds
// and takes the project with it.
func TestAccWorkspaceResource_forceDestroy(t *testing.T) {
	e := newTestEnv(t)
	withForce := func(force bool) string {
		return e.config(fmt.Sprintf(`
resource "platform_workspace" "w" {
  slug          = "acme"
  name          = "Acme"
  force_destroy = %t
}
`, force))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: withForce(false),
				Check: checkOutOfBand(t, "create project", func(ctx context.Context) error {
					_, err := e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"})
					return err
				}),
			},
			{
				Config:      e.providerBlock(),
				ExpectError: errorText(`workspace acme is not empty: it still has 1 project (web)`),
			},
			{
				Config: withForce(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_workspace.w", plancheck.ResourceActionUpdate)},
				},
			},
			{
				Config: e.providerBlock(),
				Check: checkOutOfBand(t, "workspace is gone", func(ctx context.Context) error {
					if _, err := e.Client.Workspaces.Get(ctx, "acme"); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("want not_found, got %v", err)
					}
					return nil
				}),
			},
		},
	})
}

func TestAccWorkspaceResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testWorkspaceFullConfig(e, "acme--prod", "Acme", "", "free", "{}"),
				PlanOnly:    true,
				ExpectError: errorText(`slug must not contain "--"`),
			},
			{
				Config:      testWorkspaceFullConfig(e, "acme", "Acme", "", "gold", "{}"),
				PlanOnly:    true,
				ExpectError: errorText(`value must be one of: ["free" "pro" "enterprise"]`),
			},
			{
				Config:      testWorkspaceFullConfig(e, "acme", "Acme", "", "free", `{ "1st" = "x" }`),
				PlanOnly:    true,
				ExpectError: errorText("key must match ^[a-zA-Z][a-zA-Z0-9_.-]*$"),
			},
			{
				Config: e.config(`
resource "platform_workspace" "w" {
  slug                     = "acme"
  name                     = "Acme"
  managing_organization_id = "msp"
}
`),
				PlanOnly:    true,
				ExpectError: errorText("managing_organization_id must be an organization id (org_...)"),
			},
		},
	})
}

// TestAccWorkspaceResource_apiKeyCannotCreate: the server's refusal reaches the user with its
// code and request id.
func TestAccWorkspaceResource_permissionDenied(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	viewer := e.userToken(t, "viewer@example.com")
	if _, err := e.Client.WorkspaceMembers.Create(testCtx(t), "acme", client.WorkspaceMemberCreateOptions{
		Email: "viewer@example.com", Role: client.RoleViewer,
	}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.providerBlockWith(viewer, "") + `
resource "platform_workspace" "w" {
  slug = "acme"
  name = "Acme"
}
`,
				ResourceName:  "platform_workspace.w",
				ImportState:   true,
				ImportStateId: "acme",
				// Import only reads; a viewer may.
				ImportStatePersist: true,
			},
			{
				Config: e.providerBlockWith(viewer, "") + `
resource "platform_workspace" "w" {
  slug = "acme"
  name = "Renamed"
}
`,
				ExpectError: errorText("code: permission_denied (HTTP 403)"),
			},
			{
				// Give the state back to the owner so that the final destroy succeeds.
				Config: e.config(`
resource "platform_workspace" "w" {
  slug = "acme"
  name = "acme"
}
`),
			},
		},
	})
}

// testCustomerConfig is a customer's workspace with what a provisioning module gives it: a
// project, an API key and the customer's owner. With force, force_destroy is set.
func testCustomerConfig(e *testEnv, force bool) string {
	return e.config(fmt.Sprintf(`
resource "platform_workspace" "w" {
  slug          = "customer"
  name          = "Customer"
  plan          = "pro"
  force_destroy = %t
}

resource "platform_project" "web" {
  workspace_id = platform_workspace.w.id
  slug         = "web"
  name         = "Web"
}

resource "platform_api_key" "ci" {
  workspace_id = platform_workspace.w.id
  name         = "CI"
  access       = "read_write"
}

resource "platform_workspace_member" "owner" {
  workspace_id = platform_workspace.w.id
  email        = "cto@customer.example.com"
  role         = "owner"
}
`, force))
}

// workspaceGone checks through the API that the customer's workspace no longer exists.
func workspaceGone(t *testing.T, e *testEnv, slug string) resource.TestCheckFunc {
	return checkOutOfBand(t, "workspace is gone", func(ctx context.Context) error {
		if _, err := e.Client.Workspaces.Get(ctx, slug); !errors.Is(err, client.ErrNotFound) {
			return fmt.Errorf("want not_found, got %v", err)
		}
		return nil
	})
}

// TestAccWorkspaceResource_removeWithContents: a workspace removed from the configuration
// together with everything Terraform manages in it goes in one apply, although Terraform plans
// the workspace before its contents.
func TestAccWorkspaceResource_removeWithContents(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testCustomerConfig(e, false)},
			{
				Config: e.providerBlock(),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("platform_workspace.w", plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction("platform_workspace_member.owner", plancheck.ResourceActionDestroy),
					},
				},
				Check: workspaceGone(t, e, "customer"),
			},
		},
	})
}

// TestAccWorkspaceResource_removalRefusedBeforeDeleting: with a project and a region created in
// the workspace outside Terraform, removing the workspace with its contents stops before
// deleting anything, says what blocks it, and force_destroy then removes it all.
func TestAccWorkspaceResource_removalRefusedBeforeDeleting(t *testing.T) {
	e := newTestEnv(t)
	untouched := outOfBand(t, "nothing was deleted", func(ctx context.Context) error {
		if _, err := e.Client.Projects.Get(ctx, "customer", "web"); err != nil {
			return fmt.Errorf("managed project: %w", err)
		}
		if _, err := e.Client.WorkspaceMembers.Get(ctx, "customer", "cto@customer.example.com"); err != nil {
			return fmt.Errorf("owner membership: %w", err)
		}
		keys, err := e.Client.APIKeys.List(ctx, "customer", client.ListOptions{})
		if err != nil || len(keys.Items) != 1 {
			return fmt.Errorf("api keys: %v, %v", keys, err)
		}
		return nil
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testCustomerConfig(e, false),
				Check: checkOutOfBand(t, "create objects outside Terraform", func(ctx context.Context) error {
					if _, err := e.Client.Projects.Create(ctx, "customer", client.ProjectCreateOptions{Slug: "manual", Name: "Manual"}); err != nil {
						return err
					}
					_, err := e.Client.Regions.Create(ctx, "customer", client.RegionCreateOptions{Name: "eu-manual"})
					return err
				}),
			},
			{
				// Removed from the configuration: the apply checks the whole plan before its
				// first delete in the workspace.
				Config: e.providerBlock(),
				ExpectError: errorText(`this run also deletes its workspace. workspace customer is not empty: besides what ` +
					`this plan deletes, it still has 1 project (manual), 1 region (eu-manual)`),
			},
			{
				// Everything is still there, and Terraform still manages it.
				PreConfig: untouched, Config: testCustomerConfig(e, false), PlanOnly: true,
			},
			{
				// terraform destroy stops the same way.
				Config:      testCustomerConfig(e, false),
				Destroy:     true,
				ExpectError: errorText(`this run also deletes its workspace. workspace customer is not empty`),
			},
			{PreConfig: untouched, Config: testCustomerConfig(e, false), PlanOnly: true},
			{Config: testCustomerConfig(e, true)},
			{Config: e.providerBlock(), Check: workspaceGone(t, e, "customer")},
		},
	})
}

// TestAccWorkspaceResource_removalWithoutOwnership: when the customer's owner has removed the
// vendor's user, the vendor (still admin through the managing organization) cannot delete the
// workspace; removing the customer then fails at plan time, before anything is deleted.
func TestAccWorkspaceResource_removalWithoutOwnership(t *testing.T) {
	e := newTestEnv(t)
	org := e.organization(t, "msp")
	customer := e.clientFor(t, e.userToken(t, "cto@customer.example.com"))
	cfg := e.config(`
resource "platform_workspace" "w" {
  slug                     = "customer"
  name                     = "Customer"
  managing_organization_id = "` + org.ID + `"
}

resource "platform_project" "web" {
  workspace_id = platform_workspace.w.id
  slug         = "web"
  name         = "Web"
}

resource "platform_workspace_member" "owner" {
  workspace_id = platform_workspace.w.id
  email        = "cto@customer.example.com"
  role         = "owner"
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "the customer removes the vendor", func(ctx context.Context) error {
					return customer.WorkspaceMembers.Delete(ctx, "customer", testOwnerEmail, 0)
				}),
				Config:      e.providerBlock(),
				ExpectError: errorText("Deleting workspace customer would be refused, so nothing of it is deleted"),
			},
			{
				PreConfig: outOfBand(t, "nothing was deleted; the customer makes the vendor owner again", func(ctx context.Context) error {
					if _, err := e.Client.Projects.Get(ctx, "customer", "web"); err != nil {
						return err
					}
					_, err := customer.WorkspaceMembers.Create(ctx, "customer", client.WorkspaceMemberCreateOptions{
						Email: testOwnerEmail, Role: client.RoleOwner})
					return err
				}),
				Config: cfg, PlanOnly: true,
			},
		},
	})
}

// TestAccWorkspaceResource_removeWithCustomRoleMember: a member holding a custom role is
// removed before the role, also when the run deletes their workspace (found by make demo).
func TestAccWorkspaceResource_removeWithCustomRoleMember(t *testing.T) {
	e := newTestEnv(t)
	cfg := e.config(`
resource "platform_workspace" "w" {
  slug = "customer"
  name = "Customer"
  plan = "enterprise"
}

resource "platform_role" "auditor" {
  workspace_id = platform_workspace.w.id
  name         = "auditor"
  permissions  = ["workspace.read", "members.read"]
}

resource "platform_workspace_member" "auditor" {
  workspace_id = platform_workspace.w.id
  email        = "audit@customer.example.com"
  role         = platform_role.auditor.id
}

resource "platform_workspace_member" "owner" {
  workspace_id = platform_workspace.w.id
  email        = "cto@customer.example.com"
  role         = "owner"
}
`)
	for _, removal := range []string{"configuration", "destroy"} {
		t.Run(removal, func(t *testing.T) {
			steps := []resource.TestStep{{Config: cfg}}
			if removal == "configuration" {
				steps = append(steps, resource.TestStep{Config: e.providerBlock(), Check: workspaceGone(t, e, "customer")})
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps:                    steps,
				CheckDestroy: func(*terraform.State) error {
					if _, err := e.Client.Workspaces.Get(testCtx(t), "customer"); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("workspace after destroy: want not_found, got %v", err)
					}
					return nil
				},
			})
		})
	}
}
