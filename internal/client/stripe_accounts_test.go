package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

func stripeOptions(email string) client.StripeAccountOptions {
	return client.StripeAccountOptions{Country: "DE", BusinessType: client.BusinessTypeCompany, Email: email}
}

// TestStripeAccountLifecycle: a dry run writes nothing; PUT creates the account and starts
// onboarding, which ends active; PUT again changes the e-mail and refuses a new country; a
// paid listed product then lists, and keeps the account from being deleted until it is gone.
func TestStripeAccountLifecycle(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro, servertest.WithClusterDelay(100*time.Millisecond))
	c := ctx(t)
	_, err := e.c.StripeAccounts.Get(c, "acme")
	wantCode(t, err, client.ErrNotFound)

	if _, _, err := e.c.StripeAccounts.Put(client.WithValidateOnly(c), "acme", stripeOptions("billing@acme.example")); err != nil {
		t.Fatalf("dry-run create: %v", err)
	}
	_, err = e.c.StripeAccounts.Get(c, "acme")
	wantCode(t, err, client.ErrNotFound) // the dry run wrote nothing

	a, opID, err := e.c.StripeAccounts.Put(c, "acme", stripeOptions("billing@acme.example"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(a.ID, "acct_") || a.Status != client.StripeAccountOnboarding || opID == "" || a.ChargesEnabled ||
		a.WorkspaceID != e.ws.ID || a.Country != "DE" || a.BusinessType != client.BusinessTypeCompany {
		t.Fatalf("created: %+v, op %q", a, opID)
	}
	// The onboarding link is there, and printing the account does not show it.
	url := a.OnboardingURL.Reveal()
	if url == "" || strings.Contains(fmt.Sprintf("%v %+v %#v", a, a, a), url) {
		t.Fatalf("onboarding URL %q missing or printed", url)
	}
	if op := must(e.c.Operations.Wait(c, opID))(t); op.Status != client.OperationSucceeded || op.TargetID != a.ID || op.Kind != client.OperationStripeAccountOnboard {
		t.Errorf("onboarding operation: %+v", op)
	}
	active := must(e.c.StripeAccounts.WaitForStatus(c, "acme", client.StripeAccountActive))(t)
	if active.ID != a.ID || !active.ChargesEnabled || !active.PayoutsEnabled {
		t.Fatalf("active: %+v", active)
	}

	upd, _, err := e.c.StripeAccounts.Put(c, e.ws.ID, client.StripeAccountOptions{Country: "DE", BusinessType: client.BusinessTypeCompany,
		Email: "payments@acme.example", IfVersion: active.Version})
	if err != nil {
		t.Fatal(err)
	}
	if upd.ID != a.ID || upd.Email != "payments@acme.example" {
		t.Fatalf("update: %+v", upd)
	}
	upd = must(e.c.StripeAccounts.WaitForStatus(c, "acme", client.StripeAccountActive))(t)
	_, _, err = e.c.StripeAccounts.Put(c, "acme", client.StripeAccountOptions{Country: "FR", BusinessType: client.BusinessTypeCompany,
		Email: "payments@acme.example"})
	if apiErr := wantCode(t, err, client.ErrInvalidArgument); len(apiErr.Details) == 0 || apiErr.Details[0].Field != "country" {
		t.Fatalf("country change: %+v", apiErr)
	}
	_, _, err = e.c.StripeAccounts.Put(c, "acme", client.StripeAccountOptions{Country: "DE", BusinessType: client.BusinessTypeCompany,
		Email: "payments@acme.example", IfVersion: active.Version})
	wantCode(t, err, client.ErrAborted)

	prod := must(e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "shop", Name: "Shop",
		Visibility: client.VisibilityListed, Price: &client.PriceOptions{AmountCents: client.Ptr(int64(4900))}}))(t)
	wantCode(t, e.c.StripeAccounts.Delete(c, "acme", 0), client.ErrFailedPrecondition)
	must(struct{}{}, e.c.Products.Delete(c, "acme", prod.ID, 0))(t)
	if err := e.c.StripeAccounts.Delete(client.WithValidateOnly(c), "acme", upd.Version); err != nil {
		t.Fatalf("dry-run delete: %v", err)
	}
	must(struct{}{}, e.c.StripeAccounts.Delete(c, "acme", upd.Version))(t)
	_, err = e.c.StripeAccounts.Get(c, "acme")
	wantCode(t, err, client.ErrNotFound)
}

// TestStripeAccountRestricted: onboarding with an e-mail starting with "restricted" ends
// restricted; WaitForStatus reports it with ErrStripeAccountRestricted and the account.
func TestStripeAccountRestricted(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro, servertest.WithClusterDelay(50*time.Millisecond))
	c := ctx(t)
	if _, _, err := e.c.StripeAccounts.Put(c, "acme", stripeOptions("restricted@acme.example")); err != nil {
		t.Fatal(err)
	}
	got, err := e.c.StripeAccounts.WaitForStatus(c, "acme", client.StripeAccountActive)
	if !errors.Is(err, client.ErrStripeAccountRestricted) || got == nil || got.Status != client.StripeAccountRestricted || got.ChargesEnabled {
		t.Fatalf("WaitForStatus: %+v, %v", got, err)
	}
	if !strings.Contains(err.Error(), "Stripe account of workspace acme") {
		t.Errorf("error does not name the account: %v", err)
	}
	if got, err := e.c.StripeAccounts.WaitForStatus(c, "acme", client.StripeAccountActive, client.StripeAccountRestricted); err != nil ||
		got.Status != client.StripeAccountRestricted {
		t.Errorf("waiting for restricted too: %+v, %v", got, err)
	}
	// Without charges, the workspace cannot list a paid product.
	_, err = e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "shop", Name: "Shop",
		Visibility: client.VisibilityListed, Price: &client.PriceOptions{AmountCents: client.Ptr(int64(4900))}})
	wantCode(t, err, client.ErrFailedPrecondition)
}

// TestStripeAccountNoDuplicateUnderFaults: PUTs whose answers are lost after the server
// committed, or that fail on the way, are retried, and the workspace still ends with the one
// account, onboarded once.
func TestStripeAccountNoDuplicateUnderFaults(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro, servertest.WithClusterDelay(50*time.Millisecond))
	var puts int
	ft := newFaultyTransport(http.DefaultTransport, func(req *http.Request) fault {
		if req.Method != http.MethodPut {
			return pass
		}
		puts++
		switch puts {
		case 1:
			return dropAfterCommit // the create commits, its answer is lost
		case 2:
			return answer503
		}
		return pass
	})
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)
	a, opID, err := c.StripeAccounts.Put(ctx(t), "acme", stripeOptions("billing@acme.example"))
	if err != nil {
		t.Fatalf("put under faults: %v (%s)", err, ft)
	}
	if ft.count(dropAfterCommit) != 1 || puts < 3 {
		t.Fatalf("faults not injected: %s", ft)
	}
	// The PUT carried an Idempotency-Key: its retry replayed the create's answer, operation
	// included, instead of updating the account to the same values.
	if ft.replays.Load() != 1 || opID == "" {
		t.Errorf("retry was not a replay of the create (op %q): %s", opID, ft)
	}
	got := must(e.c.StripeAccounts.WaitForStatus(ctx(t), "acme", client.StripeAccountActive))(t)
	if got.ID != a.ID {
		t.Fatalf("retried create made another account: %s, then %s", a.ID, got.ID)
	}
	creates := 0
	for ev, err := range e.c.AuditEvents.All(ctx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(ev.Action, "stripe_account.create") {
			creates++
		}
	}
	if creates != 1 {
		t.Errorf("audit trail has %d Stripe account creates, want 1", creates)
	}
}

// TestStripeAccountDryRunBatches: concurrent dry-run PUTs of one plan session travel in batches
// like the other dry runs, and each gets the answer it would have had alone: the session claims
// one account per workspace, so a second create in the same workspace is refused.
func TestStripeAccountDryRunBatches(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	const n = 6
	for i := 1; i < n; i++ {
		must(e.c.Workspaces.Create(ctx(t), client.WorkspaceCreateOptions{Slug: fmt.Sprintf("ws-%d", i), Name: "W"}))(t)
	}
	wire := &wireCounter{next: http.DefaultTransport}
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.HTTPClient = &http.Client{Transport: wire}
	c := newClient(t, cfg)
	dry := client.WithPlanSession(client.WithValidateOnly(ctx(t)), "plan-batch-stripe-1")
	errs := make([]error, n+1)
	var wg sync.WaitGroup
	for i := range n + 1 {
		wg.Go(func() {
			ws := "acme"
			if i > 0 && i < n {
				ws = fmt.Sprintf("ws-%d", i)
			}
			a, _, err := c.StripeAccounts.Put(dry, ws, stripeOptions("billing@acme.example"))
			if err == nil && (a.ID != "" || a.Status != client.StripeAccountOnboarding) {
				err = fmt.Errorf("dry-run answer %+v", a)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	ok, dup := 0, 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, client.ErrAlreadyExists):
			dup++
		default:
			t.Errorf("call %d: %v", i, err)
		}
	}
	if ok != n || dup != 1 {
		t.Errorf("ok=%d duplicate=%d, want %d and 1", ok, dup, n)
	}
	if got := wire.requests.Load(); got >= n || wire.batches.Load() == 0 {
		t.Errorf("%d requests (%d batches) on the wire for %d concurrent dry runs, want batches", got, wire.batches.Load(), n+1)
	}
	for i := 1; i < n; i++ {
		_, err := e.c.StripeAccounts.Get(ctx(t), fmt.Sprintf("ws-%d", i))
		wantCode(t, err, client.ErrNotFound)
	}
}
