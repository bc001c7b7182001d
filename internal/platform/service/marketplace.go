package service

import (
	"context"
	"slices"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// The marketplace (docs/platform.md section 11): every workspace's listed products, as any
// authenticated caller (a user or an API key, of any workspace) sees them. Nothing about the
// vendor is shown, not even its workspace id; a private product is not found.

// MarketplaceRelease is a release as the marketplace shows it.
type MarketplaceRelease struct {
	Tag   string `json:"tag"`
	Chart string `json:"chart"`
	Notes string `json:"notes"`
}

// MarketplaceProduct is a listed product with its installable releases: the non-yanked ones,
// highest semantic version first.
type MarketplaceProduct struct {
	ID           string               `json:"id"`
	Slug         string               `json:"slug"`
	Name         string               `json:"name"`
	Description  string               `json:"description"`
	Visibility   platform.Visibility  `json:"visibility"`
	Price        platform.Price       `json:"price"`
	InstallCount int                  `json:"install_count"`
	Releases     []MarketplaceRelease `json:"releases"`
	platform.Meta
}

// releasesPageSize is how many releases one store call reads while gathering them all.
const releasesPageSize = 500

// marketplaceProduct is p with its installable releases.
func (t *txn) marketplaceProduct(p *platform.Product) (*MarketplaceProduct, error) {
	var rels []platform.Release
	page := platform.Page{Limit: releasesPageSize}
	for {
		batch, err := t.ListReleases(p.ID, page)
		if err != nil {
			return nil, err
		}
		for _, r := range batch {
			if !r.Yanked {
				rels = append(rels, r)
			}
		}
		if len(batch) < page.Limit {
			break
		}
		page.After = batch[len(batch)-1].Seq
	}
	slices.SortStableFunc(rels, func(a, b platform.Release) int { return platform.CompareTags(b.Tag, a.Tag) })
	out := &MarketplaceProduct{ID: p.ID, Slug: p.Slug, Name: p.Name, Description: p.Description, Visibility: p.Visibility,
		Price: p.Price, InstallCount: p.InstallCount, Releases: make([]MarketplaceRelease, len(rels)), Meta: p.Meta}
	for i, r := range rels {
		out.Releases[i] = MarketplaceRelease{Tag: r.Tag, Chart: r.Chart, Notes: r.Notes}
	}
	return out, nil
}

// ListMarketplaceProducts lists the listed products of every workspace, in creation order.
func (s *Service) ListMarketplaceProducts(ctx context.Context, caller *platform.Principal, opts ListOptions) (Page[MarketplaceProduct], error) {
	return view(ctx, s, caller, func(t *txn) (Page[MarketplaceProduct], error) {
		products, err := paginate(opts, t.ListListedProducts, func(x *platform.Product) int64 { return x.Seq })
		if err != nil {
			return Page[MarketplaceProduct]{}, err
		}
		out := Page[MarketplaceProduct]{Items: make([]MarketplaceProduct, len(products.Items)), Next: products.Next}
		for i := range products.Items {
			mp, err := t.marketplaceProduct(&products.Items[i])
			if err != nil {
				return Page[MarketplaceProduct]{}, err
			}
			out.Items[i] = *mp
		}
		return out, nil
	})
}

// GetMarketplaceProduct reads a listed product by id; a private one is not found.
func (s *Service) GetMarketplaceProduct(ctx context.Context, caller *platform.Principal, id string) (*MarketplaceProduct, error) {
	return view(ctx, s, caller, func(t *txn) (*MarketplaceProduct, error) {
		p, err := t.GetListedProduct(id)
		if platform.IsCode(err, platform.CodeNotFound) {
			return nil, platform.NotFound("product", id)
		}
		if err != nil {
			return nil, err
		}
		return t.marketplaceProduct(p)
	})
}
