package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const stripeAccountCols = `a.seq, a.id, a.workspace_id, a.country, a.business_type, a.email, a.status,
	a.charges_enabled, a.payouts_enabled, a.created_at, a.updated_at, a.version`

func scanStripeAccount(s scanner, a *platform.StripeAccount) error {
	return s.Scan(&a.Seq, &a.ID, &a.WorkspaceID, &a.Country, &a.BusinessType, &a.Email, &a.Status,
		&a.ChargesEnabled, &a.PayoutsEnabled, timeCol{&a.CreatedAt}, timeCol{&a.UpdatedAt}, &a.Version)
}

func (t *tx) CreateStripeAccount(a *platform.StripeAccount) error {
	seq, err := t.insert("create stripe account",
		`INSERT INTO stripe_accounts (id, workspace_id, country, business_type, email, status, charges_enabled,
		 payouts_enabled, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{a.ID, a.WorkspaceID, a.Country, a.BusinessType, a.Email, a.Status, a.ChargesEnabled, a.PayoutsEnabled,
			formatTime(a.CreatedAt), formatTime(a.UpdatedAt), a.Version},
		missing(platform.NotFound("workspace", a.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, a.WorkspaceID),
		taken(alreadyExists("workspace %q already has a Stripe account", a.WorkspaceID),
			`SELECT 1 FROM stripe_accounts WHERE workspace_id = ?`, a.WorkspaceID),
		taken(alreadyExists("stripe account %q already exists", a.ID), `SELECT 1 FROM stripe_accounts WHERE id = ?`, a.ID),
	)
	if err != nil {
		return err
	}
	a.Seq = seq
	return nil
}

func (t *tx) GetStripeAccount(workspaceID string) (*platform.StripeAccount, error) {
	a, err := one(t, "stripe account", "", scanStripeAccount,
		`SELECT `+stripeAccountCols+` FROM stripe_accounts a WHERE a.workspace_id = ?`, workspaceID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.Errorf(platform.CodeNotFound, "workspace %q has no Stripe account", workspaceID)
	}
	return a, err
}

// UpdateStripeAccount writes what may change: the country and the business type never do.
func (t *tx) UpdateStripeAccount(a *platform.StripeAccount) error {
	return t.update(row{kind: "stripe account", ref: a.ID, table: "stripe_accounts",
		where: "workspace_id = ? AND id = ?", args: []any{a.WorkspaceID, a.ID}}, a.Version,
		"email = ?, status = ?, charges_enabled = ?, payouts_enabled = ?, updated_at = ?, version = ?",
		[]any{a.Email, a.Status, a.ChargesEnabled, a.PayoutsEnabled, formatTime(a.UpdatedAt), a.Version},
	)
}

func (t *tx) DeleteStripeAccount(workspaceID, id string) error {
	return t.remove(row{kind: "stripe account", ref: id, table: "stripe_accounts",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}
