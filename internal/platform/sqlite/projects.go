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
// both through foreign keys; it is refused while deployments are in the project.
func (t *tx) DeleteProject(workspaceID, id string) error {
	return t.remove(row{kind: "project", ref: id, table: "projects",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}},
		taken(platform.Errorf(platform.CodeFailedPrecondition, "project %q still has deployments", id),
			`SELECT 1 FROM deployments WHERE project_id = ?`, id),
	)
}
