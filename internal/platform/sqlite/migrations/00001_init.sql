-- The platform schema. Kept to standard SQL so the PostgreSQL schema mirrors it table by
-- table; the SQLite-specific parts are the seq column type and the TEXT timestamps.
--
-- Conventions:
--   * seq (INTEGER PRIMARY KEY AUTOINCREMENT: the rowid, never reused) orders every list by
--     creation. Membership tables need one too, so their natural key is a UNIQUE constraint
--     rather than the primary key.
--   * Timestamps are TEXT in a fixed-width UTC format (see timeLayout in the Go code), so they
--     round-trip exactly and compare correctly as strings.
--   * Optional references are NULL, never ''.
--   * Maps and lists are JSON TEXT.
--   * Every list has an index on (parent, seq), and every foreign key an index on its
--     referencing columns, so that deletes cascade without scanning.

-- +goose Up
CREATE TABLE users (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT    NOT NULL UNIQUE,
    email          TEXT    NOT NULL UNIQUE CHECK (email = lower(email)),
    active         BOOLEAN NOT NULL,
    platform_admin BOOLEAN NOT NULL,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL
);

CREATE TABLE user_tokens (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    user_id     TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT    NOT NULL,
    prefix      TEXT    NOT NULL,
    secret_hash TEXT    NOT NULL UNIQUE,
    expires_at  TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    version     INTEGER NOT NULL
);
CREATE INDEX user_tokens_by_user ON user_tokens (user_id, seq);

CREATE TABLE organizations (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT    NOT NULL UNIQUE,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    version    INTEGER NOT NULL
);

CREATE TABLE organization_members (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id TEXT    NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    UNIQUE (organization_id, user_id)
);
CREATE INDEX organization_members_by_user ON organization_members (user_id);
CREATE INDEX organization_members_by_organization ON organization_members (organization_id, seq);

CREATE TABLE workspaces (
    seq                      INTEGER PRIMARY KEY AUTOINCREMENT,
    id                       TEXT    NOT NULL UNIQUE,
    slug                     TEXT    NOT NULL UNIQUE,
    name                     TEXT    NOT NULL,
    description              TEXT    NOT NULL,
    plan                     TEXT    NOT NULL,
    -- RESTRICT: an organization that manages workspaces cannot disappear under them.
    managing_organization_id TEXT    REFERENCES organizations (id) ON DELETE RESTRICT,
    settings                 TEXT    NOT NULL,
    created_at               TEXT    NOT NULL,
    updated_at               TEXT    NOT NULL,
    version                  INTEGER NOT NULL
);
CREATE INDEX workspaces_by_managing_organization ON workspaces (managing_organization_id);

CREATE TABLE workspace_members (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    user_id      TEXT    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- A built-in role name or a custom role id: no foreign key, the service checks it.
    role         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (workspace_id, user_id)
);
CREATE INDEX workspace_members_by_user ON workspace_members (user_id);
CREATE INDEX workspace_members_by_workspace ON workspace_members (workspace_id, seq);

CREATE TABLE projects (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slug         TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (workspace_id, slug)
);
CREATE INDEX projects_by_workspace ON projects (workspace_id, seq);

CREATE TABLE project_members (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id TEXT    NOT NULL,
    project_id   TEXT    NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id      TEXT    NOT NULL,
    role         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (project_id, user_id),
    -- An override exists only for a workspace member and goes away with the membership.
    FOREIGN KEY (workspace_id, user_id)
        REFERENCES workspace_members (workspace_id, user_id) ON DELETE CASCADE
);
CREATE INDEX project_members_by_member ON project_members (workspace_id, user_id);
CREATE INDEX project_members_by_project ON project_members (project_id, seq);

CREATE TABLE roles (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    permissions  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE INDEX roles_by_workspace ON roles (workspace_id, seq);

CREATE TABLE api_keys (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    id                   TEXT    NOT NULL UNIQUE,
    workspace_id         TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name                 TEXT    NOT NULL,
    access               TEXT    NOT NULL,
    prefix               TEXT    NOT NULL,
    expires_at           TEXT,
    created_by           TEXT    NOT NULL,
    secret_hash          TEXT    NOT NULL UNIQUE,
    previous_secret_hash TEXT,
    previous_expires_at  TEXT,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    version              INTEGER NOT NULL
);
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, seq);
CREATE INDEX api_keys_by_previous_secret_hash ON api_keys (previous_secret_hash);

CREATE TABLE regions (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE INDEX regions_by_workspace ON regions (workspace_id, seq);

CREATE TABLE clusters (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    id                 TEXT    NOT NULL UNIQUE,
    workspace_id       TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name               TEXT    NOT NULL,
    -- NO ACTION rather than RESTRICT: both refuse deleting a region that still has clusters,
    -- but NO ACTION is checked at the end of the statement, so a workspace delete that
    -- cascades to regions and clusters in either order succeeds.
    region_id          TEXT    REFERENCES regions (id) ON DELETE NO ACTION,
    project_id         TEXT    REFERENCES projects (id) ON DELETE SET NULL,
    cloud              TEXT    NOT NULL,
    location           TEXT    NOT NULL,
    kubernetes_version TEXT    NOT NULL,
    node_pools         TEXT    NOT NULL,
    status             TEXT    NOT NULL,
    endpoint           TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    version            INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE INDEX clusters_by_workspace ON clusters (workspace_id, seq);
CREATE INDEX clusters_by_region ON clusters (region_id);
CREATE INDEX clusters_by_project ON clusters (project_id);

CREATE TABLE operations (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    kind         TEXT    NOT NULL,
    -- No foreign key: the operation outlives the cluster it deleted.
    target_id    TEXT,
    status       TEXT    NOT NULL,
    error        TEXT    NOT NULL,
    target       TEXT,
    due_at       TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL
);
-- The worker polls for unfinished operations; finished ones are the vast majority.
CREATE INDEX operations_unfinished ON operations (seq) WHERE status IN ('pending', 'running');
-- Also serves the cascade when a workspace is deleted.
CREATE INDEX operations_by_workspace ON operations (workspace_id);
-- A delete cancels the changes still running on its cluster.
CREATE INDEX operations_unfinished_by_target ON operations (target_id, seq) WHERE status IN ('pending', 'running');

-- No foreign keys: audit events outlive what they describe.
CREATE TABLE audit_events (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              TEXT    NOT NULL UNIQUE,
    workspace_id    TEXT,
    organization_id TEXT,
    actor           TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    target          TEXT    NOT NULL,
    at              TEXT    NOT NULL
);
CREATE INDEX audit_events_by_workspace ON audit_events (workspace_id, seq);

CREATE TABLE idempotency_records (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    caller       TEXT    NOT NULL,
    idem_key     TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       INTEGER NOT NULL,
    body         BLOB    NOT NULL,
    created_at   TEXT    NOT NULL,
    UNIQUE (caller, idem_key)
);
CREATE INDEX idempotency_records_by_created_at ON idempotency_records (created_at);

-- +goose Down
DROP TABLE idempotency_records;
DROP TABLE audit_events;
DROP TABLE operations;
DROP TABLE clusters;
DROP TABLE regions;
DROP TABLE api_keys;
DROP TABLE roles;
DROP TABLE project_members;
DROP TABLE projects;
DROP TABLE workspace_members;
DROP TABLE workspaces;
DROP TABLE organization_members;
DROP TABLE organizations;
DROP TABLE user_tokens;
DROP TABLE users;
