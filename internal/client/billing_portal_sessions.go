package client

import (
	"context"
	"net/http"
	"time"
)

// BillingPortalSession is a link into the payment processor's billing portal for one
// workspace. The URL signs the holder in: it is a Secret (it formats as "[redacted]"), and the
// client never logs a response body.
type BillingPortalSession struct {
	URL       Secret    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// BillingPortalSessionCreateOptions open a billing portal session; ReturnURL is where the
// portal sends the user back (https, or http to localhost).
type BillingPortalSessionCreateOptions struct {
	ReturnURL string `json:"return_url"`
}

// BillingPortalSessionsService creates /v1/workspaces/{ws}/billing-portal-sessions.
type BillingPortalSessionsService struct{ c *Client }

// Create opens a billing portal session (billing.manage). Like every POST it carries an
// Idempotency-Key, so a retry after a lost answer gets the same session, not a second one.
func (s *BillingPortalSessionsService) Create(ctx context.Context, ws string, opts BillingPortalSessionCreateOptions) (*BillingPortalSession, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "billing-portal-sessions")
	return sendJSON[BillingPortalSession](ctx, s.c, http.MethodPost, p, err, opts, 0)
}
