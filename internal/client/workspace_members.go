package client

import (
	"context"
	"iter"
	"net/http"
)

// Built-in workspace roles, highest first. A custom role is named by its id (role_...).
const (
	RoleOwner  = "owner"
	RoleAdmin  = "admin"
	RoleMember = "member"
	RoleViewer = "viewer"
)

// Member statuses: invited until the user first authenticates.
const (
	MemberInvited = "invited"
	MemberActive  = "active"
)

// WorkspaceMember is a user with a workspace role.
type WorkspaceMember struct {
	WorkspaceID string `json:"workspace_id"`
	UserID      string `json:"user_id"`
	Email       string `json:"email"`
	Role        string `json:"role"`
	Status      string `json:"status"`
	Meta
}

// WorkspaceMemberCreateOptions invite a member: Role is a built-in role or a custom role id.
type WorkspaceMemberCreateOptions struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// WorkspaceMemberUpdateOptions change a member's role.
type WorkspaceMemberUpdateOptions struct {
	Role      *string `json:"role,omitempty"`
	IfVersion int64   `json:"-"`
}

// WorkspaceMemberList is a page of workspace members.
type WorkspaceMemberList = Page[WorkspaceMember]

// WorkspaceMembersService manages /v1/workspaces/{ws}/members. Members are named by user id
// or e-mail.
type WorkspaceMembersService struct{ c *Client }

// Create invites a member.
func (s *WorkspaceMembersService) Create(ctx context.Context, ws string, opts WorkspaceMemberCreateOptions) (*WorkspaceMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "members")
	return sendJSON[WorkspaceMember](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a member by user id or e-mail.
func (s *WorkspaceMembersService) Get(ctx context.Context, ws, member string) (*WorkspaceMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "members", seg{"member", member})
	return getJSON[WorkspaceMember](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's members.
func (s *WorkspaceMembersService) List(ctx context.Context, ws string, opts ListOptions) (*WorkspaceMemberList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "members")
	return listPage[WorkspaceMember](ctx, s.c, p, err, opts)
}

// Refresh reads a workspace member like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by user id or e-mail; anything else is a Get.
func (s *WorkspaceMembersService) Refresh(ctx context.Context, ws, member string) (*WorkspaceMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "members")
	return refresh(ctx, s.c, p, err, member, func(x *WorkspaceMember) []string { return []string{x.UserID, x.Email} },
		func() (*WorkspaceMember, error) { return s.Get(ctx, ws, member) })
}

// All iterates over all of a workspace's members.
func (s *WorkspaceMembersService) All(ctx context.Context, ws string) iter.Seq2[*WorkspaceMember, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*WorkspaceMemberList, error) { return s.List(ctx, ws, o) })
}

// Update changes a member's role.
func (s *WorkspaceMembersService) Update(ctx context.Context, ws, member string, opts WorkspaceMemberUpdateOptions) (*WorkspaceMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "members", seg{"member", member})
	return sendJSON[WorkspaceMember](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a member; ifVersion, when non-zero, is sent as If-Match.
func (s *WorkspaceMembersService) Delete(ctx context.Context, ws, member string, ifVersion int64) error {
	p, err := path("workspaces", seg{"workspace", ws}, "members", seg{"member", member})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
