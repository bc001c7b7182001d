-- A workspace member is "invited" until they first use that workspace, then "active": the
-- status belongs to the membership, no longer to the user (docs/platform.md, "Members").
-- Existing memberships keep what they showed: active for users who had signed in.

-- +goose Up
ALTER TABLE workspace_members ADD COLUMN status TEXT NOT NULL DEFAULT 'invited'
    CHECK (status IN ('invited', 'active'));
UPDATE workspace_members SET status = 'active'
    WHERE user_id IN (SELECT id FROM users WHERE active);

-- +goose Down
ALTER TABLE workspace_members DROP COLUMN status;
