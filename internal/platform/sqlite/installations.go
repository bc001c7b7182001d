package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const installationCols = `i.seq, i.id, i.workspace_id, i.name, i.cluster_id, i.namespace,
	i.source_product_id, i.source_tag, i.source_chart, i."values", i.secrets, i.status, i.installed_tag,
	i.repository_url, i.created_at, i.updated_at, i.version`

func scanInstallation(s scanner, in *platform.Installation) error {
	err := s.Scan(&in.Seq, &in.ID, &in.WorkspaceID, &in.Name, &in.ClusterID, &in.Namespace,
		refCol{&in.Source.ProductID}, refCol{&in.Source.Tag}, refCol{&in.Source.Chart},
		jsonCol{&in.Values}, jsonCol{&in.Secrets}, &in.Status, &in.InstalledTag,
		&in.RepositoryURL, timeCol{&in.CreatedAt}, timeCol{&in.UpdatedAt}, &in.Version)
	if in.Values == nil {
		in.Values = map[string]string{}
	}
	if in.Secrets == nil {
		in.Secrets = []string{}
	}
	return err
}

// installationJSON encodes the map and list columns; nil is stored empty.
func installationJSON(in *platform.Installation) (values, secrets string, err error) {
	if values, err = jsonText(in.Values, "{}"); err != nil {
		return "", "", err
	}
	secrets, err = jsonText(in.Secrets, "[]")
	return values, secrets, err
}

func (t *tx) CreateInstallation(in *platform.Installation) error {
	values, secrets, err := installationJSON(in)
	if err != nil {
		return fail("create installation", err)
	}
	seq, err := t.insert("create installation",
		`INSERT INTO installations (id, workspace_id, name, cluster_id, namespace, source_product_id, source_tag,
		 source_chart, "values", secrets, status, installed_tag, repository_url, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{in.ID, in.WorkspaceID, in.Name, in.ClusterID, in.Namespace, nullable(in.Source.ProductID),
			nullable(in.Source.Tag), nullable(in.Source.Chart), values, secrets, in.Status, in.InstalledTag,
			in.RepositoryURL, formatTime(in.CreatedAt), formatTime(in.UpdatedAt), in.Version},
		taken(alreadyExists("installation name %q already exists in this workspace", in.Name),
			`SELECT 1 FROM installations WHERE workspace_id = ? AND name = ?`, in.WorkspaceID, in.Name),
		taken(alreadyExists("namespace %q of cluster %q already has an installation", in.Namespace, in.ClusterID),
			`SELECT 1 FROM installations WHERE cluster_id = ? AND namespace = ?`, in.ClusterID, in.Namespace),
		taken(alreadyExists("installation %q already exists", in.ID), `SELECT 1 FROM installations WHERE id = ?`, in.ID),
		missing(platform.NotFound("workspace", in.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, in.WorkspaceID),
		missing(platform.NotFound("cluster", in.ClusterID), `SELECT 1 FROM clusters WHERE id = ?`, in.ClusterID),
		missingRef(in.Source.ProductID, platform.NotFound("product", in.Source.ProductID), `SELECT 1 FROM products WHERE id = ?`),
	)
	if err != nil {
		return err
	}
	in.Seq = seq
	return nil
}

func (t *tx) GetInstallation(workspaceID, id string) (*platform.Installation, error) {
	return one(t, "installation", id, scanInstallation,
		`SELECT `+installationCols+` FROM installations i WHERE i.workspace_id = ? AND i.id = ?`, workspaceID, id)
}

func (t *tx) GetInstallationByName(workspaceID, name string) (*platform.Installation, error) {
	return one(t, "installation", name, scanInstallation,
		`SELECT `+installationCols+` FROM installations i WHERE i.workspace_id = ? AND i.name = ?`, workspaceID, name)
}

func (t *tx) ListInstallations(workspaceID string, page platform.Page) ([]platform.Installation, error) {
	return many(t, "list installations", page.Limit, scanInstallation,
		`SELECT `+installationCols+` FROM installations i WHERE i.workspace_id = ? AND i.seq > ? ORDER BY i.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

// UpdateInstallation writes every field; the service keeps the immutable ones (cluster,
// namespace, product, kind of source) as they were.
func (t *tx) UpdateInstallation(in *platform.Installation) error {
	values, secrets, err := installationJSON(in)
	if err != nil {
		return fail("update installation", err)
	}
	return t.update(row{kind: "installation", ref: in.ID, table: "installations",
		where: "workspace_id = ? AND id = ?", args: []any{in.WorkspaceID, in.ID}}, in.Version,
		`name = ?, cluster_id = ?, namespace = ?, source_product_id = ?, source_tag = ?, source_chart = ?,
		 "values" = ?, secrets = ?, status = ?, installed_tag = ?, repository_url = ?, updated_at = ?, version = ?`,
		[]any{in.Name, in.ClusterID, in.Namespace, nullable(in.Source.ProductID), nullable(in.Source.Tag),
			nullable(in.Source.Chart), values, secrets, in.Status, in.InstalledTag, in.RepositoryURL,
			formatTime(in.UpdatedAt), in.Version},
		taken(alreadyExists("installation name %q already exists in this workspace", in.Name),
			`SELECT 1 FROM installations WHERE workspace_id = ? AND name = ? AND id <> ?`, in.WorkspaceID, in.Name, in.ID),
		taken(alreadyExists("namespace %q of cluster %q already has an installation", in.Namespace, in.ClusterID),
			`SELECT 1 FROM installations WHERE cluster_id = ? AND namespace = ? AND id <> ?`, in.ClusterID, in.Namespace, in.ID),
		missing(platform.NotFound("cluster", in.ClusterID), `SELECT 1 FROM clusters WHERE id = ?`, in.ClusterID),
		missingRef(in.Source.ProductID, platform.NotFound("product", in.Source.ProductID), `SELECT 1 FROM products WHERE id = ?`),
	)
}

func (t *tx) DeleteInstallation(workspaceID, id string) error {
	return t.remove(row{kind: "installation", ref: id, table: "installations",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}
