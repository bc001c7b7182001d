package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// subscription stores w's subscription, active, its period ending a month from now.
func (e *env) subscription(w *platform.Workspace, opts ...func(*platform.Subscription)) *platform.Subscription {
	e.t.Helper()
	s := platform.NewSubscription(w.ID, w.Plan, e.now())
	for _, o := range opts {
		o(s)
	}
	stored(e, "subscription", s, &s.Meta, func(tx platform.Tx) error { return tx.CreateSubscription(s) })
	return s
}

var subscriptionTests = []test{
	{"subscriptions/create_get_update_and_every_workspace_read_carries_it", func(t *testing.T, e *env) {
		u := e.user("ann@example.com")
		w := e.workspace("shop", func(w *platform.Workspace) { w.Plan = platform.PlanPro })
		other := e.workspace("other")
		e.member(w, u, platform.RoleOwner)
		s := e.subscription(w)
		same(t, "GetSubscription (plan: the workspace's)", get(e, func(tx platform.Tx) (*platform.Subscription, error) {
			return tx.GetSubscription(w.ID)
		}), s)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Subscription, error) { return tx.GetSubscription(other.ID) }),
			platform.CodeNotFound, "subscription", q(other.ID))
		wantErr(t, e.try(func(tx platform.Tx) error {
			return tx.CreateSubscription(platform.NewSubscription(w.ID, w.Plan, e.now()))
		}),
			platform.CodeAlreadyExists, "subscription", q(w.ID))
		wantErr(t, e.try(func(tx platform.Tx) error {
			return tx.CreateSubscription(platform.NewSubscription("ws_missing", platform.PlanFree, e.now()))
		}), platform.CodeNotFound, "workspace", q("ws_missing"))

		// Every workspace read carries the subscription; a workspace without one carries nil.
		w.Subscription = s
		same(t, "GetWorkspace", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) }), w)
		same(t, "GetWorkspaceBySlug", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspaceBySlug("shop") }), w)
		same(t, "GetWorkspaceWithMember", get(e, func(tx platform.Tx) (*platform.Workspace, error) {
			ws, _, err := tx.GetWorkspaceWithMember("shop", u.ID)
			return ws, err
		}), w)
		same(t, "ListWorkspacesForUser", get(e, func(tx platform.Tx) ([]platform.Workspace, error) {
			return tx.ListWorkspacesForUser(u.ID, platform.Page{Limit: 10})
		}), []platform.Workspace{*w})
		same(t, "GetWorkspace without a subscription", get(e, func(tx platform.Tx) (*platform.Workspace, error) {
			return tx.GetWorkspace(other.ID)
		}), other)

		// The plan is the workspace's: a plan change shows in the subscription.
		w.Plan = platform.PlanEnterprise
		e.touch(&w.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateWorkspace(w) })
		s.Plan = platform.PlanEnterprise
		same(t, "subscription after the workspace's plan changed", get(e, func(tx platform.Tx) (*platform.Subscription, error) {
			return tx.GetSubscription(w.ID)
		}), s)

		s.Status, s.StatusChangedAt, s.CancelAtPeriodEnd = platform.SubscriptionPastDue, e.now(), true
		s.CurrentPeriodEnd = platform.SubscriptionPeriod(s.CurrentPeriodEnd)
		e.touch(&s.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateSubscription(s) })
		same(t, "subscription after update", get(e, func(tx platform.Tx) (*platform.Subscription, error) {
			return tx.GetSubscription(w.ID)
		}), s)
		w.Subscription = s
		same(t, "GetWorkspace after the subscription's update", get(e, func(tx platform.Tx) (*platform.Workspace, error) {
			return tx.GetWorkspace(w.ID)
		}), w)

		stale := *s
		stale.Version = s.Version
		stale.Status = platform.SubscriptionActive
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateSubscription(&stale) }), platform.CodeAborted, "subscription", q(w.ID))
		missing := *s
		missing.WorkspaceID = other.ID
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateSubscription(&missing) }), platform.CodeNotFound, "subscription", q(other.ID))

		// Deleted with its workspace.
		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspace(w.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Subscription, error) { return tx.GetSubscription(w.ID) }),
			platform.CodeNotFound, "subscription", q(w.ID))
	}},
	{"subscriptions/list_due_oldest_period_end_first_never_canceled", func(t *testing.T, e *env) {
		a, b, c, d := e.workspace("a"), e.workspace("b"), e.workspace("c"), e.workspace("d")
		sa := e.subscription(a)
		sb := e.subscription(b)
		e.subscription(c, func(s *platform.Subscription) { s.Status = platform.SubscriptionCanceled })
		sd := e.subscription(d, func(s *platform.Subscription) { s.Status = platform.SubscriptionPastDue })
		// b's period ends first, then a's, then d's (one second apart: e.now ticks).
		sb.CurrentPeriodEnd = sa.CurrentPeriodEnd.Add(-1)
		e.touch(&sb.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateSubscription(sb) })
		sb = get(e, func(tx platform.Tx) (*platform.Subscription, error) { return tx.GetSubscription(b.ID) })
		same(t, "nothing due before the first period end", get(e, func(tx platform.Tx) ([]platform.Subscription, error) {
			return tx.ListSubscriptionsDue(sb.CurrentPeriodEnd.Add(-1), 10)
		}), []platform.Subscription{})
		same(t, "due at a period end (inclusive)", get(e, func(tx platform.Tx) ([]platform.Subscription, error) {
			return tx.ListSubscriptionsDue(sa.CurrentPeriodEnd, 10)
		}), []platform.Subscription{*sb, *sa})
		same(t, "every one due, canceled never", get(e, func(tx platform.Tx) ([]platform.Subscription, error) {
			return tx.ListSubscriptionsDue(sd.CurrentPeriodEnd.AddDate(1, 0, 0), 10)
		}), []platform.Subscription{*sb, *sa, *sd})
		same(t, "at most limit", get(e, func(tx platform.Tx) ([]platform.Subscription, error) {
			return tx.ListSubscriptionsDue(sd.CurrentPeriodEnd.AddDate(1, 0, 0), 1)
		}), []platform.Subscription{*sb})
	}},
}
