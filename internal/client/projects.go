package client

import (
	"context"
	"iter"
	"net/http"
)

// Project is the primary unit of work inside a workspace.
type Project struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Meta
}

// ProjectCreateOptions create a project.
type ProjectCreateOptions struct {
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// ProjectUpdateOptions change a project; nil fields stay as they are.
type ProjectUpdateOptions struct {
	Slug        *string `json:"slug,omitempty"`
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	IfVersion   int64   `json:"-"`
}

// Sources of an effective project role (ProjectAccess.Source).
const (
	SourceOwner                = "owner"
	SourceOverride             = "override"
	SourceWorkspaceRole        = "workspace_role"
	SourceManagingOrganization = "managing_organization"
	SourceAPIKey               = "api_key"
)

// ProjectAccess is a member's effective role on a project, its permissions and why.
type ProjectAccess struct {
	UserID      string   `json:"user_id"`
	Email       string   `json:"email"`
	Role        string   `json:"role"`
	Permissions []string `json:"permissions"`
	Source      string   `json:"source"`
}

// ProjectList is a page of projects.
type ProjectList = Page[Project]

// ProjectsService manages /v1/workspaces/{ws}/projects. Projects are named by id or slug.
type ProjectsService struct{ c *Client }

// Create makes a project in a workspace.
func (s *ProjectsService) Create(ctx context.Context, ws string, opts ProjectCreateOptions) (*Project, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects")
	return sendJSON[Project](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a project by id or slug.
func (s *ProjectsService) Get(ctx context.Context, ws, prj string) (*Project, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj})
	return getJSON[Project](ctx, s.c, p, err, nil)
}

// List returns one page of the projects the caller can see.
func (s *ProjectsService) List(ctx context.Context, ws string, opts ListOptions) (*ProjectList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects")
	return listPage[Project](ctx, s.c, p, err, opts)
}

// Refresh reads a project like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *ProjectsService) Refresh(ctx context.Context, ws, prj string) (*Project, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects")
	return refresh(ctx, s.c, p, err, prj, func(x *Project) []string { return []string{x.ID} },
		func() (*Project, error) { return s.Get(ctx, ws, prj) })
}

// All iterates over all projects the caller can see.
func (s *ProjectsService) All(ctx context.Context, ws string) iter.Seq2[*Project, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*ProjectList, error) { return s.List(ctx, ws, o) })
}

// Update changes a project.
func (s *ProjectsService) Update(ctx context.Context, ws, prj string, opts ProjectUpdateOptions) (*Project, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj})
	return sendJSON[Project](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a project; ifVersion, when non-zero, is sent as If-Match.
func (s *ProjectsService) Delete(ctx context.Context, ws, prj string, ifVersion int64) error {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}

// Access reports a member's effective role on a project (member by user id or e-mail).
func (s *ProjectsService) Access(ctx context.Context, ws, prj, member string) (*ProjectAccess, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "access", seg{"member", member})
	return getJSON[ProjectAccess](ctx, s.c, p, err, nil)
}
