package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Workspace members: Email and Status are joined from users, never stored.
const workspaceMemberCols = `m.seq, m.workspace_id, m.user_id, u.email, m.role, m.status, m.created_at, m.updated_at, m.version`

func scanWorkspaceMember(s scanner, m *platform.WorkspaceMember) error {
	return s.Scan(&m.Seq, &m.WorkspaceID, &m.UserID, &m.Email, &m.Role, &m.Status,
		timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt}, &m.Version)
}

func (t *tx) CreateWorkspaceMember(m *platform.WorkspaceMember) error {
	seq, err := t.insert("create workspace member",
		`INSERT INTO workspace_members (workspace_id, user_id, role, status, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{m.WorkspaceID, m.UserID, m.Role, memberStatus(m.Status), formatTime(m.CreatedAt), formatTime(m.UpdatedAt), m.Version},
		taken(alreadyExists("workspace member %q already exists", m.UserID),
			`SELECT 1 FROM workspace_members WHERE workspace_id = ? AND user_id = ?`, m.WorkspaceID, m.UserID),
		missing(platform.NotFound("workspace", m.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, m.WorkspaceID),
		missing(platform.NotFound("user", m.UserID), `SELECT 1 FROM users WHERE id = ?`, m.UserID),
	)
	if err != nil {
		return err
	}
	m.Seq = seq
	return nil
}

func (t *tx) GetWorkspaceMember(workspaceID, userID string) (*platform.WorkspaceMember, error) {
	return one(t, "workspace member", userID, scanWorkspaceMember,
		`SELECT `+workspaceMemberCols+` FROM workspace_members m JOIN users u ON u.id = m.user_id
		 WHERE m.workspace_id = ? AND m.user_id = ?`, workspaceID, userID)
}

const listWorkspaceMembersSQL = `SELECT ` + workspaceMemberCols + `
	FROM workspace_members m JOIN users u ON u.id = m.user_id
	WHERE m.workspace_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`

func (t *tx) ListWorkspaceMembers(workspaceID string, page platform.Page) ([]platform.WorkspaceMember, error) {
	return many(t, "list workspace members", page.Limit, scanWorkspaceMember, listWorkspaceMembersSQL,
		workspaceID, page.After, limit(page.Limit))
}

func (t *tx) UpdateWorkspaceMember(m *platform.WorkspaceMember) error {
	return t.update(row{kind: "workspace member", ref: m.UserID, table: "workspace_members",
		where: "workspace_id = ? AND user_id = ?", args: []any{m.WorkspaceID, m.UserID}}, m.Version,
		"role = ?, status = ?, updated_at = ?, version = ?",
		[]any{m.Role, memberStatus(m.Status), formatTime(m.UpdatedAt), m.Version},
	)
}

func (t *tx) SetWorkspaceMemberStatus(workspaceID, userID, status string) error {
	if err := t.writable(); err != nil {
		return err
	}
	res, err := t.q.ExecContext(t.ctx, `UPDATE workspace_members SET status = ? WHERE workspace_id = ? AND user_id = ?`,
		memberStatus(status), workspaceID, userID)
	if err != nil {
		return fail("set workspace member status", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("set workspace member status", err)
	} else if n == 0 {
		return platform.NotFound("workspace member", userID)
	}
	return nil
}

// memberStatus stores an unset status as invited, the status every membership starts with.
func memberStatus(s string) string {
	if s == "" {
		return platform.MemberInvited
	}
	return s
}

// DeleteWorkspaceMember also removes the member's project overrides, through the
// project_members foreign key to workspace_members.
func (t *tx) DeleteWorkspaceMember(workspaceID, userID string) error {
	return t.remove(row{kind: "workspace member", ref: userID, table: "workspace_members",
		where: "workspace_id = ? AND user_id = ?", args: []any{workspaceID, userID}})
}

func (t *tx) CountWorkspaceOwners(workspaceID string) (int, error) {
	return t.count("count workspace owners",
		`SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ? AND role = ?`, workspaceID, platform.RoleOwner)
}

func (t *tx) CountRoleAssignments(workspaceID, role string) (int, error) {
	return t.count("count role assignments",
		`SELECT (SELECT COUNT(*) FROM workspace_members WHERE workspace_id = ? AND role = ?)
		      + (SELECT COUNT(*) FROM project_members WHERE workspace_id = ? AND role = ?)`,
		workspaceID, role, workspaceID, role)
}
