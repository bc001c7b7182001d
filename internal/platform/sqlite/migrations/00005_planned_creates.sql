-- Plan sessions remember their dry-run creates too (docs/platform.md, "Plan sessions"): later
-- dry runs of the session count them against quotas and refuse a second object with the same
-- unique name. Kept for a day, like planned deletes; no foreign keys.

-- +goose Up
CREATE TABLE planned_creates (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    actor        TEXT NOT NULL,
    session      TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    key          TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (actor, session, kind, key)
);
CREATE INDEX planned_creates_by_workspace ON planned_creates (actor, session, workspace_id, kind);
CREATE INDEX planned_creates_by_created_at ON planned_creates (created_at);

-- +goose Down
DROP TABLE planned_creates;
