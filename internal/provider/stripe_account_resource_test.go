package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

const stripeAccountAddr = "platform_stripe_account.s"

// stripeAccountSyncStrings are inputs of validators_sync_test.go for the country and business
// type: assigned and unassigned codes, case, length.
func stripeAccountSyncStrings() []string {
	return []string{"US", "DE", "GB", "UK", "AA", "ZZ", "de", "De", "dE", "D", "DEU", "D1", "1D", "Ü1", "ÄÖ",
		"individual", "company", "Company", "llc"}
}

// stripeAccountRefuses: an account the domain accepts, with one field changed by set.
func stripeAccountRefuses(field string, set func(a *platform.StripeAccount)) bool {
	a := platform.StripeAccount{Country: "DE", BusinessType: platform.BusinessCompany, Email: "billing@acme.example",
		Status: platform.StripeOnboarding}
	set(&a)
	return refuses(a.Validate(), field)
}

// newStripeTestEnv is newTestEnv with onboarding (the server's operation delay) short but
// noticeable, so the waits are exercised and the suite stays fast.
func newStripeTestEnv(t *testing.T) *testEnv {
	return newTestEnv(t, servertest.WithClusterDelay(200*time.Millisecond))
}

// stripeAccountConfig is a platform_stripe_account "s" in the default workspace acme.
func stripeAccountConfig(e *testEnv, country, businessType, email, extra string) string {
	return e.providerBlockWith(e.Token, "acme") + fmt.Sprintf(`
resource "platform_stripe_account" "s" {
  country       = %q
  business_type = %q
  email         = %q
%s}
`, country, businessType, email, extra)
}

// stripeAccountGone checks (as CheckDestroy) that workspace ws has no Stripe account left.
func stripeAccountGone(t *testing.T, e *testEnv, ws string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		a, err := e.Client.StripeAccounts.Get(testCtx(t), ws)
		if isNotFound(err) {
			return nil
		}
		if err == nil {
			err = fmt.Errorf("Stripe account left after destroy: %s (%s)", a.ID, a.Status)
		}
		return err
	}
}

// onboardingURLNotInState checks that the state holds no onboarding link: no attribute named
// after it, and not the server's URL in any value.
func onboardingURLNotInState(t *testing.T, e *testEnv) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		a, err := e.Client.StripeAccounts.Get(testCtx(t), "acme")
		if err != nil {
			return err
		}
		url := a.OnboardingURL.Reveal()
		for addr, rs := range s.RootModule().Resources {
			for k, v := range rs.Primary.Attributes {
				if strings.Contains(k, "onboarding") || (url != "" && strings.Contains(v, url)) {
					return fmt.Errorf("%s.%s holds the onboarding link", addr, k)
				}
			}
		}
		return nil
	}
}

func stripeAccountStatus(status string, enabled bool) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("status"), knownvalue.StringExact(status)),
		statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("charges_enabled"), knownvalue.Bool(enabled)),
		statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("payouts_enabled"), knownvalue.Bool(enabled)),
	}
}

// TestAccStripeAccountResource_basic creates an account in the provider's default workspace,
// waits for onboarding, imports it by workspace slug and id, changes the e-mail in place, and
// replaces the account for another country.
func TestAccStripeAccountResource_basic(t *testing.T) {
	e := newStripeTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             stripeAccountGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{
				Config: stripeAccountConfig(e, "DE", "company", "Billing@Acme.example", ""),
				ConfigStateChecks: append(stripeAccountStatus("active", true),
					statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("acct_"))),
					statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("email"), knownvalue.StringExact("Billing@Acme.example")),
					statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				),
				Check: onboardingURLNotInState(t, e),
			},
			{
				ResourceName:      stripeAccountAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme",
				// The API answers the e-mail lower-case; the configuration's spelling is kept.
				ImportStateVerifyIgnore: []string{"timeouts", "email"},
			},
			{
				ResourceName:            stripeAccountAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateId:           ws.ID,
				ImportStateVerifyIgnore: []string{"timeouts", "email"},
			},
			{
				Config:          e.providerBlockWith(e.Token, "acme"),
				ResourceName:    stripeAccountAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme",
				GenerateConfig:  true,
			},
			{
				// Only the case of the e-mail: the state takes the new spelling, the API is not asked.
				Config:            stripeAccountConfig(e, "DE", "company", "billing@acme.example", ""),
				ConfigPlanChecks:  expectAction(stripeAccountAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: stripeAccountStatus("active", true),
			},
			{
				Config:            stripeAccountConfig(e, "DE", "company", "payments@acme.example", ""),
				ConfigPlanChecks:  expectAction(stripeAccountAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: stripeAccountStatus("active", true),
				Check: checkOutOfBand(t, "read account", func(ctx context.Context) error {
					a, err := e.Client.StripeAccounts.Get(ctx, "acme")
					if err == nil && (a.Email != "payments@acme.example" || a.Status != client.StripeAccountActive) {
						err = fmt.Errorf("account: %s %s", a.Email, a.Status)
					}
					return err
				}),
			},
			{
				Config:            stripeAccountConfig(e, "FR", "company", "payments@acme.example", ""),
				ConfigPlanChecks:  expectAction(stripeAccountAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: append(stripeAccountStatus("active", true), statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("country"), knownvalue.StringExact("FR"))),
			},
			{
				Config:           stripeAccountConfig(e, "FR", "individual", "payments@acme.example", ""),
				ConfigPlanChecks: expectAction(stripeAccountAddr, plancheck.ResourceActionDestroyBeforeCreate),
			},
		},
	})
}

// TestAccStripeAccountResource_restricted: onboarding that ends restricted fails the apply with
// the reason and what to do; the account stays in the state (restricted, tainted), so the next
// apply replaces it, and another e-mail then gets an active account.
func TestAccStripeAccountResource_restricted(t *testing.T) {
	e := newStripeTestEnv(t)
	ws := e.workspace(t, "acme")
	cfg := stripeAccountConfig(e, "US", "individual", "restricted-owner@acme.example", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             stripeAccountGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{
				Config:      cfg,
				ExpectError: errorText(`ended restricted: charges are disabled (charges_enabled = false)`),
			},
			{
				PreConfig: outOfBand(t, "read restricted account", func(ctx context.Context) error {
					a, err := e.Client.StripeAccounts.Get(ctx, "acme")
					if err == nil && (a.Status != client.StripeAccountRestricted || a.ChargesEnabled) {
						err = fmt.Errorf("account is %s (charges %t), want restricted", a.Status, a.ChargesEnabled)
					}
					return err
				}),
				// Same configuration: only the taint explains a replacement, which ends restricted again.
				Config:           cfg,
				ConfigPlanChecks: expectAction(stripeAccountAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ExpectError:      errorText(`e-mail starts with "restricted"`),
			},
			{
				Config:            stripeAccountConfig(e, "US", "individual", "owner@acme.example", ""),
				ConfigPlanChecks:  expectAction(stripeAccountAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: stripeAccountStatus("active", true),
			},
			{
				// The platform restarts onboarding only for a restricted account: a new e-mail on an
				// active account, even a "restricted" one, is just recorded.
				Config:            stripeAccountConfig(e, "US", "individual", "restricted@acme.example", ""),
				ConfigPlanChecks:  expectAction(stripeAccountAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: stripeAccountStatus("active", true),
			},
		},
	})
}

// TestAccStripeAccountResource_onboardAgain: a restricted account imported into the state (so
// not tainted) gets a new e-mail in place, which starts onboarding again, and apply waits for
// it: a "restricted" e-mail fails the update and leaves the account restricted in the state;
// another one ends active.
func TestAccStripeAccountResource_onboardAgain(t *testing.T) {
	e := newStripeTestEnv(t)
	ws := e.workspace(t, "acme")
	if _, _, err := e.Client.StripeAccounts.Put(testCtx(t), "acme", client.StripeAccountOptions{Country: "US",
		BusinessType: "individual", Email: "restricted-a@acme.example"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.StripeAccounts.WaitForStatus(testCtx(t), "acme", client.StripeAccountRestricted); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             stripeAccountGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{
				Config:             stripeAccountConfig(e, "US", "individual", "restricted-a@acme.example", ""),
				ResourceName:       stripeAccountAddr,
				ImportState:        true,
				ImportStateId:      "acme",
				ImportStatePersist: true,
			},
			{
				Config:           stripeAccountConfig(e, "US", "individual", "restricted-b@acme.example", ""),
				ConfigPlanChecks: expectAction(stripeAccountAddr, plancheck.ResourceActionUpdate),
				ExpectError:      errorText(`ended restricted`),
			},
			{
				RefreshState: true,
				Check: resource.ComposeTestCheckFunc(
					resource.TestCheckResourceAttr(stripeAccountAddr, "email", "restricted-b@acme.example"),
					resource.TestCheckResourceAttr(stripeAccountAddr, "status", "restricted"),
					resource.TestCheckResourceAttr(stripeAccountAddr, "charges_enabled", "false"),
				),
			},
			{
				Config:            stripeAccountConfig(e, "US", "individual", "owner@acme.example", ""),
				ConfigPlanChecks:  expectAction(stripeAccountAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: stripeAccountStatus("active", true),
			},
		},
	})
}

// TestAccStripeAccountResource_drift: an e-mail changed outside Terraform is planned back, and
// an account deleted outside Terraform is created again.
func TestAccStripeAccountResource_drift(t *testing.T) {
	e := newStripeTestEnv(t)
	ws := e.workspace(t, "acme")
	cfg := stripeAccountConfig(e, "NL", "company", "billing@acme.example", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             stripeAccountGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "change e-mail", func(ctx context.Context) error {
					a, opID, err := e.Client.StripeAccounts.Put(ctx, "acme", client.StripeAccountOptions{Country: "NL",
						BusinessType: "company", Email: "other@acme.example"})
					if err == nil && (opID != "" || a.Status == client.StripeAccountOnboarding) {
						_, err = e.Client.StripeAccounts.WaitForStatus(ctx, "acme", client.StripeAccountActive)
					}
					return err
				}),
				Config:           cfg,
				ConfigPlanChecks: expectAction(stripeAccountAddr, plancheck.ResourceActionUpdate),
				Check:            resource.TestCheckResourceAttr(stripeAccountAddr, "email", "billing@acme.example"),
			},
			{
				PreConfig: outOfBand(t, "delete", func(ctx context.Context) error {
					return e.Client.StripeAccounts.Delete(ctx, "acme", 0)
				}),
				Config:            cfg,
				ConfigPlanChecks:  expectAction(stripeAccountAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: stripeAccountStatus("active", true),
			},
		},
	})
}

// TestAccStripeAccountResource_badInput: the plan refuses what the server would, naming the
// attribute: the form of the country, the business type, the e-mail; a country code that is
// not assigned through the dry run; and an account the workspace already has.
func TestAccStripeAccountResource_badInput(t *testing.T) {
	e := newStripeTestEnv(t)
	e.workspace(t, "acme")
	planError := func(want, country, businessType, email string) resource.TestStep {
		return resource.TestStep{
			Config:      stripeAccountConfig(e, country, businessType, email, ""),
			PlanOnly:    true,
			ExpectError: errorText(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planError("country must be upper case (DE)", "de", "company", "billing@acme.example"),
			planError("country must be an ISO 3166-1 alpha-2 country code: two upper-case letters such as US or DE",
				"DEU", "company", "billing@acme.example"),
			planError(`business_type value must be one of: ["individual" "company"]`, "DE", "llc", "billing@acme.example"),
			planError("email must be a plain e-mail address", "DE", "company", "billing"),
			planError("the United Kingdom is GB", "UK", "company", "billing@acme.example"),
			{
				PreConfig: outOfBand(t, "create account", func(ctx context.Context) error {
					_, _, err := e.Client.StripeAccounts.Put(ctx, "acme", client.StripeAccountOptions{Country: "DE",
						BusinessType: "company", Email: "billing@acme.example"})
					return err
				}),
				Config:      stripeAccountConfig(e, "DE", "company", "billing@acme.example", ""),
				ExpectError: errorText("the workspace already has a Stripe account"),
			},
		},
	})
}

// TestAccStripeAccountResource_permission: managing the account needs billing.manage, which a
// read_write API key lacks: the plan already says so.
func TestAccStripeAccountResource_permission(t *testing.T) {
	e := newStripeTestEnv(t)
	e.workspace(t, "acme")
	key, err := e.Client.APIKeys.Create(testCtx(t), "acme", client.APIKeyCreateOptions{Name: "ci", Access: client.AccessReadWrite})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(key.Secret.Reveal(), "acme") + `
resource "platform_stripe_account" "s" {
  country       = "DE"
  business_type = "company"
  email         = "billing@acme.example"
}
`,
			PlanOnly:    true,
			ExpectError: errorText("billing.manage"),
		}},
	})
}

// TestAccStripeAccountResource_createTimeout: onboarding that outlasts timeouts.create fails
// with the timeout named; the account saved before the wait is destroyed with the test.
func TestAccStripeAccountResource_createTimeout(t *testing.T) {
	e := newTestEnv(t, servertest.WithClusterDelay(2*time.Second))
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             stripeAccountGone(t, e, ws.ID),
		Steps: []resource.TestStep{{
			Config:      stripeAccountConfig(e, "DE", "company", "billing@acme.example", "  timeouts {\n    create = \"100ms\"\n  }\n"),
			ExpectError: errorText("was not active within the create timeout (100ms)"),
		}},
	})
}

// TestAccStripeAccountResource_paidProduct: a pro workspace sets up its Stripe account and lists
// a paid product that depends on it in one configuration: the plan accepts the listing (the
// account this plan creates lifts the server's refusal), the apply lists the product after
// onboarding, the next plan is empty, and the account cannot be deleted while the product is
// listed with a price, so a destroy removes the product first.
func TestAccStripeAccountResource_paidProduct(t *testing.T) {
	e := newStripeTestEnv(t)
	ws := e.workspace(t, "acme")
	if _, err := e.Client.Workspaces.Update(testCtx(t), "acme", client.WorkspaceUpdateOptions{Plan: client.Ptr(client.PlanPro)}); err != nil {
		t.Fatal(err)
	}
	product := func(dependsOn string) string {
		return `
resource "platform_product" "p" {
  slug       = "shop"
  name       = "Shop"
  visibility = "listed"
  price      = { amount_cents = 4900 }
` + dependsOn + `}
`
	}
	account := stripeAccountConfig(e, "DE", "company", "billing@acme.example", "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             stripeAccountGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{
				Config: account + product("  depends_on = [platform_stripe_account.s]\n"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_product.p", tfjsonpath.New("visibility"), knownvalue.StringExact("listed")),
				},
			},
			{
				PreConfig: outOfBand(t, "delete the account under a paid listed product", func(ctx context.Context) error {
					err := e.Client.StripeAccounts.Delete(ctx, "acme", 0)
					if !errors.Is(err, client.ErrFailedPrecondition) {
						return fmt.Errorf("delete = %v, want failed_precondition", err)
					}
					return nil
				}),
				Config:   account + product("  depends_on = [platform_stripe_account.s]\n"),
				PlanOnly: true,
			},
		},
	})
}

// TestAccStripeAccountResource_withWorkspace: a workspace, its Stripe account and a paid listed
// product made in one configuration (as in the quickstart) are planned, applied, planned again
// without changes and destroyed together in one run.
func TestAccStripeAccountResource_withWorkspace(t *testing.T) {
	e := newStripeTestEnv(t)
	cfg := e.providerBlock() + `
resource "platform_workspace" "w" {
  slug = "vendor"
  name = "Vendor"
  plan = "pro"
}

resource "platform_stripe_account" "s" {
  workspace_id  = platform_workspace.w.id
  country       = "DE"
  business_type = "company"
  email         = "billing@vendor.example"
}

resource "platform_product" "p" {
  workspace_id = platform_workspace.w.id
  slug         = "shop"
  name         = "Shop"
  visibility   = "listed"
  price        = { amount_cents = 4900 }
  depends_on   = [platform_stripe_account.s]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			_, err := e.Client.Workspaces.Get(testCtx(t), "vendor")
			if !isNotFound(err) {
				return fmt.Errorf("workspace after destroy: %v", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(stripeAccountAddr, tfjsonpath.New("charges_enabled"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("platform_product.p", tfjsonpath.New("visibility"), knownvalue.StringExact("listed")),
				},
			},
			{Config: cfg, PlanOnly: true},
		},
	})
}

// TestAccStripeAccountResource_paidInstall: once a vendor's paid product is listed (its Stripe
// account onboarded), installing it starts a charge, so it also needs billing.manage on the
// installing workspace: a read_write API key (installations.manage, no billing.manage) is
// refused at plan time, and the workspace's owner installs it.
func TestAccStripeAccountResource_paidInstall(t *testing.T) {
	e := newStripeTestEnv(t)
	ctx := testCtx(t)
	if _, err := e.Client.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: "vendor", Name: "Vendor", Plan: client.PlanPro}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Client.StripeAccounts.Put(ctx, "vendor", client.StripeAccountOptions{Country: "DE",
		BusinessType: client.BusinessTypeCompany, Email: "billing@vendor.example"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.StripeAccounts.WaitForStatus(ctx, "vendor", client.StripeAccountActive); err != nil {
		t.Fatal(err)
	}
	prod, err := e.Client.Products.Create(ctx, "vendor", client.ProductCreateOptions{Slug: "shop", Name: "Shop",
		Visibility: client.VisibilityListed, Price: &client.PriceOptions{AmountCents: client.Ptr(int64(4900))}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.Releases.Create(ctx, "vendor", "shop", client.ReleaseCreateOptions{Tag: "1.0.0",
		Chart: "oci://charts.example.com/shop:1.0.0"}); err != nil {
		t.Fatal(err)
	}
	e.workspace(t, "acme")
	cl := e.runningCluster(t, "acme", "prod-eu")
	key, err := e.Client.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "ci", Access: client.AccessReadWrite})
	if err != nil {
		t.Fatal(err)
	}
	install := fmt.Sprintf(`
resource "platform_installation" "shop" {
  name       = "shop"
  cluster_id = %q
  product_id = %q
  tag        = "1.0.0"
}
`, cl.ID, prod.ID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlockWith(key.Secret.Reveal(), "acme") + install,
				PlanOnly:    true,
				ExpectError: errorText("billing.manage"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + install,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_installation.shop", tfjsonpath.New("status"), knownvalue.StringExact("installed")),
				},
			},
		},
	})
}
