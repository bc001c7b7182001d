package client

import (
	"context"
	"iter"
	"net/http"
	"net/url"
)

// Plan is a workspace's billing plan.
type Plan string

// Plans, cheapest first.
const (
	PlanFree       Plan = "free"
	PlanPro        Plan = "pro"
	PlanEnterprise Plan = "enterprise"
)

// Workspace is the top-level container for resources and billing.
type Workspace struct {
	ID                     string            `json:"id"`
	Slug                   string            `json:"slug"`
	Name                   string            `json:"name"`
	Description            string            `json:"description"`
	Plan                   Plan              `json:"plan"`
	ManagingOrganizationID string            `json:"managing_organization_id"`
	Settings               map[string]string `json:"settings"`
	Meta
}

// WorkspaceCreateOptions create a workspace (needs a user token); the caller becomes owner.
type WorkspaceCreateOptions struct {
	Slug                   string            `json:"slug"`
	Name                   string            `json:"name"`
	Description            string            `json:"description,omitempty"`
	Plan                   Plan              `json:"plan,omitempty"` // default free
	ManagingOrganizationID string            `json:"managing_organization_id,omitempty"`
	Settings               map[string]string `json:"settings,omitempty"`
}

// WorkspaceUpdateOptions change a workspace; nil fields stay as they are. Settings replaces
// the whole map; ManagingOrganizationID pointing at "" clears it. Changing Plan needs
// billing.manage.
type WorkspaceUpdateOptions struct {
	Slug                   *string            `json:"slug,omitempty"`
	Name                   *string            `json:"name,omitempty"`
	Description            *string            `json:"description,omitempty"`
	Plan                   *Plan              `json:"plan,omitempty"`
	ManagingOrganizationID *string            `json:"managing_organization_id,omitempty"`
	Settings               *map[string]string `json:"settings,omitempty"`
	IfVersion              int64              `json:"-"`
}

// WorkspaceDeleteOptions control a workspace deletion.
type WorkspaceDeleteOptions struct {
	// Force deletes everything the workspace holds; without it a non-empty workspace is
	// refused (failed_precondition).
	Force     bool
	IfVersion int64
}

// TransferOwnershipOptions name the member who becomes owner, by user id or e-mail.
type TransferOwnershipOptions struct {
	UserID string `json:"user_id,omitempty"`
	Email  string `json:"email,omitempty"`
}

// WorkspaceList is a page of workspaces.
type WorkspaceList = Page[Workspace]

// WorkspacesService manages /v1/workspaces. Workspaces are named by id or slug.
type WorkspacesService struct{ c *Client }

// Create makes a workspace.
func (s *WorkspacesService) Create(ctx context.Context, opts WorkspaceCreateOptions) (*Workspace, error) {
	p, err := path("workspaces")
	return sendJSON[Workspace](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a workspace by id or slug.
func (s *WorkspacesService) Get(ctx context.Context, ws string) (*Workspace, error) {
	p, err := path("workspaces", seg{"workspace", ws})
	return getJSON[Workspace](ctx, s.c, p, err, nil)
}

// List returns one page of the workspaces the caller can see.
func (s *WorkspacesService) List(ctx context.Context, opts ListOptions) (*WorkspaceList, error) {
	p, err := path("workspaces")
	return listPage[Workspace](ctx, s.c, p, err, opts)
}

// All iterates over all workspaces the caller can see.
func (s *WorkspacesService) All(ctx context.Context) iter.Seq2[*Workspace, error] {
	return all(ctx, s.List)
}

// Update changes a workspace.
func (s *WorkspacesService) Update(ctx context.Context, ws string, opts WorkspaceUpdateOptions) (*Workspace, error) {
	p, err := path("workspaces", seg{"workspace", ws})
	return sendJSON[Workspace](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a workspace.
func (s *WorkspacesService) Delete(ctx context.Context, ws string, opts WorkspaceDeleteOptions) error {
	p, err := path("workspaces", seg{"workspace", ws})
	var q url.Values
	if opts.Force {
		q = url.Values{"force": {"true"}}
	}
	return deleteCall(ctx, s.c, p, err, q, opts.IfVersion)
}

// TransferOwnership makes another member an owner (POST .../transfer-ownership) and returns
// that member.
func (s *WorkspacesService) TransferOwnership(ctx context.Context, ws string, opts TransferOwnershipOptions) (*WorkspaceMember, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "transfer-ownership")
	return sendJSON[WorkspaceMember](ctx, s.c, http.MethodPost, p, err, opts, 0)
}
