package client

import (
	"context"
	"net/http"
	"time"
)

// Subscription statuses: the payment processor's view of a workspace's subscription, from
// which its access state follows (active: full, past_due: read_only, canceled: suspended).
const (
	SubscriptionActive   = "active"
	SubscriptionPastDue  = "past_due"
	SubscriptionCanceled = "canceled"
)

// Subscription is a workspace's subscription: its plan (the same as the workspace's plan) and
// where its payments stand.
type Subscription struct {
	Plan              Plan      `json:"plan"`
	Status            string    `json:"status"`
	CurrentPeriodEnd  time.Time `json:"current_period_end"`
	CancelAtPeriodEnd bool      `json:"cancel_at_period_end"`
	Meta
}

// SubscriptionUpdateOptions change a subscription (billing.manage); nil fields stay. Changing
// Plan is changing the workspace's plan, with the same rules (a downgrade must fit the lower
// plan's quotas). IfVersion, when non-zero, is the subscription's version (If-Match).
type SubscriptionUpdateOptions struct {
	Plan              *Plan `json:"plan,omitempty"`
	CancelAtPeriodEnd *bool `json:"cancel_at_period_end,omitempty"`
	IfVersion         int64 `json:"-"`
}

// SubscriptionsService manages /v1/workspaces/{ws}/subscription. Workspaces are named by id
// or slug.
type SubscriptionsService struct{ c *Client }

func subscriptionPath(ws string) (string, error) {
	return path("workspaces", seg{"workspace", ws}, "subscription")
}

// Get reads a workspace's subscription (workspace.read; answers whatever the access state).
func (s *SubscriptionsService) Get(ctx context.Context, ws string) (*Subscription, error) {
	p, err := subscriptionPath(ws)
	return getJSON[Subscription](ctx, s.c, p, err, nil)
}

// Update changes a workspace's plan or cancels the subscription at the end of its period.
func (s *SubscriptionsService) Update(ctx context.Context, ws string, opts SubscriptionUpdateOptions) (*Subscription, error) {
	p, err := subscriptionPath(ws)
	return sendJSON[Subscription](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// SetStatus simulates the payment processor changing the status of a workspace's
// subscription (active, past_due or canceled). Platform administrator only.
func (s *SubscriptionsService) SetStatus(ctx context.Context, ws, status string) (*Subscription, error) {
	p, err := path("admin", "workspaces", seg{"workspace", ws}, "subscription", "status")
	return sendJSON[Subscription](ctx, s.c, http.MethodPost, p, err, subscriptionStatusInput{status}, 0)
}

// subscriptionStatusInput is the body of SetStatus.
type subscriptionStatusInput struct {
	Status string `json:"status"`
}
