-- The workspace's Stripe account (docs/platform.md section 12): one per workspace, gone with it.
-- Its onboarding link is never stored: the service signs it on every answer.

-- +goose Up
CREATE TABLE stripe_accounts (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,
    workspace_id    TEXT    NOT NULL UNIQUE REFERENCES workspaces (id) ON DELETE CASCADE,
    country         TEXT    NOT NULL,
    business_type   TEXT    NOT NULL CHECK (business_type IN ('individual', 'company')),
    email           TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('onboarding', 'active', 'restricted')),
    charges_enabled INTEGER NOT NULL CHECK (charges_enabled IN (0, 1)),
    payouts_enabled INTEGER NOT NULL CHECK (payouts_enabled IN (0, 1)),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL
);

-- +goose Down
DROP TABLE stripe_accounts;
