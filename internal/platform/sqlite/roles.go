package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const roleCols = `r.seq, r.id, r.workspace_id, r.name, r.description, r.permissions, r.created_at, r.updated_at, r.version`

func scanRole(s scanner, r *platform.Role) error {
	err := s.Scan(&r.Seq, &r.ID, &r.WorkspaceID, &r.Name, &r.Description, jsonCol{&r.Permissions},
		timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}, &r.Version)
	if r.Permissions == nil {
		r.Permissions = []platform.Permission{}
	}
	return err
}

func (t *tx) CreateRole(r *platform.Role) error {
	perms, err := jsonText(r.Permissions, "[]")
	if err != nil {
		return fail("create role", err)
	}
	seq, err := t.insert("create role",
		`INSERT INTO roles (id, workspace_id, name, description, permissions, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{r.ID, r.WorkspaceID, r.Name, r.Description, perms, formatTime(r.CreatedAt), formatTime(r.UpdatedAt), r.Version},
		taken(alreadyExists("role name %q already exists in this workspace", r.Name),
			`SELECT 1 FROM roles WHERE workspace_id = ? AND name = ?`, r.WorkspaceID, r.Name),
		taken(alreadyExists("role %q already exists", r.ID), `SELECT 1 FROM roles WHERE id = ?`, r.ID),
		missing(platform.NotFound("workspace", r.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, r.WorkspaceID),
	)
	if err != nil {
		return err
	}
	r.Seq = seq
	return nil
}

func (t *tx) GetRole(workspaceID, id string) (*platform.Role, error) {
	return one(t, "role", id, scanRole,
		`SELECT `+roleCols+` FROM roles r WHERE r.workspace_id = ? AND r.id = ?`, workspaceID, id)
}

func (t *tx) GetRoleByName(workspaceID, name string) (*platform.Role, error) {
	return one(t, "role", name, scanRole,
		`SELECT `+roleCols+` FROM roles r WHERE r.workspace_id = ? AND r.name = ?`, workspaceID, name)
}

func (t *tx) ListRoles(workspaceID string, page platform.Page) ([]platform.Role, error) {
	return many(t, "list roles", page.Limit, scanRole,
		`SELECT `+roleCols+` FROM roles r WHERE r.workspace_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

func (t *tx) UpdateRole(r *platform.Role) error {
	perms, err := jsonText(r.Permissions, "[]")
	if err != nil {
		return fail("update role", err)
	}
	return t.update(row{kind: "role", ref: r.ID, table: "roles",
		where: "workspace_id = ? AND id = ?", args: []any{r.WorkspaceID, r.ID}}, r.Version,
		"name = ?, description = ?, permissions = ?, updated_at = ?, version = ?",
		[]any{r.Name, r.Description, perms, formatTime(r.UpdatedAt), r.Version},
		taken(alreadyExists("role name %q already exists in this workspace", r.Name),
			`SELECT 1 FROM roles WHERE workspace_id = ? AND name = ? AND id <> ?`, r.WorkspaceID, r.Name, r.ID),
	)
}

// DeleteRole deletes the role only; whether it is still assigned is the service's question
// (CountRoleAssignments), since assignments hold role ids as plain text.
func (t *tx) DeleteRole(workspaceID, id string) error {
	return t.remove(row{kind: "role", ref: id, table: "roles",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}
