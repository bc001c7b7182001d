package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const secretCols = `s.seq, s.id, s.workspace_id, s.name, s.description, s.sealed_value, s.value_version,
	s.value_updated_at, s.created_at, s.updated_at, s.version`

func scanSecret(sc scanner, s *platform.Secret) error {
	return sc.Scan(&s.Seq, &s.ID, &s.WorkspaceID, &s.Name, &s.Description, &s.SealedValue, &s.ValueVersion,
		timeCol{&s.ValueUpdatedAt}, timeCol{&s.CreatedAt}, timeCol{&s.UpdatedAt}, &s.Version)
}

func (t *tx) CreateSecret(s *platform.Secret) error {
	seq, err := t.insert("create secret",
		`INSERT INTO secrets (id, workspace_id, name, description, sealed_value, value_version, value_updated_at,
		 created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{s.ID, s.WorkspaceID, s.Name, s.Description, sealed(s.SealedValue), s.ValueVersion, formatTime(s.ValueUpdatedAt),
			formatTime(s.CreatedAt), formatTime(s.UpdatedAt), s.Version},
		taken(alreadyExists("secret name %q already exists in this workspace", s.Name),
			`SELECT 1 FROM secrets WHERE workspace_id = ? AND name = ?`, s.WorkspaceID, s.Name),
		taken(alreadyExists("secret %q already exists", s.ID), `SELECT 1 FROM secrets WHERE id = ?`, s.ID),
		missing(platform.NotFound("workspace", s.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, s.WorkspaceID),
	)
	if err != nil {
		return err
	}
	s.Seq = seq
	return nil
}

// sealed keeps an empty value a BLOB (never NULL, which the column refuses).
func sealed(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func (t *tx) GetSecret(workspaceID, id string) (*platform.Secret, error) {
	return one(t, "secret", id, scanSecret,
		`SELECT `+secretCols+` FROM secrets s WHERE s.workspace_id = ? AND s.id = ?`, workspaceID, id)
}

func (t *tx) GetSecretByName(workspaceID, name string) (*platform.Secret, error) {
	return one(t, "secret", name, scanSecret,
		`SELECT `+secretCols+` FROM secrets s WHERE s.workspace_id = ? AND s.name = ?`, workspaceID, name)
}

func (t *tx) ListSecrets(workspaceID string, page platform.Page) ([]platform.Secret, error) {
	return many(t, "list secrets", page.Limit, scanSecret,
		`SELECT `+secretCols+` FROM secrets s WHERE s.workspace_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

func (t *tx) UpdateSecret(s *platform.Secret) error {
	return t.update(row{kind: "secret", ref: s.ID, table: "secrets",
		where: "workspace_id = ? AND id = ?", args: []any{s.WorkspaceID, s.ID}}, s.Version,
		"name = ?, description = ?, sealed_value = ?, value_version = ?, value_updated_at = ?, updated_at = ?, version = ?",
		[]any{s.Name, s.Description, sealed(s.SealedValue), s.ValueVersion, formatTime(s.ValueUpdatedAt),
			formatTime(s.UpdatedAt), s.Version},
		taken(alreadyExists("secret name %q already exists in this workspace", s.Name),
			`SELECT 1 FROM secrets WHERE workspace_id = ? AND name = ? AND id <> ?`, s.WorkspaceID, s.Name, s.ID),
	)
}

// DeleteSecret does not look at users: references are by name, and the service refuses the
// delete of a secret in use (SecretDependents) before it gets here.
func (t *tx) DeleteSecret(workspaceID, id string) error {
	return t.remove(row{kind: "secret", ref: id, table: "secrets",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}

func (t *tx) SecretDependents(workspaceID, name string) (platform.Dependents, error) {
	inst, err := many(t, "secret dependents", 0, scanString,
		`SELECT i.name FROM installations i WHERE i.workspace_id = ?
		   AND EXISTS (SELECT 1 FROM json_each(i.secrets) WHERE json_each.value = ?) ORDER BY i.seq`,
		workspaceID, name)
	if err != nil {
		return platform.Dependents{}, err
	}
	deps, err := many(t, "secret dependents", 0, scanString,
		`SELECT p.slug || '/' || d.name FROM deployments d JOIN projects p ON p.id = d.project_id
		 WHERE d.workspace_id = ? AND EXISTS (SELECT 1 FROM json_each(d.secrets) WHERE json_each.value = ?)
		 ORDER BY d.seq`,
		workspaceID, name)
	if err != nil {
		return platform.Dependents{}, err
	}
	return platform.Dependents{Installations: inst, Deployments: deps}, nil
}
