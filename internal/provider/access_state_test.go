package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// What a pipeline sees when a customer's workspace stops being writable (docs/platform.md
// section 12, "Access state in the provider"): plans that would write to it fail at plan time
// with the server's message, through the plan-time dry runs; plans that write nothing succeed.

const readOnlyMessage = "workspace is read-only: subscription past_due"

// readOnlyDeleteAtPlan is how a plan refuses a destroy in a read-only workspace (the apply's own
// refusal would read "Could not delete").
const readOnlyDeleteAtPlan = "Cannot delete platform_project"

// accessStateConfig is a project web (and api when withAPI) and a member bob (when withBob) in
// workspace acme.
func accessStateConfig(e *testEnv, withWeb, withAPI, withBob bool) string {
	hcl := e.providerBlockWith(e.Token, "acme")
	if withWeb {
		hcl += `
resource "platform_project" "web" {
  slug = "web"
  name = "Web"
}
`
	}
	if withAPI {
		hcl += `
resource "platform_project" "api" {
  slug = "app"
  name = "App"
}
`
	}
	if withBob {
		hcl += `
resource "platform_workspace_member" "bob" {
  email = "bob@example.com"
  role  = "member"
}
`
	}
	return hcl
}

// TestAccAccessState_readOnly: once the subscription is past_due, a plan that creates a project,
// changes one or destroys one fails at plan time with the server's message, while the unchanged
// configuration plans nothing and removing a member (allowed in a read-only workspace) applies.
// When the subscription is active again, the project is created.
func TestAccAccessState_readOnly(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: accessStateConfig(e, true, false, true)},
			{
				// Nothing to write: the plan is empty and succeeds.
				PreConfig: e.setSubscriptionStatus(t, ws.ID, client.SubscriptionPastDue),
				Config:    accessStateConfig(e, true, false, true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// A create: refused by its dry run.
				Config:      accessStateConfig(e, true, true, true),
				PlanOnly:    true,
				ExpectError: errorText(readOnlyMessage),
			},
			{
				// An update: refused by its dry run.
				Config:      strings.Replace(accessStateConfig(e, true, false, true), `name = "Web"`, `name = "Web site"`, 1),
				PlanOnly:    true,
				ExpectError: errorText(readOnlyMessage),
			},
			{
				// A destroy in a workspace that the plan keeps: dry-run because the workspace is
				// not writable (it would otherwise be left to the apply).
				Config:      accessStateConfig(e, false, false, true),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(errorText(readOnlyDeleteAtPlan).String() + `(.|\n)*` + errorText("would be refused: "+readOnlyMessage).String()),
			},
			{
				// Removing a member is allowed in a read-only workspace: planned and applied.
				Config: accessStateConfig(e, true, false, false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("platform_workspace_member.bob", plancheck.ResourceActionDestroy),
						plancheck.ExpectResourceAction("platform_project.web", plancheck.ResourceActionNoop),
					},
				},
			},
			{
				// Paid again: the project that was refused is created.
				PreConfig: e.setSubscriptionStatus(t, ws.ID, client.SubscriptionActive),
				Config:    accessStateConfig(e, true, true, false),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_project.api", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("prj_"))),
				},
			},
		},
	})
}

// TestAccAccessState_destroyReadOnly: `terraform destroy` of a configuration in a read-only
// workspace is refused at plan time, before anything is deleted.
func TestAccAccessState_destroyReadOnly(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: accessStateConfig(e, true, true, false)},
			{
				PreConfig:   e.setSubscriptionStatus(t, ws.ID, client.SubscriptionPastDue),
				Config:      accessStateConfig(e, true, true, false),
				Destroy:     true,
				ExpectError: regexp.MustCompile(errorText(readOnlyDeleteAtPlan).String() + `(.|\n)*` + errorText("would be refused: "+readOnlyMessage).String()),
			},
			{
				// Nothing was deleted: both projects are still there, and the plan is empty.
				PreConfig: e.setSubscriptionStatus(t, ws.ID, client.SubscriptionActive),
				Config:    accessStateConfig(e, true, true, false),
				Check: checkOutOfBand(t, "both projects exist", func(ctx context.Context) error {
					list, err := client.Collect(e.Client.Projects.All(ctx, ws.ID))
					if err == nil && len(list) != 2 {
						err = fmt.Errorf("the workspace holds %d projects, want 2", len(list))
					}
					return err
				}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccAccessState_suspended: in a suspended workspace (subscription canceled) even reads of
// its objects are refused, so a plan, a destroy included, fails in its refresh with the
// server's message. (The workspace itself, its subscription, access state and billing still
// answer: TestAccAccessStateDataSource_basic.) Nothing is deleted.
func TestAccAccessState_suspended(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	config := accessStateConfig(e, true, false, false)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig:   e.setSubscriptionStatus(t, ws.ID, client.SubscriptionCanceled),
				Config:      config,
				PlanOnly:    true,
				ExpectError: errorText("workspace is suspended"),
			},
			{
				Config:      config,
				Destroy:     true,
				ExpectError: errorText("workspace is suspended"),
			},
			{
				// Reactivated: the project is still there, unchanged.
				PreConfig: e.setSubscriptionStatus(t, ws.ID, client.SubscriptionActive),
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccAccessState_workspacePlan: the workspace's plan is billing: changing it goes through the
// same code path as the subscription's, and works in a read-only workspace, where other changes
// of the workspace are refused at plan time.
func TestAccAccessState_workspacePlan(t *testing.T) {
	e := newTestEnv(t)
	config := func(name, plan string) string {
		return e.providerBlock() + fmt.Sprintf(`
resource "platform_workspace" "acme" {
  slug = "acme"
  name = %q
  plan = %q
}

data "platform_subscription" "acme" {
  workspace_id = platform_workspace.acme.id
  depends_on   = [platform_workspace.acme]
}
`, name, plan)
	}
	var wsID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("Acme", "free"),
				Check: func(s *terraform.State) error {
					wsID = s.RootModule().Resources["platform_workspace.acme"].Primary.ID
					return nil
				},
			},
			{
				// Shared code path: the subscription follows the workspace's plan.
				Config: config("Acme", "pro"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_subscription.acme", tfjsonpath.New("plan"), knownvalue.StringExact("pro")),
				},
			},
			{
				PreConfig:   func() { e.setSubscriptionStatus(t, wsID, client.SubscriptionPastDue)() },
				Config:      config("Acme Inc", "pro"),
				PlanOnly:    true,
				ExpectError: errorText(readOnlyMessage),
			},
			{
				// Billing is allowed while read-only.
				Config: config("Acme", "enterprise"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_workspace.acme", tfjsonpath.New("plan"), knownvalue.StringExact("enterprise")),
					statecheck.ExpectKnownValue("data.platform_subscription.acme", tfjsonpath.New("plan"), knownvalue.StringExact("enterprise")),
					statecheck.ExpectKnownValue("data.platform_subscription.acme", tfjsonpath.New("status"), knownvalue.StringExact("past_due")),
				},
			},
		},
	})
}

// TestAccAccessState_removeCustomer: a customer whose workspace is read-only or suspended is
// removed in two applies, as the per-customer provisioning guide says: set force_destroy (no
// API call) and forget the workspace's contents (removed blocks; a suspended workspace's objects
// cannot even be refreshed), then destroy the workspace, which deleting takes in every access
// state, with everything in it.
func TestAccAccessState_removeCustomer(t *testing.T) {
	for _, status := range []string{client.SubscriptionPastDue, client.SubscriptionCanceled} {
		t.Run(status, func(t *testing.T) {
			e := newTestEnv(t)
			const workspace = `
resource "platform_workspace" "customer" {
  slug          = "customer"
  name          = "Customer"
  force_destroy = %t
}
`
			const removed = `
removed {
  from = platform_project.web
  lifecycle {
    destroy = false
  }
}
`
			withProject := e.providerBlock() + fmt.Sprintf(workspace, false) + `
resource "platform_project" "web" {
  workspace_id = platform_workspace.customer.id
  slug         = "web"
  name         = "Web"
}
`
			refusal := errorText(readOnlyDeleteAtPlan)
			if status == client.SubscriptionCanceled {
				refusal = errorText("workspace is suspended: subscription canceled")
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: withProject},
					{
						// In one run, the project's delete comes first and is refused.
						PreConfig: outOfBand(t, "subscription "+status, func(ctx context.Context) error {
							_, err := e.clientFor(t, e.Server.AdminToken).Subscriptions.SetStatus(ctx, "customer", status)
							return err
						}),
						Config:      withProject,
						Destroy:     true,
						ExpectError: refusal,
					},
					{Config: e.providerBlock() + fmt.Sprintf(workspace, true) + removed},
					{
						Config: e.providerBlock(),
						Check: checkOutOfBand(t, "the workspace and its project are gone", func(ctx context.Context) error {
							if _, err := e.Client.Workspaces.Get(ctx, "customer"); !isNotFound(err) {
								return fmt.Errorf("workspace customer: %v, want not found", err)
							}
							return nil
						}),
					},
				},
			})
		})
	}
}
