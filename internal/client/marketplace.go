package client

import (
	"context"
	"iter"
)

// MarketplaceRelease is a release as the marketplace shows it.
type MarketplaceRelease struct {
	Tag   string `json:"tag"`
	Chart string `json:"chart"`
	Notes string `json:"notes"`
}

// MarketplaceProduct is a listed product of any workspace, with its installable releases (the
// non-yanked ones, highest semantic version first). Nothing about the vendor is shown.
type MarketplaceProduct struct {
	ID           string               `json:"id"`
	Slug         string               `json:"slug"`
	Name         string               `json:"name"`
	Description  string               `json:"description"`
	Visibility   Visibility           `json:"visibility"`
	Price        Price                `json:"price"`
	InstallCount int                  `json:"install_count"`
	Releases     []MarketplaceRelease `json:"releases"`
	Meta
}

// MarketplaceProductList is a page of the marketplace.
type MarketplaceProductList = Page[MarketplaceProduct]

// MarketplaceService reads /v1/marketplace/products: every workspace's listed products, for
// any authenticated caller (user or API key).
type MarketplaceService struct{ c *Client }

// Get reads a listed product by id; a private one is ErrNotFound.
func (s *MarketplaceService) Get(ctx context.Context, id string) (*MarketplaceProduct, error) {
	p, err := path("marketplace", "products", seg{"product id", id})
	return getJSON[MarketplaceProduct](ctx, s.c, p, err, nil)
}

// List returns one page of the marketplace, in creation order.
func (s *MarketplaceService) List(ctx context.Context, opts ListOptions) (*MarketplaceProductList, error) {
	p, err := path("marketplace", "products")
	return listPage[MarketplaceProduct](ctx, s.c, p, err, opts)
}

// All iterates over the whole marketplace.
func (s *MarketplaceService) All(ctx context.Context) iter.Seq2[*MarketplaceProduct, error] {
	return all(ctx, s.List)
}
