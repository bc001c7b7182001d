-- Plan sessions (docs/platform.md, "Plan sessions"): what the dry-run DELETEs of one plan
-- intend to delete, kept for a day so that the plan's later dry runs, and its apply, can be
-- evaluated against it. No foreign keys: an entry may outlive the object it names.

-- +goose Up
CREATE TABLE planned_deletes (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    actor        TEXT NOT NULL,
    session      TEXT NOT NULL,
    workspace_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    force        BOOLEAN NOT NULL,
    created_at   TEXT NOT NULL,
    UNIQUE (actor, session, kind, target_id)
);
CREATE INDEX planned_deletes_by_session ON planned_deletes (actor, session, workspace_id, seq);
CREATE INDEX planned_deletes_by_created_at ON planned_deletes (created_at);

-- +goose Down
DROP TABLE planned_deletes;
