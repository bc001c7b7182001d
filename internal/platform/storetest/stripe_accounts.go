package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var stripeAccountTests = []test{
	{"stripe_accounts/create_get_update_delete_one_per_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		a := e.stripeAccount(w, "billing@shop.example")
		b := e.stripeAccount(other, "billing@other.example", func(a *platform.StripeAccount) {
			a.Country, a.BusinessType = "DE", platform.BusinessIndividual
		})
		same(t, "GetStripeAccount", get(e, func(tx platform.Tx) (*platform.StripeAccount, error) { return tx.GetStripeAccount(w.ID) }), a)
		same(t, "GetStripeAccount of the other workspace", get(e, func(tx platform.Tx) (*platform.StripeAccount, error) {
			return tx.GetStripeAccount(other.ID)
		}), b)

		// One per workspace.
		second := newStripeAccount(w, "again@shop.example")
		second.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateStripeAccount(second) }),
			platform.CodeAlreadyExists, q(w.ID), "Stripe account")
		missingWS := newStripeAccount(&platform.Workspace{ID: "ws_missing"}, "x@example.com")
		missingWS.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateStripeAccount(missingWS) }),
			platform.CodeNotFound, "workspace", q("ws_missing"))

		// Onboarding ends: status and both capabilities are written; booleans read back as set.
		a.Status, a.ChargesEnabled, a.PayoutsEnabled, a.Email = platform.StripeActive, true, true, "finance@shop.example"
		e.touch(&a.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateStripeAccount(a) })
		same(t, "stripe account after update", get(e, func(tx platform.Tx) (*platform.StripeAccount, error) {
			return tx.GetStripeAccount(w.ID)
		}), a)
		a.Status, a.ChargesEnabled = platform.StripeRestricted, false
		e.touch(&a.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateStripeAccount(a) })
		same(t, "stripe account restricted", get(e, func(tx platform.Tx) (*platform.StripeAccount, error) {
			return tx.GetStripeAccount(w.ID)
		}), a)

		stale := *a
		stale.Version = 2
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateStripeAccount(&stale) }), platform.CodeAborted, q(a.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteStripeAccount(other.ID, a.ID) }), platform.CodeNotFound, q(a.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteStripeAccount(w.ID, a.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.StripeAccount, error) { return tx.GetStripeAccount(w.ID) }),
			platform.CodeNotFound, "Stripe account", q(w.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteStripeAccount(w.ID, a.ID) }), platform.CodeNotFound, q(a.ID))
		same(t, "the other workspace's account stays", get(e, func(tx platform.Tx) (*platform.StripeAccount, error) {
			return tx.GetStripeAccount(other.ID)
		}), b)

		// Deleted, the workspace may have a new one.
		e.stripeAccount(w, "new@shop.example")
	}},
}

func newStripeAccount(w *platform.Workspace, email string) *platform.StripeAccount {
	return &platform.StripeAccount{ID: platform.NewID(platform.PrefixStripeAccount), WorkspaceID: w.ID, Country: "US",
		BusinessType: platform.BusinessCompany, Email: email, Status: platform.StripeOnboarding}
}

func (e *env) stripeAccount(w *platform.Workspace, email string, opts ...func(*platform.StripeAccount)) *platform.StripeAccount {
	e.t.Helper()
	a := newStripeAccount(w, email)
	for _, o := range opts {
		o(a)
	}
	stored(e, "stripe account", a, &a.Meta, func(tx platform.Tx) error { return tx.CreateStripeAccount(a) })
	return a
}
