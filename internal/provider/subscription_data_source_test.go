package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// setSubscriptionStatus is a PreConfig that makes the platform administrator simulate the
// payment processor: the workspace's subscription goes to status.
func (e *testEnv) setSubscriptionStatus(t *testing.T, ws, status string) func() {
	admin := e.clientFor(t, e.Server.AdminToken)
	return outOfBand(t, "subscription "+status, func(ctx context.Context) error {
		_, err := admin.Subscriptions.SetStatus(ctx, ws, status)
		return err
	})
}

// TestAccSubscriptionDataSource_basic reads the subscription of the provider's default workspace
// and of another one by id, and follows changes made outside Terraform: a plan change through
// the subscription, cancel_at_period_end, and the status the payment processor sets.
func TestAccSubscriptionDataSource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	other := e.enterpriseWorkspace(t, "other")
	config := e.providerBlockWith(e.Token, "acme") + `
data "platform_subscription" "default" {}

data "platform_subscription" "other" {
  workspace_id = "` + other.ID + `"
}
`
	const addr = "data.platform_subscription.default"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("plan"), knownvalue.StringExact("free")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cancel_at_period_end"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("current_period_end"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_subscription.other", tfjsonpath.New("plan"), knownvalue.StringExact("enterprise")),
				},
			},
			{
				PreConfig: outOfBand(t, "upgrade through the subscription", func(ctx context.Context) error {
					_, err := e.Client.Subscriptions.Update(ctx, "acme", client.SubscriptionUpdateOptions{
						Plan: client.Ptr(client.PlanPro), CancelAtPeriodEnd: client.Ptr(true)})
					return err
				}),
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("plan"), knownvalue.StringExact("pro")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("cancel_at_period_end"), knownvalue.Bool(true)),
				},
			},
			{
				PreConfig: e.setSubscriptionStatus(t, ws.ID, client.SubscriptionPastDue),
				Config:    config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("past_due")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("plan"), knownvalue.StringExact("pro")),
				},
			},
		},
	})
}
