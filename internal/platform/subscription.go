package platform

import "time"

// SubscriptionStatus is what the payment processor says about a workspace's subscription.
type SubscriptionStatus string

const (
	SubscriptionActive   SubscriptionStatus = "active"
	SubscriptionPastDue  SubscriptionStatus = "past_due"
	SubscriptionCanceled SubscriptionStatus = "canceled"
)

// SubscriptionStatuses are every status, in the order of the contract.
var SubscriptionStatuses = []SubscriptionStatus{SubscriptionActive, SubscriptionPastDue, SubscriptionCanceled}

// MaxRenewals bounds how many periods At renews at once, so that a corrupt period end cannot
// loop for long (a century of monthly periods).
const MaxRenewals = 1200

// Subscription is a workspace's own subscription to the platform (docs/platform.md section 12):
// one per workspace, from the workspace's creation. Its plan is the workspace's plan (one value,
// stored on the workspace, which quotas read); the rest is the subscription's own.
type Subscription struct {
	WorkspaceID string             `json:"-"`
	Plan        Plan               `json:"plan"`
	Status      SubscriptionStatus `json:"status"`
	// CurrentPeriodEnd is when the current monthly period ends: the subscription renews for
	// another month then, or is canceled when CancelAtPeriodEnd.
	CurrentPeriodEnd  time.Time `json:"current_period_end"`
	CancelAtPeriodEnd bool      `json:"cancel_at_period_end"`
	// StatusChangedAt is when the status last changed: the access state's "since".
	StatusChangedAt time.Time `json:"-"`
	Meta
}

// SubscriptionPeriod is how long one period lasts: one calendar month.
func SubscriptionPeriod(from time.Time) time.Time { return from.AddDate(0, 1, 0) }

// NewSubscription is the subscription a workspace gets when it is created: active, its first
// period starting now.
func NewSubscription(workspaceID string, plan Plan, now time.Time) *Subscription {
	s := &Subscription{WorkspaceID: workspaceID, Plan: plan, Status: SubscriptionActive,
		CurrentPeriodEnd: SubscriptionPeriod(now), StatusChangedAt: now}
	s.Stamp(now)
	return s
}

// At is the subscription as it stands at now: every period that has ended renews for another
// month, except that a subscription with CancelAtPeriodEnd is canceled when its period ends (its
// status changing at the period's end, not when somebody looks). A canceled subscription no
// longer renews. changed reports whether anything moved; the stored row then lags behind until
// the server's worker (AdvanceSubscriptions) or the next change of the subscription writes it.
// It is a pure function of the stored row and the clock, so every reader sees the same thing.
func (s Subscription) At(now time.Time) (out Subscription, changed bool) {
	for i := 0; i < MaxRenewals && s.Status != SubscriptionCanceled && !now.Before(s.CurrentPeriodEnd); i++ {
		changed = true
		if s.CancelAtPeriodEnd {
			s.Status, s.StatusChangedAt = SubscriptionCanceled, s.CurrentPeriodEnd
			break
		}
		s.CurrentPeriodEnd = SubscriptionPeriod(s.CurrentPeriodEnd)
	}
	return s, changed
}

// AccessState derives the workspace's access state from the subscription's status, with the
// reason that decided it and since when it holds.
func (s *Subscription) AccessState() (AccessState, string) {
	switch s.Status {
	case SubscriptionPastDue:
		return StateReadOnly, "subscription past_due"
	case SubscriptionCanceled:
		return StateSuspended, "subscription canceled"
	}
	return StateFull, ""
}

// WorkspaceAccessState is the answer of GET /v1/workspaces/{ws}/access-state.
type WorkspaceAccessState struct {
	State  AccessState `json:"state"`
	Reason string      `json:"reason"`
	Since  time.Time   `json:"since"`
}
