package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccStripeAccountDataSource reads the default workspace's onboarded account and another
// workspace's by id; a workspace without an account is an error saying so.
func TestAccStripeAccountDataSource(t *testing.T) {
	e := newStripeTestEnv(t)
	ws := e.workspace(t, "acme")
	other := e.workspace(t, "other")
	a, _, err := e.Client.StripeAccounts.Put(testCtx(t), "acme", client.StripeAccountOptions{Country: "DE",
		BusinessType: client.BusinessTypeCompany, Email: "Billing@Acme.example"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.StripeAccounts.WaitForStatus(testCtx(t), "acme", client.StripeAccountActive); err != nil {
		t.Fatal(err)
	}
	const addr = "data.platform_stripe_account.s"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.providerBlockWith(e.Token, "acme") + `data "platform_stripe_account" "s" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(a.ID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("country"), knownvalue.StringExact("DE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("business_type"), knownvalue.StringExact("company")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("email"), knownvalue.StringExact("billing@acme.example")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("charges_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("payouts_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				Config:      e.providerBlock() + `data "platform_stripe_account" "s" { workspace_id = "` + other.ID + `" }`,
				ExpectError: regexp.MustCompile(`workspace "other" has no Stripe account`),
			},
		},
	})
}

// stripeAccountExampleFixture gives TestAccExamples' workspace acme the Stripe account that the
// data source example reads.
func stripeAccountExampleFixture(t *testing.T, e *testEnv) {
	t.Helper()
	if _, _, err := e.Client.StripeAccounts.Put(testCtx(t), "acme", client.StripeAccountOptions{Country: "DE",
		BusinessType: client.BusinessTypeCompany, Email: "billing@acme.example"}); err != nil {
		t.Fatalf("create Stripe account: %v", err)
	}
}
