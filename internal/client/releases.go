package client

import (
	"context"
	"iter"
	"net/http"
)

// Release is one immutable version of a product: a semantic-version tag and a chart.
type Release struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	ProductID   string `json:"product_id"`
	Tag         string `json:"tag"`
	Chart       string `json:"chart"`
	Notes       string `json:"notes"`
	// Yanked releases cannot be newly installed; installations keep them.
	Yanked bool `json:"yanked"`
	Meta
}

// ReleaseCreateOptions publish a release.
type ReleaseCreateOptions struct {
	Tag    string `json:"tag"`
	Chart  string `json:"chart"`
	Notes  string `json:"notes,omitempty"`
	Yanked bool   `json:"yanked,omitempty"`
}

// ReleaseUpdateOptions change a release; nil fields stay. Only Notes and Yanked change: the
// server accepts Tag and Chart only unchanged (ErrInvalidArgument otherwise).
type ReleaseUpdateOptions struct {
	Tag       *string `json:"tag,omitempty"`
	Chart     *string `json:"chart,omitempty"`
	Notes     *string `json:"notes,omitempty"`
	Yanked    *bool   `json:"yanked,omitempty"`
	IfVersion int64   `json:"-"`
}

// ReleaseList is a page of releases.
type ReleaseList = Page[Release]

// ReleasesService manages /v1/workspaces/{ws}/products/{prod}/releases. Products are named by
// id or slug, releases by id or tag.
type ReleasesService struct{ c *Client }

func releasesPath(ws, product string, release ...string) (string, error) {
	parts := []any{"workspaces", seg{"workspace", ws}, "products", seg{"product", product}, "releases"}
	for _, r := range release {
		parts = append(parts, seg{"release", r})
	}
	return path(parts...)
}

// Create publishes a release of a product.
func (s *ReleasesService) Create(ctx context.Context, ws, product string, opts ReleaseCreateOptions) (*Release, error) {
	p, err := releasesPath(ws, product)
	return sendJSON[Release](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a release by id or tag.
func (s *ReleasesService) Get(ctx context.Context, ws, product, release string) (*Release, error) {
	p, err := releasesPath(ws, product, release)
	return getJSON[Release](ctx, s.c, p, err, nil)
}

// List returns one page of a product's releases, in creation order (yanked ones included).
func (s *ReleasesService) List(ctx context.Context, ws, product string, opts ListOptions) (*ReleaseList, error) {
	p, err := releasesPath(ws, product)
	return listPage[Release](ctx, s.c, p, err, opts)
}

// Refresh reads a release like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *ReleasesService) Refresh(ctx context.Context, ws, product, release string) (*Release, error) {
	p, err := releasesPath(ws, product)
	return refresh(ctx, s.c, p, err, release, func(x *Release) []string { return []string{x.ID} },
		func() (*Release, error) { return s.Get(ctx, ws, product, release) })
}

// All iterates over all of a product's releases.
func (s *ReleasesService) All(ctx context.Context, ws, product string) iter.Seq2[*Release, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*ReleaseList, error) { return s.List(ctx, ws, product, o) })
}

// Update changes a release's notes or yanks (or restores) it.
func (s *ReleasesService) Update(ctx context.Context, ws, product, release string, opts ReleaseUpdateOptions) (*Release, error) {
	p, err := releasesPath(ws, product, release)
	return sendJSON[Release](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a release (refused while installations use it); ifVersion, when non-zero, is
// sent as If-Match.
func (s *ReleasesService) Delete(ctx context.Context, ws, product, release string, ifVersion int64) error {
	p, err := releasesPath(ws, product, release)
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
