package client

import (
	"context"
	"iter"
	"net/http"
)

// Region is an organizational label for grouping clusters.
type Region struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Meta
}

// RegionCreateOptions create a region.
type RegionCreateOptions struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// RegionUpdateOptions change a region; nil fields stay as they are.
type RegionUpdateOptions struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	IfVersion   int64   `json:"-"`
}

// RegionList is a page of regions.
type RegionList = Page[Region]

// RegionsService manages /v1/workspaces/{ws}/regions. Regions are named by id or name.
type RegionsService struct{ c *Client }

// Create makes a region.
func (s *RegionsService) Create(ctx context.Context, ws string, opts RegionCreateOptions) (*Region, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "regions")
	return sendJSON[Region](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a region by id or name.
func (s *RegionsService) Get(ctx context.Context, ws, region string) (*Region, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "regions", seg{"region", region})
	return getJSON[Region](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's regions.
func (s *RegionsService) List(ctx context.Context, ws string, opts ListOptions) (*RegionList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "regions")
	return listPage[Region](ctx, s.c, p, err, opts)
}

// Refresh reads a region like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *RegionsService) Refresh(ctx context.Context, ws, region string) (*Region, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "regions")
	return refresh(ctx, s.c, p, err, region, func(x *Region) []string { return []string{x.ID} },
		func() (*Region, error) { return s.Get(ctx, ws, region) })
}

// All iterates over all of a workspace's regions.
func (s *RegionsService) All(ctx context.Context, ws string) iter.Seq2[*Region, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*RegionList, error) { return s.List(ctx, ws, o) })
}

// Update changes a region.
func (s *RegionsService) Update(ctx context.Context, ws, region string, opts RegionUpdateOptions) (*Region, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "regions", seg{"region", region})
	return sendJSON[Region](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a region (refused while clusters use it); ifVersion, when non-zero, is sent
// as If-Match.
func (s *RegionsService) Delete(ctx context.Context, ws, region string, ifVersion int64) error {
	p, err := path("workspaces", seg{"workspace", ws}, "regions", seg{"region", region})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
