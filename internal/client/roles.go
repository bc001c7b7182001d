package client

import (
	"context"
	"iter"
	"net/http"
)

// Role is a custom role: a named set of permissions (enterprise plan only).
type Role struct {
	ID          string   `json:"id"`
	WorkspaceID string   `json:"workspace_id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Permissions []string `json:"permissions"`
	Meta
}

// RoleCreateOptions create a custom role. Permissions are catalogue names such as
// "projects.create" or "project.read".
type RoleCreateOptions struct {
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Permissions []string `json:"permissions"`
}

// RoleUpdateOptions change a custom role; nil fields stay. Permissions replaces the whole set.
type RoleUpdateOptions struct {
	Name        *string   `json:"name,omitempty"`
	Description *string   `json:"description,omitempty"`
	Permissions *[]string `json:"permissions,omitempty"`
	IfVersion   int64     `json:"-"`
}

// RoleList is a page of custom roles.
type RoleList = Page[Role]

// RolesService manages /v1/workspaces/{ws}/roles. Roles are named by id or name.
type RolesService struct{ c *Client }

// Create makes a custom role.
func (s *RolesService) Create(ctx context.Context, ws string, opts RoleCreateOptions) (*Role, error) {
	if opts.Permissions == nil {
		opts.Permissions = []string{} // the server wants a list, not null
	}
	p, err := path("workspaces", seg{"workspace", ws}, "roles")
	return sendJSON[Role](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a custom role by id or name.
func (s *RolesService) Get(ctx context.Context, ws, role string) (*Role, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "roles", seg{"role", role})
	return getJSON[Role](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's custom roles.
func (s *RolesService) List(ctx context.Context, ws string, opts ListOptions) (*RoleList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "roles")
	return listPage[Role](ctx, s.c, p, err, opts)
}

// Refresh reads a role like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *RolesService) Refresh(ctx context.Context, ws, role string) (*Role, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "roles")
	return refresh(ctx, s.c, p, err, role, func(x *Role) []string { return []string{x.ID} },
		func() (*Role, error) { return s.Get(ctx, ws, role) })
}

// All iterates over all of a workspace's custom roles.
func (s *RolesService) All(ctx context.Context, ws string) iter.Seq2[*Role, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*RoleList, error) { return s.List(ctx, ws, o) })
}

// Update changes a custom role.
func (s *RolesService) Update(ctx context.Context, ws, role string, opts RoleUpdateOptions) (*Role, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "roles", seg{"role", role})
	return sendJSON[Role](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a custom role; ifVersion, when non-zero, is sent as If-Match.
func (s *RolesService) Delete(ctx context.Context, ws, role string, ifVersion int64) error {
	p, err := path("workspaces", seg{"workspace", ws}, "roles", seg{"role", role})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
