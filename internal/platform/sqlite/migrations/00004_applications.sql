-- Applications (docs/platform.md section 11): products and their releases, secrets, GitHub App
-- installations, installations of releases or charts on clusters, and deployments in projects
-- with their logs; plus the GitHub deliveries already acted on (a redelivered push changes
-- nothing).
--
-- References that must not dangle use NO ACTION: the service refuses such deletes first with a
-- message naming the users, and NO ACTION (checked at the end of the statement, unlike
-- RESTRICT) still lets a workspace delete cascade to both sides in either order. An
-- installation may use another workspace's listed product, so a product installed elsewhere
-- also blocks its workspace's delete.

-- +goose Up
CREATE TABLE products (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    id                 TEXT    NOT NULL UNIQUE,
    workspace_id       TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    slug               TEXT    NOT NULL,
    name               TEXT    NOT NULL,
    description        TEXT    NOT NULL,
    visibility         TEXT    NOT NULL CHECK (visibility IN ('private', 'listed')),
    price_amount_cents INTEGER NOT NULL CHECK (price_amount_cents >= 0),
    price_currency     TEXT    NOT NULL,
    price_interval     TEXT    NOT NULL CHECK (price_interval IN ('month', 'year')),
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    version            INTEGER NOT NULL,
    UNIQUE (workspace_id, slug)
);
CREATE INDEX products_by_workspace ON products (workspace_id, seq);
-- The marketplace lists listed products of every workspace.
CREATE INDEX products_listed ON products (seq) WHERE visibility = 'listed';

CREATE TABLE releases (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT    NOT NULL UNIQUE,
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    product_id   TEXT    NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    tag          TEXT    NOT NULL,
    chart        TEXT    NOT NULL,
    notes        TEXT    NOT NULL,
    yanked       BOOLEAN NOT NULL,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    UNIQUE (product_id, tag)
);
CREATE INDEX releases_by_product ON releases (product_id, seq);
CREATE INDEX releases_by_workspace ON releases (workspace_id);

CREATE TABLE secrets (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT    NOT NULL UNIQUE,
    workspace_id     TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name             TEXT    NOT NULL,
    description      TEXT    NOT NULL,
    -- The value sealed with the server's key (never the plain value).
    sealed_value     BLOB    NOT NULL,
    value_version    INTEGER NOT NULL,
    value_updated_at TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    UNIQUE (workspace_id, name)
);
CREATE INDEX secrets_by_workspace ON secrets (workspace_id, seq);

CREATE TABLE github_installations (
    seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
    id                   TEXT    NOT NULL UNIQUE,
    workspace_id         TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- GitHub's id: one GitHub installation is connected to at most one workspace.
    installation_id      INTEGER NOT NULL UNIQUE,
    account_login        TEXT    NOT NULL,
    account_type         TEXT    NOT NULL,
    repository_selection TEXT    NOT NULL,
    repositories         TEXT    NOT NULL,
    status               TEXT    NOT NULL CHECK (status IN ('active', 'suspended')),
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    version              INTEGER NOT NULL
);
CREATE INDEX github_installations_by_workspace ON github_installations (workspace_id, seq);

CREATE TABLE installations (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT    NOT NULL UNIQUE,
    workspace_id      TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name              TEXT    NOT NULL,
    cluster_id        TEXT    NOT NULL REFERENCES clusters (id) ON DELETE NO ACTION,
    namespace         TEXT    NOT NULL,
    -- A release source names the product and the tag; a direct install names the chart.
    source_product_id TEXT    REFERENCES products (id) ON DELETE NO ACTION,
    source_tag        TEXT,
    source_chart      TEXT,
    "values"          TEXT    NOT NULL,
    secrets           TEXT    NOT NULL,
    status            TEXT    NOT NULL,
    installed_tag     TEXT    NOT NULL,
    repository_url    TEXT    NOT NULL,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    version           INTEGER NOT NULL,
    UNIQUE (workspace_id, name),
    UNIQUE (cluster_id, namespace),
    CHECK ((source_product_id IS NULL) = (source_tag IS NULL)),
    CHECK ((source_product_id IS NULL) <> (source_chart IS NULL))
);
CREATE INDEX installations_by_workspace ON installations (workspace_id, seq);
CREATE INDEX installations_by_product ON installations (source_product_id, source_tag);

CREATE TABLE deployments (
    seq                           INTEGER PRIMARY KEY AUTOINCREMENT,
    id                            TEXT    NOT NULL UNIQUE,
    workspace_id                  TEXT    NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    project_id                    TEXT    NOT NULL REFERENCES projects (id) ON DELETE NO ACTION,
    name                          TEXT    NOT NULL,
    cluster_id                    TEXT    NOT NULL REFERENCES clusters (id) ON DELETE NO ACTION,
    image                         TEXT    NOT NULL,
    replicas                      INTEGER NOT NULL,
    env                           TEXT    NOT NULL,
    secrets                       TEXT    NOT NULL,
    source_github_installation_id TEXT    REFERENCES github_installations (id) ON DELETE NO ACTION,
    source_repository             TEXT,
    source_branch                 TEXT,
    status                        TEXT    NOT NULL,
    revision                      INTEGER NOT NULL,
    commit_sha                    TEXT    NOT NULL,
    url                           TEXT    NOT NULL,
    created_at                    TEXT    NOT NULL,
    updated_at                    TEXT    NOT NULL,
    version                       INTEGER NOT NULL,
    UNIQUE (project_id, name),
    CHECK ((source_github_installation_id IS NULL) = (source_repository IS NULL)),
    CHECK ((source_github_installation_id IS NULL) = (source_branch IS NULL))
);
CREATE INDEX deployments_by_project ON deployments (project_id, seq);
CREATE INDEX deployments_by_workspace ON deployments (workspace_id, seq);
CREATE INDEX deployments_by_cluster ON deployments (cluster_id);
-- A push finds the deployments it builds.
CREATE INDEX deployments_by_source ON deployments (source_github_installation_id, source_repository, source_branch);

CREATE TABLE deployment_logs (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    deployment_id TEXT    NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    at            TEXT    NOT NULL,
    revision      INTEGER NOT NULL,
    message       TEXT    NOT NULL
);
CREATE INDEX deployment_logs_by_deployment ON deployment_logs (deployment_id, at, seq);

CREATE TABLE github_deliveries (
    delivery_id TEXT NOT NULL PRIMARY KEY,
    received_at TEXT NOT NULL
);
CREATE INDEX github_deliveries_by_age ON github_deliveries (received_at);

-- +goose Down
DROP TABLE github_deliveries;
DROP TABLE deployment_logs;
DROP TABLE deployments;
DROP TABLE installations;
DROP TABLE github_installations;
DROP TABLE secrets;
DROP TABLE releases;
DROP TABLE products;
