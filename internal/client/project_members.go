package client

import (
	"context"
	"iter"
	"net/http"
)

// Built-in project roles. A custom role is named by its id (role_...).
const (
	ProjectRoleAdmin  = "admin"
	ProjectRoleMember = "member"
	ProjectRoleViewer = "viewer"
)

// ProjectMember is a project-level role override for a workspace member.
type ProjectMember struct {
	WorkspaceID string `json:"workspace_id"`
	ProjectID   string `json:"project_id"`
	UserID      string `json:"user_id"`
	Email       string `json:"email"`
	Role        string `json:"role"`
	Meta
}

// ProjectMemberCreateOptions add an override for a workspace member, named by e-mail or user id.
type ProjectMemberCreateOptions struct {
	Email  string `json:"email,omitempty"`
	UserID string `json:"user_id,omitempty"`
	Role   string `json:"role"`
}

// ProjectMemberUpdateOptions change an override's role.
type ProjectMemberUpdateOptions struct {
	Role      *string `json:"role,omitempty"`
	IfVersion int64   `json:"-"`
}

// ProjectMemberList is a page of project members.
type ProjectMemberList = Page[ProjectMember]

// ProjectMembersService manages /v1/workspaces/{ws}/projects/{prj}/members. Members are named
// by user id or e-mail.
type ProjectMembersService struct{ c *Client }

// Create adds a project override.
func (s *ProjectMembersService) Create(ctx context.Context, ws, prj string, opts ProjectMemberCreateOptions) (*ProjectMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "members")
	return sendJSON[ProjectMember](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads an override by user id or e-mail.
func (s *ProjectMembersService) Get(ctx context.Context, ws, prj, member string) (*ProjectMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "members", seg{"member", member})
	return getJSON[ProjectMember](ctx, s.c, p, err, nil)
}

// List returns one page of a project's overrides.
func (s *ProjectMembersService) List(ctx context.Context, ws, prj string, opts ListOptions) (*ProjectMemberList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "members")
	return listPage[ProjectMember](ctx, s.c, p, err, opts)
}

// Refresh reads a project member like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by user id or e-mail; anything else is a Get.
func (s *ProjectMembersService) Refresh(ctx context.Context, ws, prj, member string) (*ProjectMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "members")
	return refresh(ctx, s.c, p, err, member, func(x *ProjectMember) []string { return []string{x.UserID, x.Email} },
		func() (*ProjectMember, error) { return s.Get(ctx, ws, prj, member) })
}

// All iterates over all of a project's overrides.
func (s *ProjectMembersService) All(ctx context.Context, ws, prj string) iter.Seq2[*ProjectMember, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*ProjectMemberList, error) { return s.List(ctx, ws, prj, o) })
}

// Update changes an override's role.
func (s *ProjectMembersService) Update(ctx context.Context, ws, prj, member string, opts ProjectMemberUpdateOptions) (*ProjectMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "members", seg{"member", member})
	return sendJSON[ProjectMember](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes an override; ifVersion, when non-zero, is sent as If-Match.
func (s *ProjectMembersService) Delete(ctx context.Context, ws, prj, member string, ifVersion int64) error {
	p, err := path("workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "members", seg{"member", member})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
