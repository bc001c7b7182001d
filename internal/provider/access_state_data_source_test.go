package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccAccessStateDataSource_basic follows a workspace through every access state as the
// payment processor moves its subscription: the data source answers in each, suspended
// included.
func TestAccAccessStateDataSource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	config := e.providerBlockWith(e.Token, "acme") + `
data "platform_access_state" "acme" {}
`
	const addr = "data.platform_access_state.acme"
	state := func(state, reason string) []statecheck.StateCheck {
		return []statecheck.StateCheck{
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact(state)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("reason"), knownvalue.StringExact(reason)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("since"), knownvalue.StringRegexp(rfc3339Regexp)),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config, ConfigStateChecks: state("full", "")},
			{
				PreConfig:         e.setSubscriptionStatus(t, ws.ID, client.SubscriptionPastDue),
				Config:            config,
				ConfigStateChecks: state("read_only", "subscription past_due"),
			},
			{
				PreConfig:         e.setSubscriptionStatus(t, ws.ID, client.SubscriptionCanceled),
				Config:            config,
				ConfigStateChecks: state("suspended", "subscription canceled"),
			},
			{
				PreConfig:         e.setSubscriptionStatus(t, ws.ID, client.SubscriptionActive),
				Config:            config,
				ConfigStateChecks: state("full", ""),
			},
		},
	})
}
