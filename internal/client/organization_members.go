package client

import (
	"context"
	"iter"
	"net/http"
)

// Organization member roles.
const (
	OrganizationRoleOwner  = "owner"
	OrganizationRoleMember = "member"
)

// OrganizationMember is a user's membership of an organization.
type OrganizationMember struct {
	OrganizationID string `json:"organization_id"`
	UserID         string `json:"user_id"`
	Email          string `json:"email"`
	Role           string `json:"role"`
	Meta
}

// OrganizationMemberCreateOptions add a member by e-mail.
type OrganizationMemberCreateOptions struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// OrganizationMemberUpdateOptions change a member's role.
type OrganizationMemberUpdateOptions struct {
	Role      *string `json:"role,omitempty"`
	IfVersion int64   `json:"-"`
}

// OrganizationMemberList is a page of organization members.
type OrganizationMemberList = Page[OrganizationMember]

// OrganizationMembersService manages /v1/organizations/{org}/members. Members are named by
// user id or e-mail.
type OrganizationMembersService struct{ c *Client }

// Create adds a member to an organization.
func (s *OrganizationMembersService) Create(ctx context.Context, org string, opts OrganizationMemberCreateOptions) (*OrganizationMember, error) {
	p, err := path("organizations", seg{"organization", org}, "members")
	return sendJSON[OrganizationMember](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a member by user id or e-mail.
func (s *OrganizationMembersService) Get(ctx context.Context, org, member string) (*OrganizationMember, error) {
	p, err := path("organizations", seg{"organization", org}, "members", seg{"member", member})
	return getJSON[OrganizationMember](ctx, s.c, p, err, nil)
}

// List returns one page of an organization's members.
func (s *OrganizationMembersService) List(ctx context.Context, org string, opts ListOptions) (*OrganizationMemberList, error) {
	p, err := path("organizations", seg{"organization", org}, "members")
	return listPage[OrganizationMember](ctx, s.c, p, err, opts)
}

// All iterates over all of an organization's members.
func (s *OrganizationMembersService) All(ctx context.Context, org string) iter.Seq2[*OrganizationMember, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*OrganizationMemberList, error) { return s.List(ctx, org, o) })
}

// Update changes a member's role.
func (s *OrganizationMembersService) Update(ctx context.Context, org, member string, opts OrganizationMemberUpdateOptions) (*OrganizationMember, error) {
	p, err := path("organizations", seg{"organization", org}, "members", seg{"member", member})
	return sendJSON[OrganizationMember](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a member; ifVersion, when non-zero, is sent as If-Match.
func (s *OrganizationMembersService) Delete(ctx context.Context, org, member string, ifVersion int64) error {
	p, err := path("organizations", seg{"organization", org}, "members", seg{"member", member})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
