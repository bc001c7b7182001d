package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const projectMemberCols = `pm.seq, pm.workspace_id, pm.project_id, pm.user_id, u.email, pm.role,
	pm.created_at, pm.updated_at, pm.version`

func scanProjectMember(s scanner, m *platform.ProjectMember) error {
	return s.Scan(&m.Seq, &m.WorkspaceID, &m.ProjectID, &m.UserID, &m.Email, &m.Role,
		timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt}, &m.Version)
}

func (t *tx) CreateProjectMember(m *platform.ProjectMember) error {
	seq, err := t.insert("create project member",
		`INSERT INTO project_members (workspace_id, project_id, user_id, role, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{m.WorkspaceID, m.ProjectID, m.UserID, m.Role, formatTime(m.CreatedAt), formatTime(m.UpdatedAt), m.Version},
		taken(alreadyExists("project member %q already exists", m.UserID),
			`SELECT 1 FROM project_members WHERE project_id = ? AND user_id = ?`, m.ProjectID, m.UserID),
		missing(platform.NotFound("project", m.ProjectID), `SELECT 1 FROM projects WHERE id = ?`, m.ProjectID),
		// docs/platform.md section 3: a project member must already be a workspace member.
		missing(platform.Errorf(platform.CodeFailedPrecondition, "user %q is not a member of workspace %q", m.UserID, m.WorkspaceID),
			`SELECT 1 FROM workspace_members WHERE workspace_id = ? AND user_id = ?`, m.WorkspaceID, m.UserID),
	)
	if err != nil {
		return err
	}
	m.Seq = seq
	return nil
}

func (t *tx) GetProjectMember(projectID, userID string) (*platform.ProjectMember, error) {
	return one(t, "project member", userID, scanProjectMember,
		`SELECT `+projectMemberCols+` FROM project_members pm JOIN users u ON u.id = pm.user_id
		 WHERE pm.project_id = ? AND pm.user_id = ?`, projectID, userID)
}

func (t *tx) ListProjectMembers(projectID string, page platform.Page) ([]platform.ProjectMember, error) {
	return many(t, "list project members", page.Limit, scanProjectMember,
		`SELECT `+projectMemberCols+` FROM project_members pm JOIN users u ON u.id = pm.user_id
		 WHERE pm.project_id = ? AND pm.seq > ? ORDER BY pm.seq LIMIT ?`,
		projectID, page.After, limit(page.Limit))
}

func (t *tx) UpdateProjectMember(m *platform.ProjectMember) error {
	return t.update(row{kind: "project member", ref: m.UserID, table: "project_members",
		where: "project_id = ? AND user_id = ?", args: []any{m.ProjectID, m.UserID}}, m.Version,
		"role = ?, updated_at = ?, version = ?",
		[]any{m.Role, formatTime(m.UpdatedAt), m.Version},
	)
}

func (t *tx) DeleteProjectMember(projectID, userID string) error {
	return t.remove(row{kind: "project member", ref: userID, table: "project_members",
		where: "project_id = ? AND user_id = ?", args: []any{projectID, userID}})
}
