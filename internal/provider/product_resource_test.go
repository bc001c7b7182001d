package provider

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

const productAddr = "platform_product.p"

// productConfig is a platform_product "p" with the given arguments (HCL lines).
func productConfig(args ...string) string {
	return "resource \"platform_product\" \"p\" {\n  " + strings.Join(args, "\n  ") + "\n}\n"
}

// priceCheck checks the whole price object.
func priceCheck(amount int64, currency, interval string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"amount_cents": knownvalue.Int64Exact(amount), "currency": knownvalue.StringExact(currency),
		"interval": knownvalue.StringExact(interval),
	})
}

var expectProductUpdate = resource.ConfigPlanChecks{
	PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionUpdate)},
}

// TestAccProductResource_basic creates a product with the defaults in the provider's default
// workspace, imports it by "<workspace slug>/<product slug>" and with an import block that
// generates its configuration.
func TestAccProductResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.providerBlockWith(e.Token, "acme") + productConfig(`slug = "shop"`, `name = "Shop"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("prod_"))),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("visibility"), knownvalue.StringExact("private")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("price"), priceCheck(0, "usd", "month")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("install_count"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				ResourceName:      productAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme/shop",
			},
			{
				// terraform plan -generate-config-out with an import block: the generated
				// configuration plans no change.
				ResourceName:    productAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/shop",
				GenerateConfig:  true,
			},
		},
	})
}

// TestAccProductResource_update changes every attribute in place (a partial price keeps the
// defaults of what it leaves out), and replaces the product when it moves to another workspace.
func TestAccProductResource_update(t *testing.T) {
	e := newTestEnv(t)
	acme := e.workspace(t, "acme")
	beta := e.workspace(t, "beta")
	wsLine := func(id string) string { return fmt.Sprintf("workspace_id = %q", id) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.config(productConfig(wsLine(acme.ID), `slug = "shop"`, `name = "Shop"`,
					`price = { amount_cents = 4900 }`)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("price"), priceCheck(4900, "usd", "month")),
				},
			},
			{
				Config: e.config(productConfig(wsLine(acme.ID), `slug = "store"`, `name = "Store"`, `description = "Sells things."`,
					`price = { amount_cents = 9900, currency = "eur", interval = "year" }`)),
				ConfigPlanChecks: expectProductUpdate,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("slug"), knownvalue.StringExact("store")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("description"), knownvalue.StringExact("Sells things.")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("price"), priceCheck(9900, "eur", "year")),
				},
				Check: checkOutOfBand(t, "read product", func(ctx context.Context) error {
					p, err := e.Client.Products.Get(ctx, "acme", "store")
					if err == nil && (p.Price.AmountCents != 9900 || p.Price.Interval != "year" || p.Version != 2) {
						err = fmt.Errorf("server holds %+v", p)
					}
					return err
				}),
			},
			{
				// Listed for free; removing the price returns it to the default.
				Config:           e.config(productConfig(wsLine(acme.ID), `slug = "store"`, `name = "Store"`, `visibility = "listed"`)),
				ConfigPlanChecks: expectProductUpdate,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("visibility"), knownvalue.StringExact("listed")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("price"), priceCheck(0, "usd", "month")),
				},
			},
			{
				Config: e.config(productConfig(wsLine(beta.ID), `slug = "store"`, `name = "Store"`, `visibility = "listed"`)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(beta.ID)),
				},
				Check: checkOutOfBand(t, "the product left acme", func(ctx context.Context) error {
					list, err := client.Collect(e.Client.Products.All(ctx, "acme"))
					if err == nil && len(list) != 0 {
						err = fmt.Errorf("acme still holds %+v", list)
					}
					return err
				}),
			},
		},
	})
}

// TestAccProductResource_drift: a change made outside Terraform is planned back; a product
// deleted outside Terraform is planned for creation.
func TestAccProductResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := e.providerBlockWith(e.Token, "acme") + productConfig(`slug = "shop"`, `name = "Shop"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "change product", func(ctx context.Context) error {
					_, err := e.Client.Products.Update(ctx, "acme", "shop", client.ProductUpdateOptions{Name: client.String("Changed"),
						Visibility: client.Ptr(client.VisibilityListed), Price: &client.PriceOptions{Currency: client.String("eur")}})
					return err
				}),
				Config:           cfg,
				ConfigPlanChecks: expectProductUpdate,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("name"), knownvalue.StringExact("Shop")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("visibility"), knownvalue.StringExact("private")),
					statecheck.ExpectKnownValue(productAddr, tfjsonpath.New("price"), priceCheck(0, "usd", "month")),
				},
			},
			{
				PreConfig: outOfBand(t, "delete product", func(ctx context.Context) error {
					return e.Client.Products.Delete(ctx, "acme", "shop", 0)
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(productAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccProductResource_badInput: every rule fails the plan, naming the attribute and the rule.
func TestAccProductResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	planError := func(want string, args ...string) resource.TestStep {
		return resource.TestStep{
			Config:      e.providerBlockWith(e.Token, "acme") + productConfig(args...),
			PlanOnly:    true,
			ExpectError: errorText(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			planError("slug must match ^[a-z][a-z0-9-]*[a-z0-9]$", `slug = "Shop"`, `name = "Shop"`),
			planError("visibility must be one of private, listed", `slug = "shop"`, `name = "Shop"`, `visibility = "public"`),
			planError("price.currency must be an ISO 4217 currency code in lower case, such as usd or eur",
				`slug = "shop"`, `name = "Shop"`, `price = { currency = "USD" }`),
			planError("price.interval must be one of month, year", `slug = "shop"`, `name = "Shop"`, `price = { interval = "week" }`),
			planError("price.amount_cents value must be between 0 and 100000000", `slug = "shop"`, `name = "Shop"`,
				`price = { amount_cents = -1 }`),
			planError("workspace_id must be a workspace id (ws_...)", `workspace_id = "acme"`, `slug = "shop"`, `name = "Shop"`),
		},
	})
}

// TestAccProductResource_paidListed: a listed product with a price is refused at plan time, on
// create and on the update that would list it, with the server's reason: the free plan does not
// allow it, and on pro the workspace must take charges: refused without a Stripe account, while
// it onboards and while it is restricted; listed once its onboarding ended active.
func TestAccProductResource_paidListed(t *testing.T) {
	const onboarding = 3 * time.Second
	e := newTestEnv(t, servertest.WithClusterDelay(onboarding))
	e.workspace(t, "acme")
	if _, err := e.Client.Workspaces.Create(testCtx(t), client.WorkspaceCreateOptions{Slug: "pro", Name: "Pro", Plan: client.PlanPro}); err != nil {
		t.Fatal(err)
	}
	paid := []string{`slug = "shop"`, `name = "Shop"`, `visibility = "listed"`, `price = { amount_cents = 4900 }`}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlockWith(e.Token, "acme") + productConfig(paid...),
				PlanOnly:    true,
				ExpectError: errorText("paid listed products are not allowed on the free plan"),
			},
			{
				Config:      e.providerBlockWith(e.Token, "pro") + productConfig(paid...),
				PlanOnly:    true,
				ExpectError: errorText("charges are not enabled: the workspace has no Stripe account"),
			},
			{
				// Private with a price is fine; listing it is refused by the plan.
				Config: e.providerBlockWith(e.Token, "pro") + productConfig(`slug = "shop"`, `name = "Shop"`, `price = { amount_cents = 4900 }`),
			},
			{
				Config:      e.providerBlockWith(e.Token, "pro") + productConfig(paid...),
				ExpectError: errorText("Keep it private, or list it for free (amount_cents = 0)"),
			},
			{
				PreConfig:   func() { e.putStripeAccountViaAPI(t, "pro", "restricted@example.com", "onboarding") },
				Config:      e.providerBlockWith(e.Token, "pro") + productConfig(paid...),
				ExpectError: errorText("is still onboarding"),
			},
			{
				PreConfig:   func() { e.waitStripeAccountViaAPI(t, "pro", "restricted", 2*onboarding) },
				Config:      e.providerBlockWith(e.Token, "pro") + productConfig(paid...),
				ExpectError: errorText("is restricted; give it a new e-mail to onboard again"),
			},
			{
				PreConfig: func() {
					e.putStripeAccountViaAPI(t, "pro", "billing@example.com", "onboarding")
					e.waitStripeAccountViaAPI(t, "pro", "active", 2*onboarding)
				},
				Config: e.providerBlockWith(e.Token, "pro") + productConfig(paid...),
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(productAddr, "visibility", "listed"),
					resource.TestCheckResourceAttr(productAddr, "price.amount_cents", "4900"),
				),
			},
		},
	})
}

// putStripeAccountViaAPI creates or updates workspace ws's Stripe account straight through the API (the
// provider's resource is tested on its own) and checks the status it answers.
func (e *testEnv) putStripeAccountViaAPI(t *testing.T, ws, email, status string) {
	t.Helper()
	var a struct {
		Status string `json:"status"`
	}
	code, body := e.Server.Do(t, e.Token, http.MethodPut, "/v1/workspaces/"+ws+"/stripe-account",
		map[string]any{"country": "US", "business_type": "company", "email": email}, &a)
	if code != http.StatusAccepted || a.Status != status {
		t.Fatalf("PUT stripe account: %d %s, want 202 %s", code, body, status)
	}
}

// waitStripeAccountViaAPI waits until workspace ws's Stripe account has status.
func (e *testEnv) waitStripeAccountViaAPI(t *testing.T, ws, status string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		var a struct {
			Status string `json:"status"`
		}
		code, body := e.Server.Do(t, e.Token, http.MethodGet, "/v1/workspaces/"+ws+"/stripe-account", nil, &a)
		if code == http.StatusOK && a.Status == status {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("stripe account of %s: %d %s, want %s", ws, code, body, status)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
