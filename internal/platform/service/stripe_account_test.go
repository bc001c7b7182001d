package service_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// The workspace's Stripe account (docs/platform.md section 12), through the service on the real
// store.

func stripeInput(email string) service.StripeAccountInput {
	return service.StripeAccountInput{Country: "US", BusinessType: platform.BusinessCompany, Email: email}
}

// stripeAccount creates ws's Stripe account as by and, when onboard, finishes its onboarding.
func (f *fixture) stripeAccount(ws *platform.Workspace, by *platform.Principal, email string, onboard bool) *platform.StripeAccount {
	f.tb.Helper()
	res, err := f.svc.PutStripeAccount(f.ctx, by, ws.Slug, stripeInput(email), 0)
	must(f.tb, err)
	if onboard {
		f.finishOperations()
		res, err = f.svc.GetStripeAccount(f.ctx, by, ws.Slug)
		must(f.tb, err)
	}
	return res.Account
}

// stripeActions lists the stripe_account.* audit actions of ws and their actors.
func (f *fixture) stripeActions(ws *platform.Workspace) []string {
	f.tb.Helper()
	var out []string
	for _, e := range f.storedAuditEvents(ws.ID) {
		if strings.HasPrefix(e.Action, "stripe_account.") {
			actor := "user"
			if e.Actor == "system" {
				actor = "system"
			}
			out = append(out, e.Action+" by "+actor)
		}
	}
	return out
}

// wantField fails unless err is invalid_argument with exactly one detail, on field, whose
// reason contains reason.
func wantField(tb testing.TB, err error, field, reason string) {
	tb.Helper()
	wantFields(tb, err, field)
	var e *platform.Error
	if errors.As(err, &e) && len(e.Details) == 1 && !strings.Contains(e.Details[0].Reason, reason) {
		tb.Errorf("%s: reason %q, want it to contain %q", field, e.Details[0].Reason, reason)
	}
}

func TestStripeAccount_CreateOnboardUpdateDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)

	res, err := f.svc.PutStripeAccount(f.ctx, tm.admin, tm.ws.Slug, service.StripeAccountInput{Country: "DE",
		BusinessType: platform.BusinessIndividual, Email: " Billing@Example.COM "}, 0)
	must(t, err)
	a := res.Account
	if !res.Created || res.OperationID == "" || !strings.HasPrefix(a.ID, platform.PrefixStripeAccount) || a.WorkspaceID != tm.ws.ID ||
		a.Status != platform.StripeOnboarding || a.ChargesEnabled || a.PayoutsEnabled || a.Email != "billing@example.com" ||
		a.Country != "DE" || a.Version != 1 || res.OnboardingURL == "" {
		t.Fatalf("created: %+v %+v", res, a)
	}
	op, err := f.svc.GetOperation(f.ctx, tm.owner, res.OperationID)
	must(t, err)
	if op.Kind != platform.OpStripeAccountOnboard || op.TargetID != a.ID || op.Status != platform.OpPending {
		t.Fatalf("onboarding operation: %+v", op)
	}
	// The operation is as visible as the account: not to a member without billing.manage.
	_, err = f.svc.GetOperation(f.ctx, tm.member, res.OperationID)
	wantCode(t, err, platform.CodeNotFound, "operation")
	// Its stored desired state holds no onboarding link.
	if strings.Contains(string(op.Target), "https://") {
		t.Fatalf("the operation stores a link: %s", op.Target)
	}

	// A second PUT before onboarding ends, the same: nothing changes.
	same, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, service.StripeAccountInput{Country: "DE",
		BusinessType: platform.BusinessIndividual, Email: "billing@example.com"}, 1)
	must(t, err)
	if same.Created || same.OperationID != "" || same.Account.Version != 1 {
		t.Fatalf("unchanged PUT: %+v", same)
	}

	f.finishOperations()
	got, err := f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if got.Account.Status != platform.StripeActive || !got.Account.ChargesEnabled || !got.Account.PayoutsEnabled ||
		got.OnboardingURL != "" || got.Account.Version != 2 {
		t.Fatalf("onboarded: %+v %+v", got, got.Account)
	}
	op, err = f.svc.GetOperation(f.ctx, tm.owner, res.OperationID)
	must(t, err)
	if op.Status != platform.OpSucceeded {
		t.Fatalf("onboarding operation after: %+v", op)
	}

	// Country and business type never change; the e-mail does, at once while active.
	in := service.StripeAccountInput{Country: "AT", BusinessType: platform.BusinessIndividual, Email: "billing@example.com"}
	_, err = f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, in, 0)
	wantField(t, err, "country", "cannot be changed (the account is in DE)")
	in = service.StripeAccountInput{Country: "DE", BusinessType: platform.BusinessCompany, Email: "billing@example.com"}
	_, err = f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, in, 0)
	wantField(t, err, "business_type", "cannot be changed (the account is of a individual)")
	in = service.StripeAccountInput{Country: "DE", BusinessType: platform.BusinessIndividual, Email: "restricted@example.com"}
	_, err = f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, in, 1)
	wantCode(t, err, platform.CodeAborted, "version 2, not 1")
	up, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, in, 2)
	must(t, err)
	if up.OperationID != "" || up.Account.Status != platform.StripeActive || !up.Account.ChargesEnabled ||
		up.Account.Email != "restricted@example.com" || up.Account.Version != 3 {
		t.Fatalf("e-mail change while active (no new onboarding, whatever the e-mail): %+v", up.Account)
	}

	// Reading and changing need billing.manage; someone outside does not see the workspace.
	for _, p := range []*platform.Principal{tm.member, tm.viewer} {
		_, err = f.svc.GetStripeAccount(f.ctx, p, tm.ws.Slug)
		wantCode(t, err, platform.CodePermissionDenied, "billing.manage")
		_, err = f.svc.PutStripeAccount(f.ctx, p, tm.ws.Slug, in, 0)
		wantCode(t, err, platform.CodePermissionDenied, "billing.manage")
		wantCode(t, f.svc.DeleteStripeAccount(f.ctx, p, tm.ws.Slug, 0), platform.CodePermissionDenied, "billing.manage")
	}
	_, err = f.svc.GetStripeAccount(f.ctx, f.newUser("stranger"), tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound, "workspace")

	wantCode(t, f.svc.DeleteStripeAccount(f.ctx, tm.owner, tm.ws.Slug, 2), platform.CodeAborted, "version 3, not 2")
	must(t, f.svc.DeleteStripeAccount(service.WithValidateOnly(f.ctx), tm.owner, tm.ws.Slug, 3))
	must(t, f.svc.DeleteStripeAccount(f.ctx, tm.owner, tm.ws.Slug, 3))
	_, err = f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound, "has no Stripe account", "PUT /v1/workspaces/"+tm.ws.Slug+"/stripe-account")
	wantCode(t, f.svc.DeleteStripeAccount(f.ctx, tm.owner, tm.ws.Slug, 0), platform.CodeNotFound, "has no Stripe account")

	want := []string{"stripe_account.create by user", "stripe_account.onboarded by system", "stripe_account.update by user",
		"stripe_account.delete by user"}
	if got := f.stripeActions(tm.ws); !slices.Equal(got, want) {
		t.Errorf("audit: %v, want %v", got, want)
	}
}

func TestStripeAccount_Validation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	for _, tc := range []struct {
		in            service.StripeAccountInput
		field, reason string
	}{
		{service.StripeAccountInput{BusinessType: "company", Email: "a@example.com"}, "country", "is required"},
		{service.StripeAccountInput{Country: "gb", BusinessType: "company", Email: "a@example.com"}, "country", "must be upper case: GB, not gb"},
		{service.StripeAccountInput{Country: "UK", BusinessType: "company", Email: "a@example.com"}, "country", "the United Kingdom is GB"},
		{service.StripeAccountInput{Country: "ZZ", BusinessType: "company", Email: "a@example.com"}, "country", "ZZ is not an assigned"},
		{service.StripeAccountInput{Country: "USA", BusinessType: "company", Email: "a@example.com"}, "country", "two letters"},
		{service.StripeAccountInput{Country: "US", BusinessType: "Company", Email: "a@example.com"}, "business_type", "must be one of individual, company"},
		{service.StripeAccountInput{Country: "US", BusinessType: "company"}, "email", "is required"},
		{service.StripeAccountInput{Country: "US", BusinessType: "company", Email: "a@example"}, "email", "the domain needs a dot"},
	} {
		_, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, tc.in, 0)
		wantField(t, err, tc.field, tc.reason)
	}
	// The refused PUTs created nothing.
	_, err := f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound, "has no Stripe account")
}

// TestStripeAccount_RestrictedThenOnboardingAgain: an e-mail starting with "restricted" ends
// onboarding restricted (charges and payouts disabled, operation failed); a new e-mail starts
// onboarding again (decision: docs/platform.md section 12).
func TestStripeAccount_RestrictedThenOnboardingAgain(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	res, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("Restricted.Finance@example.com"), 0)
	must(t, err)
	f.finishOperations()
	got, err := f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if a := got.Account; a.Status != platform.StripeRestricted || a.ChargesEnabled || a.PayoutsEnabled || got.OnboardingURL == "" {
		t.Fatalf("restricted: %+v %+v", got, a)
	}
	op, err := f.svc.GetOperation(f.ctx, tm.owner, res.OperationID)
	must(t, err)
	if op.Status != platform.OpFailed || !strings.Contains(op.Error, "restricted") || !strings.Contains(op.Error, "new e-mail") {
		t.Fatalf("restricted onboarding: %+v", op)
	}

	// The same e-mail again changes nothing; a new one onboards again.
	same, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("restricted.finance@example.com"), 0)
	must(t, err)
	if same.OperationID != "" || same.Account.Status != platform.StripeRestricted {
		t.Fatalf("same e-mail: %+v", same.Account)
	}
	again, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("finance@example.com"), 0)
	must(t, err)
	if again.OperationID == "" || again.OperationID == res.OperationID || again.Created ||
		again.Account.Status != platform.StripeOnboarding || again.Account.ChargesEnabled {
		t.Fatalf("onboarding again: %+v %+v", again, again.Account)
	}
	f.finishOperations()
	got, err = f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if got.Account.Status != platform.StripeActive || !got.Account.ChargesEnabled {
		t.Fatalf("after onboarding again: %+v", got.Account)
	}
	want := []string{"stripe_account.create by user", "stripe_account.restricted by system", "stripe_account.update by user",
		"stripe_account.onboarded by system"}
	if got := f.stripeActions(tm.ws); !slices.Equal(got, want) {
		t.Errorf("audit: %v, want %v", got, want)
	}
}

// TestStripeAccount_DeletedWhileOnboarding: the onboarding of an account deleted meanwhile (or
// replaced by a new one) fails and leaves the new account alone.
func TestStripeAccount_DeletedWhileOnboarding(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	first, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("a@example.com"), 0)
	must(t, err)
	must(t, f.svc.DeleteStripeAccount(f.ctx, tm.owner, tm.ws.Slug, 0))
	second, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("restricted@example.com"), 0)
	must(t, err)
	f.finishOperations()
	op, err := f.svc.GetOperation(f.ctx, tm.owner, first.OperationID)
	must(t, err)
	if op.Status != platform.OpFailed || !strings.Contains(op.Error, "no longer exists") {
		t.Fatalf("onboarding of the deleted account: %+v", op)
	}
	got, err := f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if got.Account.ID != second.Account.ID || got.Account.Status != platform.StripeRestricted {
		t.Fatalf("the new account: %+v", got.Account)
	}
}

// TestStripeAccount_OnboardingResumesAfterRestart: onboarding is a stored operation; a new
// service on the same database finishes it.
func TestStripeAccount_OnboardingResumesAfterRestart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	res, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("billing@example.com"), 0)
	must(t, err)
	f.advanceUntilIdle() // running, not yet due
	f.reopen()           // the old service and its store are gone; a new service on the same file
	got, err := f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if got.Account.Status != platform.StripeOnboarding {
		t.Fatalf("right after restart: %+v", got.Account)
	}
	f.finishOperations()
	got, err = f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if got.Account.Status != platform.StripeActive || !got.Account.ChargesEnabled || !got.Account.PayoutsEnabled {
		t.Fatalf("after restart: %+v", got.Account)
	}
	op, err := f.svc.GetOperation(f.ctx, tm.owner, res.OperationID)
	must(t, err)
	if op.Status != platform.OpSucceeded {
		t.Fatalf("operation after restart: %+v", op)
	}
}

// TestStripeAccount_OnboardingLink: the link is signed over the account and its expiry, stable
// within an hour of the clock, refused once expired or altered, and never stored.
func TestStripeAccount_OnboardingLink(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	res, err := f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("billing@example.com"), 0)
	must(t, err)
	link := res.OnboardingURL
	if id, ok := f.svc.VerifyOnboardingURL(link); !ok || id != res.Account.ID {
		t.Fatalf("the server's own link %q: %q %v", link, id, ok)
	}
	again, err := f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if again.OnboardingURL != link {
		t.Errorf("a second read within the hour shows another link: %q, %q", again.OnboardingURL, link)
	}
	u, err := url.Parse(link)
	must(t, err)
	q := u.Query()
	for name, bad := range map[string]string{
		"another account": strings.Replace(link, res.Account.ID, platform.NewID(platform.PrefixStripeAccount), 1),
		"a later expiry": strings.Replace(link, "expires="+q.Get("expires"),
			fmt.Sprintf("expires=%d", f.svc.Now().Add(48*time.Hour).Unix()), 1),
		"no signature":   strings.Replace(link, "signature="+q.Get("signature"), "signature=", 1),
		"another host":   strings.Replace(link, "https://connect.", "https://connect.evil.", 1),
		"another server": otherServerLink(t, f, tm),
	} {
		if _, ok := f.svc.VerifyOnboardingURL(bad); ok {
			t.Errorf("%s: %q accepted", name, bad)
		}
	}
	f.clock.Advance(3 * time.Hour)
	if _, ok := f.svc.VerifyOnboardingURL(link); ok {
		t.Error("an expired link is accepted")
	}
	// Neither the database (its file and write-ahead log, every table) nor the audit events
	// hold it: the link's signature appears in no byte the store wrote.
	for _, file := range []string{f.path, f.path + "-wal"} {
		raw, err := os.ReadFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		must(t, err)
		if sig := q.Get("signature"); sig == "" || bytes.Contains(raw, []byte(sig)) {
			t.Errorf("%s holds the onboarding link's signature %q", file, sig)
		}
	}
	for _, e := range f.storedAuditEvents(tm.ws.ID) {
		if strings.Contains(fmt.Sprintf("%+v", e), "https://") {
			t.Errorf("audit event with a link: %+v", e)
		}
	}
}

// otherServerLink is the link a server with another secret key gives for the same account.
func otherServerLink(t *testing.T, f *fixture, tm *team) string {
	t.Helper()
	other := service.New(f.store, service.Options{Now: f.clock.Now})
	res, err := other.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	return res.OnboardingURL
}

// TestStripeAccount_PaidListingNeedsChargesEnabled: a paid listing is refused without an
// account, while it onboards and while it is restricted, each with its own message, and
// allowed once onboarding ended active.
func TestStripeAccount_PaidListingNeedsChargesEnabled(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	paid := func(slug string) service.ProductInput {
		return service.ProductInput{Slug: slug, Name: "Shop", Visibility: platform.VisibilityListed,
			Price: &service.PriceInput{AmountCents: new(int64(900))}}
	}
	_, err := f.svc.CreateProduct(f.ctx, tm.owner, tm.ws.Slug, paid("shop"))
	wantCode(t, err, platform.CodeFailedPrecondition, "charges are not enabled: the workspace has no Stripe account",
		"PUT /v1/workspaces/"+tm.ws.Slug+"/stripe-account")

	_, err = f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("restricted@example.com"), 0)
	must(t, err)
	_, err = f.svc.CreateProduct(f.ctx, tm.owner, tm.ws.Slug, paid("shop"))
	wantCode(t, err, platform.CodeFailedPrecondition, "charges are not enabled", "is still onboarding", "once onboarding has finished")
	f.finishOperations()
	_, err = f.svc.CreateProduct(f.ctx, tm.owner, tm.ws.Slug, paid("shop"))
	wantCode(t, err, platform.CodeFailedPrecondition, "charges are not enabled", "is restricted", "new e-mail")
	// Making an existing product paid listed is judged the same way.
	f.product(tm.ws, tm.owner, service.ProductInput{Slug: "free", Name: "Free", Visibility: platform.VisibilityListed})
	_, err = f.svc.UpdateProduct(f.ctx, tm.owner, tm.ws.Slug, "free", service.ProductPatch{Price: &service.PriceInput{AmountCents: new(int64(100))}}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "is restricted")

	_, err = f.svc.PutStripeAccount(f.ctx, tm.owner, tm.ws.Slug, stripeInput("finance@example.com"), 0)
	must(t, err)
	f.finishOperations()
	f.product(tm.ws, tm.owner, paid("shop"))
	_, err = f.svc.UpdateProduct(f.ctx, tm.owner, tm.ws.Slug, "free", service.ProductPatch{Price: &service.PriceInput{AmountCents: new(int64(100))}}, 0)
	must(t, err)

	// Deleting the account is refused while paid products are listed: named, and counted.
	err = f.svc.DeleteStripeAccount(f.ctx, tm.owner, tm.ws.Slug, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "lists 2 paid product(s) (free, shop)")
	for i := range 5 {
		f.product(tm.ws, tm.owner, paid(fmt.Sprintf("more-%d", i)))
	}
	err = f.svc.DeleteStripeAccount(f.ctx, tm.owner, tm.ws.Slug, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "lists 7 paid product(s) (free, shop, more-0, more-1, more-2 and 2 more)")
	errDry := f.svc.DeleteStripeAccount(service.WithValidateOnly(f.ctx), tm.owner, tm.ws.Slug, 0)
	sameError(t, "dry-run delete with paid products", errDry, err)
}

// TestStripeAccount_PlanSessions: in one plan, a paid product may come with the Stripe account
// the plan creates, and the account may go with the paid products the plan deletes.
func TestStripeAccount_PlanSessions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	session := service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-stripe-0001")
	paid := service.ProductInput{Slug: "shop", Name: "Shop", Visibility: platform.VisibilityListed,
		Price: &service.PriceInput{AmountCents: new(int64(900))}}
	_, err := f.svc.CreateProduct(session, tm.owner, tm.ws.Slug, paid)
	wantCode(t, err, platform.CodeFailedPrecondition, "has no Stripe account")
	_, err = f.svc.PutStripeAccount(session, tm.owner, tm.ws.Slug, stripeInput("billing@example.com"), 0)
	must(t, err)
	_, err = f.svc.CreateProduct(session, tm.owner, tm.ws.Slug, paid)
	must(t, err)
	// A second account for the same workspace in one plan is refused.
	_, err = f.svc.PutStripeAccount(session, tm.owner, tm.ws.Slug, stripeInput("other@example.com"), 0)
	wantCode(t, err, platform.CodeAlreadyExists)
	// Nothing was written.
	_, err = f.svc.GetStripeAccount(f.ctx, tm.owner, tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound)

	// The destroy: the plan deletes the paid product and the account.
	f.stripeAccount(tm.ws, tm.owner, "billing@example.com", true)
	p := f.product(tm.ws, tm.owner, paid)
	destroy := service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-stripe-0002")
	wantCode(t, f.svc.DeleteStripeAccount(destroy, tm.owner, tm.ws.Slug, 0), platform.CodeFailedPrecondition, "(shop)")
	must(t, f.svc.DeleteProduct(destroy, tm.owner, tm.ws.Slug, p.ID, 0))
	must(t, f.svc.DeleteStripeAccount(destroy, tm.owner, tm.ws.Slug, 0))
	// A plan that deletes the account cannot list a paid product with it.
	_, err = f.svc.UpdateProduct(destroy, tm.owner, tm.ws.Slug, "shop", service.ProductPatch{Name: new("Shop 2")}, 0)
	must(t, err) // already paid listed: not judged again
	_, err = f.svc.CreateProduct(destroy, tm.owner, tm.ws.Slug, service.ProductInput{Slug: "shop2", Name: "Shop",
		Visibility: platform.VisibilityListed, Price: &service.PriceInput{AmountCents: new(int64(900))}})
	wantCode(t, err, platform.CodeFailedPrecondition, "this plan deletes the workspace's Stripe account")
}

// TestStripeAccount_WorkspaceDeleteTakesIt: a Stripe account does not block deleting its
// workspace; it goes with it.
func TestStripeAccount_WorkspaceDeleteTakesIt(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	a := f.stripeAccount(tm.ws, tm.owner, "billing@example.com", false)
	must(t, f.svc.DeleteWorkspace(f.ctx, tm.owner, tm.ws.Slug, false, 0))
	err := f.store.View(f.ctx, func(tx platform.Tx) error { _, err := tx.GetStripeAccount(a.WorkspaceID); return err })
	wantCode(t, err, platform.CodeNotFound)
	f.finishOperations() // its onboarding fails quietly
}
