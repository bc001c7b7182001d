package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const projectCols = `p.seq, p.id, p.workspace_id, p.slug, p.name, p.description, p.created_at, p.updated_at, p.version`

func scanProject(s scanner, p *platform.Project) error {
	return s.Scan(&p.Seq, &p.ID, &p.WorkspaceID, &p.Slug, &p.Name, &p.Description,
		timeCol{&p.CreatedAt}, timeCol{&p.UpdatedAt}, &p.Version)
}

func (t *tx) CreateProject(p *platform.Project) error {
	seq, err := t.insert("create project",
		`INSERT INTO projects (id, workspace_id, slug, name, description, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{p.ID, p.WorkspaceID, p.Slug, p.Name, p.Description, formatTime(p.CreatedAt), formatTime(p.UpdatedAt), p.Version},
		taken(alreadyExists("project slug %q already exists in this workspace", p.Slug),
			`SELECT 1 FROM projects WHERE workspace_id = ? AND slug = ?`, p.WorkspaceID, p.Slug),
		taken(alreadyExists("project %q already exists", p.ID), `SELECT 1 FROM projects WHERE id = ?`, p.ID),
		missing(platform.NotFound("workspace", p.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, p.WorkspaceID),
	)
	if err != nil {
		return err
	}
	p.Seq = seq
	return nil
}

func (t *tx) GetProject(workspaceID, id string) (*platform.Project, error) {
	return one(t, "project", id, scanProject,
		`SELECT `+projectCols+` FROM projects p WHERE p.workspace_id = ? AND p.id = ?`, workspaceID, id)
}

func (t *tx) GetProjectBySlug(workspaceID, slug string) (*platform.Project, error) {
	return one(t, "project", slug, scanProject,
		`SELECT `+projectCols+` FROM projects p WHERE p.workspace_id = ? AND p.slug = ?`, workspaceID, slug)
}

const listProjectsSQL = `SELECT ` + projectCols + ` FROM projects p
	WHERE p.workspace_id = ? AND p.seq > ? ORDER BY p.seq LIMIT ?`

func (t *tx) ListProjects(workspaceID string, page platform.Page) ([]platform.Project, error) {
	return many(t, "list projects", page.Limit, scanProject, listProjectsSQL, workspaceID, page.After, limit(page.Limit))
}

func (t *tx) ListProjectsForMember(workspaceID, userID string, page platform.Page) ([]platform.Project, error) {
	return many(t, "list projects", page.Limit, scanProject,
		`SELECT `+projectCols+` FROM projects p JOIN project_members pm ON pm.project_id = p.id
		 WHERE p.workspace_id = ? AND pm.user_id = ? AND p.seq > ? ORDER BY p.seq LIMIT ?`,
		workspaceID, userID, page.After, limit(page.Limit))
}

func (t *tx) UpdateProject(p *platform.Project) error {
	return t.update(row{kind: "project", ref: p.ID, table: "projects",
		where: "workspace_id = ? AND id = ?", args: []any{p.WorkspaceID, p.ID}}, p.Version,
		"slug = ?, name = ?, description = ?, updated_at = ?, version = ?",
		[]any{p.Slug, p.Name, p.Description, formatTime(p.UpdatedAt), p.Version},
		taken(alreadyExists("project slug %q already exists in this workspace", p.Slug),
			`SELECT 1 FROM projects WHERE workspace_id = ? AND slug = ? AND id <> ?`, p.WorkspaceID, p.Slug, p.ID),
	)
}

// DeleteProject cascades to the project's members and sets its clusters' project_id to NULL,
// both through foreign keys.
func (t *tx) DeleteProject(workspaceID, id string) error {
	return t.remove(row{kind: "project", ref: id, table: "projects",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}

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
		// PLATFORM.md: a project member must already be a workspace member.
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
