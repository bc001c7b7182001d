package sqlite

import (
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const subscriptionCols = `s.seq, s.workspace_id, w.plan, s.status, s.current_period_end, s.cancel_at_period_end,
	s.status_changed_at, s.created_at, s.updated_at, s.version`

// subscriptionFrom joins the workspace for its plan: the subscription's plan is the workspace's.
const subscriptionFrom = `subscriptions s JOIN workspaces w ON w.id = s.workspace_id`

func scanSubscription(s scanner, x *platform.Subscription) error {
	return s.Scan(&x.Seq, &x.WorkspaceID, stringCol[platform.Plan]{&x.Plan}, stringCol[platform.SubscriptionStatus]{&x.Status},
		timeCol{&x.CurrentPeriodEnd}, &x.CancelAtPeriodEnd, timeCol{&x.StatusChangedAt},
		timeCol{&x.CreatedAt}, timeCol{&x.UpdatedAt}, &x.Version)
}

func (t *tx) CreateSubscription(x *platform.Subscription) error {
	seq, err := t.insert("create subscription",
		`INSERT INTO subscriptions (workspace_id, status, current_period_end, cancel_at_period_end, status_changed_at,
		 created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{x.WorkspaceID, string(x.Status), formatTime(x.CurrentPeriodEnd), x.CancelAtPeriodEnd,
			formatTime(x.StatusChangedAt), formatTime(x.CreatedAt), formatTime(x.UpdatedAt), x.Version},
		taken(alreadyExists("workspace %q already has a subscription", x.WorkspaceID),
			`SELECT 1 FROM subscriptions WHERE workspace_id = ?`, x.WorkspaceID),
		missing(platform.NotFound("workspace", x.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, x.WorkspaceID),
	)
	if err != nil {
		return err
	}
	x.Seq = seq
	return nil
}

func (t *tx) GetSubscription(workspaceID string) (*platform.Subscription, error) {
	return one(t, "subscription", workspaceID, scanSubscription,
		`SELECT `+subscriptionCols+` FROM `+subscriptionFrom+` WHERE s.workspace_id = ?`, workspaceID)
}

func (t *tx) UpdateSubscription(x *platform.Subscription) error {
	return t.update(row{kind: "subscription", ref: x.WorkspaceID, table: "subscriptions", where: "workspace_id = ?",
		args: []any{x.WorkspaceID}}, x.Version,
		`status = ?, current_period_end = ?, cancel_at_period_end = ?, status_changed_at = ?, updated_at = ?, version = ?`,
		[]any{string(x.Status), formatTime(x.CurrentPeriodEnd), x.CancelAtPeriodEnd, formatTime(x.StatusChangedAt),
			formatTime(x.UpdatedAt), x.Version})
}

func (t *tx) ListSubscriptionsDue(now time.Time, limit int) ([]platform.Subscription, error) {
	return many(t, "list subscriptions due", limit, scanSubscription,
		`SELECT `+subscriptionCols+` FROM `+subscriptionFrom+`
		 WHERE s.status <> 'canceled' AND s.current_period_end <= ?
		 ORDER BY s.current_period_end, s.seq LIMIT ?`, formatTime(now), limit)
}
