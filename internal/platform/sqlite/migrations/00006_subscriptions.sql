-- Every workspace's own subscription (docs/platform.md section 12). The plan stays on the
-- workspace (quotas read it there); the subscription holds what the payment processor decides.
-- Existing workspaces get an active subscription whose first period is the month after their
-- creation (later periods follow as the service reads them: monthly renewals are derived).

-- +goose Up
CREATE TABLE subscriptions (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id         TEXT    NOT NULL UNIQUE REFERENCES workspaces (id) ON DELETE CASCADE,
    status               TEXT    NOT NULL CHECK (status IN ('active', 'past_due', 'canceled')),
    current_period_end   TEXT    NOT NULL,
    cancel_at_period_end INTEGER NOT NULL,
    status_changed_at    TEXT    NOT NULL,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    version              INTEGER NOT NULL
);
-- The worker's question: which periods have ended.
CREATE INDEX subscriptions_by_period_end ON subscriptions (current_period_end) WHERE status <> 'canceled';

-- Times are stored fixed-width ("2006-01-02T15:04:05.000000000Z"): the date moves by a month
-- (SQLite normalises an overflowing day as Go's AddDate does), the time of day stays.
INSERT INTO subscriptions (workspace_id, status, current_period_end, cancel_at_period_end, status_changed_at,
                           created_at, updated_at, version)
SELECT id, 'active', date(substr(created_at, 1, 10), '+1 month') || substr(created_at, 11), 0, created_at,
       created_at, created_at, 1
FROM workspaces ORDER BY seq;

-- +goose Down
DROP TABLE subscriptions;
