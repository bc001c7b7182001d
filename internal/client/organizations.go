package client

import (
	"context"
	"iter"
	"net/http"
)

// Organization is an identity for a team or company; it owns no resources, only access.
type Organization struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	Meta
}

// OrganizationCreateOptions create an organization; the caller becomes its owner.
type OrganizationCreateOptions struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// OrganizationUpdateOptions change an organization; nil fields stay as they are.
type OrganizationUpdateOptions struct {
	Slug *string `json:"slug,omitempty"`
	Name *string `json:"name,omitempty"`
	// IfVersion, when non-zero, makes the update apply only to that version (If-Match).
	IfVersion int64 `json:"-"`
}

// OrganizationList is a page of organizations.
type OrganizationList = Page[Organization]

// OrganizationsService manages /v1/organizations. Organizations are named by id or slug.
type OrganizationsService struct{ c *Client }

// Create makes an organization.
func (s *OrganizationsService) Create(ctx context.Context, opts OrganizationCreateOptions) (*Organization, error) {
	p, err := path("organizations")
	return sendJSON[Organization](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads an organization by id or slug.
func (s *OrganizationsService) Get(ctx context.Context, org string) (*Organization, error) {
	p, err := path("organizations", seg{"organization", org})
	return getJSON[Organization](ctx, s.c, p, err, nil)
}

// List returns one page of the organizations the caller belongs to.
func (s *OrganizationsService) List(ctx context.Context, opts ListOptions) (*OrganizationList, error) {
	p, err := path("organizations")
	return listPage[Organization](ctx, s.c, p, err, opts)
}

// All iterates over all organizations the caller belongs to.
func (s *OrganizationsService) All(ctx context.Context) iter.Seq2[*Organization, error] {
	return all(ctx, s.List)
}

// Update changes an organization.
func (s *OrganizationsService) Update(ctx context.Context, org string, opts OrganizationUpdateOptions) (*Organization, error) {
	p, err := path("organizations", seg{"organization", org})
	return sendJSON[Organization](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes an organization; ifVersion, when non-zero, is sent as If-Match.
func (s *OrganizationsService) Delete(ctx context.Context, org string, ifVersion int64) error {
	p, err := path("organizations", seg{"organization", org})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
