package client

import (
	"context"
	"iter"
	"net/http"
)

// Visibility says who may install a product.
type Visibility string

// Visibilities: private (only its own workspace installs it) and listed (in the marketplace,
// any workspace can).
const (
	VisibilityPrivate Visibility = "private"
	VisibilityListed  Visibility = "listed"
)

// Price intervals.
const (
	IntervalMonth = "month"
	IntervalYear  = "year"
)

// Price is what a product costs per interval; 0 is free.
type Price struct {
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
	Interval    string `json:"interval"`
}

// Product is a package a workspace publishes (docs/platform.md section 11).
type Product struct {
	ID          string     `json:"id"`
	WorkspaceID string     `json:"workspace_id"`
	Slug        string     `json:"slug"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Visibility  Visibility `json:"visibility"`
	Price       Price      `json:"price"`
	// InstallCount is how many installations, in every workspace, run the product.
	InstallCount int `json:"install_count"`
	Meta
}

// Paid reports whether the product is listed with a price.
func (p *Product) Paid() bool { return p.Visibility == VisibilityListed && p.Price.AmountCents > 0 }

// PriceOptions set a product's price; nil fields take the default ({0, "usd", "month"}) on
// create and stay as they are on update.
type PriceOptions struct {
	AmountCents *int64  `json:"amount_cents,omitempty"`
	Currency    *string `json:"currency,omitempty"`
	Interval    *string `json:"interval,omitempty"`
}

// ProductCreateOptions create a product. Visibility defaults to private, Price to free.
type ProductCreateOptions struct {
	Slug        string        `json:"slug"`
	Name        string        `json:"name"`
	Description string        `json:"description,omitempty"`
	Visibility  Visibility    `json:"visibility,omitempty"`
	Price       *PriceOptions `json:"price,omitempty"`
}

// ProductUpdateOptions change a product; nil fields stay as they are.
type ProductUpdateOptions struct {
	Slug        *string       `json:"slug,omitempty"`
	Name        *string       `json:"name,omitempty"`
	Description *string       `json:"description,omitempty"`
	Visibility  *Visibility   `json:"visibility,omitempty"`
	Price       *PriceOptions `json:"price,omitempty"`
	IfVersion   int64         `json:"-"`
}

// ProductList is a page of products.
type ProductList = Page[Product]

// ProductsService manages /v1/workspaces/{ws}/products. Products are named by id or slug.
// Making a product paid listed (listed with a price) needs a plan that allows it
// (ErrQuotaExceeded) and charges enabled (ErrFailedPrecondition).
type ProductsService struct{ c *Client }

// Create publishes a product.
func (s *ProductsService) Create(ctx context.Context, ws string, opts ProductCreateOptions) (*Product, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "products")
	return sendJSON[Product](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a product by id or slug.
func (s *ProductsService) Get(ctx context.Context, ws, product string) (*Product, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "products", seg{"product", product})
	return getJSON[Product](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's products.
func (s *ProductsService) List(ctx context.Context, ws string, opts ListOptions) (*ProductList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "products")
	return listPage[Product](ctx, s.c, p, err, opts)
}

// Refresh reads a product like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *ProductsService) Refresh(ctx context.Context, ws, product string) (*Product, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "products")
	return refresh(ctx, s.c, p, err, product, func(x *Product) []string { return []string{x.ID} },
		func() (*Product, error) { return s.Get(ctx, ws, product) })
}

// All iterates over all of a workspace's products.
func (s *ProductsService) All(ctx context.Context, ws string) iter.Seq2[*Product, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*ProductList, error) { return s.List(ctx, ws, o) })
}

// Update changes a product.
func (s *ProductsService) Update(ctx context.Context, ws, product string, opts ProductUpdateOptions) (*Product, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "products", seg{"product", product})
	return sendJSON[Product](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a product with its releases (refused while it is installed anywhere);
// ifVersion, when non-zero, is sent as If-Match.
func (s *ProductsService) Delete(ctx context.Context, ws, product string, ifVersion int64) error {
	p, err := path("workspaces", seg{"workspace", ws}, "products", seg{"product", product})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
