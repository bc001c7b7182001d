package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const apiKeyCols = `k.seq, k.id, k.workspace_id, k.name, k.access, k.prefix, k.expires_at, k.created_by,
	k.secret_hash, k.previous_secret_hash, k.previous_expires_at, k.created_at, k.updated_at, k.version`

func scanAPIKey(s scanner, k *platform.APIKey) error {
	return s.Scan(&k.Seq, &k.ID, &k.WorkspaceID, &k.Name, stringCol[platform.Access]{&k.Access}, &k.Prefix,
		nullTimeCol{&k.ExpiresAt}, &k.CreatedBy, &k.SecretHash, refCol{&k.PreviousSecretHash},
		nullTimeCol{&k.PreviousExpiresAt}, timeCol{&k.CreatedAt}, timeCol{&k.UpdatedAt}, &k.Version)
}

func (t *tx) CreateAPIKey(k *platform.APIKey) error {
	seq, err := t.insert("create api key",
		`INSERT INTO api_keys (id, workspace_id, name, access, prefix, expires_at, created_by, secret_hash,
		 previous_secret_hash, previous_expires_at, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{k.ID, k.WorkspaceID, k.Name, string(k.Access), k.Prefix, nullableTime(k.ExpiresAt), k.CreatedBy,
			k.SecretHash, nullable(k.PreviousSecretHash), nullableTime(k.PreviousExpiresAt),
			formatTime(k.CreatedAt), formatTime(k.UpdatedAt), k.Version},
		taken(alreadyExists("api key %q already exists", k.ID), `SELECT 1 FROM api_keys WHERE id = ?`, k.ID),
		// The hash is not shown: it identifies a credential.
		taken(alreadyExists("an api key with this secret already exists"),
			`SELECT 1 FROM api_keys WHERE secret_hash = ?`, k.SecretHash),
		missing(platform.NotFound("workspace", k.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, k.WorkspaceID),
	)
	if err != nil {
		return err
	}
	k.Seq = seq
	return nil
}

func (t *tx) GetAPIKey(workspaceID, id string) (*platform.APIKey, error) {
	return one(t, "api key", id, scanAPIKey,
		`SELECT `+apiKeyCols+` FROM api_keys k WHERE k.workspace_id = ? AND k.id = ?`, workspaceID, id)
}

// GetAPIKeyBySecretHash tries the current secret first, so a current secret always wins over
// a rotated one. Two indexed lookups rather than one OR keep both on their index.
func (t *tx) GetAPIKeyBySecretHash(hash string) (*platform.APIKey, error) {
	k, err := one(t, "api key", "", scanAPIKey,
		`SELECT `+apiKeyCols+` FROM api_keys k WHERE k.secret_hash = ?`, hash)
	if !platform.IsCode(err, platform.CodeNotFound) {
		return k, err
	}
	return one(t, "api key", "", scanAPIKey,
		`SELECT `+apiKeyCols+` FROM api_keys k WHERE k.previous_secret_hash = ? ORDER BY k.seq LIMIT 1`, hash)
}

func (t *tx) ListAPIKeys(workspaceID string, page platform.Page) ([]platform.APIKey, error) {
	return many(t, "list api keys", page.Limit, scanAPIKey,
		`SELECT `+apiKeyCols+` FROM api_keys k WHERE k.workspace_id = ? AND k.seq > ? ORDER BY k.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

func (t *tx) UpdateAPIKey(k *platform.APIKey) error {
	return t.update(row{kind: "api key", ref: k.ID, table: "api_keys",
		where: "workspace_id = ? AND id = ?", args: []any{k.WorkspaceID, k.ID}}, k.Version,
		`name = ?, access = ?, prefix = ?, expires_at = ?, secret_hash = ?, previous_secret_hash = ?,
		 previous_expires_at = ?, updated_at = ?, version = ?`,
		[]any{k.Name, string(k.Access), k.Prefix, nullableTime(k.ExpiresAt), k.SecretHash,
			nullable(k.PreviousSecretHash), nullableTime(k.PreviousExpiresAt), formatTime(k.UpdatedAt), k.Version},
		taken(alreadyExists("an api key with this secret already exists"),
			`SELECT 1 FROM api_keys WHERE secret_hash = ? AND id <> ?`, k.SecretHash, k.ID),
	)
}

func (t *tx) DeleteAPIKey(workspaceID, id string) error {
	return t.remove(row{kind: "api key", ref: id, table: "api_keys",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}
