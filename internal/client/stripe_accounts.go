package client

import (
	"context"
	"errors"
	"net/http"
)

// Stripe account statuses and business types (docs/platform.md section 12).
const (
	StripeAccountOnboarding = "onboarding"
	StripeAccountActive     = "active"
	StripeAccountRestricted = "restricted"

	BusinessTypeIndividual = "individual"
	BusinessTypeCompany    = "company"
)

// ErrStripeAccountRestricted is returned (wrapped) by StripeAccountsService.WaitForStatus when
// onboarding ends "restricted" (charges disabled) and that was not one of the awaited statuses.
var ErrStripeAccountRestricted = errors.New("platform: Stripe account restricted")

// StripeAccount is a workspace's Stripe Connect account (one per workspace): it takes the
// payments of the workspace's paid listed products once charges are enabled.
type StripeAccount struct {
	ID             string `json:"id"`
	WorkspaceID    string `json:"workspace_id"`
	Country        string `json:"country"`
	BusinessType   string `json:"business_type"`
	Email          string `json:"email"`
	Status         string `json:"status"`
	ChargesEnabled bool   `json:"charges_enabled"`
	PayoutsEnabled bool   `json:"payouts_enabled"`
	// OnboardingURL is the link where the account holder completes onboarding. Anyone holding it
	// can act on the account, so it is a Secret: printing the struct shows "[redacted]".
	OnboardingURL Secret `json:"onboarding_url"`
	Meta
}

// StripeAccountOptions is the body of a PUT: the whole account. Country (ISO 3166-1 alpha-2)
// and BusinessType never change once the account exists; only Email does.
type StripeAccountOptions struct {
	Country      string `json:"country"`
	BusinessType string `json:"business_type"`
	Email        string `json:"email"`
	// IfVersion, when non-zero, is sent as If-Match (an update of the version read only).
	IfVersion int64 `json:"-"`
}

// stripeAccountChange is the answer of a PUT: the account plus the onboarding operation, when
// one started.
type stripeAccountChange struct {
	StripeAccount
	OperationID string `json:"operation_id"`
}

// StripeAccountsService manages /v1/workspaces/{ws}/stripe-account, a singleton of each
// workspace. Every call needs billing.manage: the account holds an e-mail.
type StripeAccountsService struct{ c *Client }

func stripeAccountPath(ws string) (string, error) {
	return path("workspaces", seg{"workspace", ws}, "stripe-account")
}

// Put creates the workspace's Stripe account or updates it (its e-mail). A create starts
// onboarding: the account is "onboarding" and the operation id is set; wait with WaitForStatus.
// An update answers at once, with an operation id only when it starts onboarding again.
//
// Retrying is safe: the PUT carries an Idempotency-Key like every create, so an attempt
// repeated after an answer was lost gets the first answer replayed, operation id included (and
// PUT names the one account of the workspace, so it could never create a second one).
func (s *StripeAccountsService) Put(ctx context.Context, ws string, opts StripeAccountOptions) (*StripeAccount, string, error) {
	p, err := stripeAccountPath(ws)
	ch, err := sendJSON[stripeAccountChange](ctx, s.c, http.MethodPut, p, err, opts, opts.IfVersion)
	if err != nil {
		return nil, "", err
	}
	return &ch.StripeAccount, ch.OperationID, nil
}

// Get reads the workspace's Stripe account (not_found when it has none).
func (s *StripeAccountsService) Get(ctx context.Context, ws string) (*StripeAccount, error) {
	p, err := stripeAccountPath(ws)
	return getJSON[StripeAccount](ctx, s.c, p, err, nil)
}

// Delete removes the workspace's Stripe account; refused (failed_precondition) while the
// workspace lists paid products. ifVersion, when non-zero, is sent as If-Match.
func (s *StripeAccountsService) Delete(ctx context.Context, ws string, ifVersion int64) error {
	p, err := stripeAccountPath(ws)
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}

// WaitForStatus polls the workspace's Stripe account until its status is one of status and
// returns it. If onboarding ends "restricted" instead, it returns the account and an error
// wrapping ErrStripeAccountRestricted. It waits until ctx ends: give ctx a deadline.
func (s *StripeAccountsService) WaitForStatus(ctx context.Context, ws string, status ...string) (*StripeAccount, error) {
	ref := "of workspace " + ws
	return waitForStatus(ctx, s.c, "Stripe account", ref, status,
		func(ctx context.Context) (*StripeAccount, error) { return s.Get(ctx, ws) },
		func(a *StripeAccount) (string, string, string) { return ref, a.ID, a.Status },
		StripeAccountRestricted, ErrStripeAccountRestricted)
}
