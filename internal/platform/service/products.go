package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Products a workspace publishes (docs/platform.md section 11). Their releases are in
// releases.go, the marketplace view of listed products in marketplace.go.

// PriceInput is a product's price in a create or a patch; absent fields take the default
// ({0, "usd", "month"}) on create and stay as they are on a patch.
type PriceInput struct {
	AmountCents *int64  `json:"amount_cents,omitempty"`
	Currency    *string `json:"currency,omitempty"`
	Interval    *string `json:"interval,omitempty"`
}

// apply sets the price's given fields on p.
func (in *PriceInput) apply(p *platform.Price) {
	if in == nil {
		return
	}
	setIf(&p.AmountCents, in.AmountCents)
	setIf(&p.Currency, in.Currency)
	setIf(&p.Interval, in.Interval)
}

// ProductInput creates a product. Visibility defaults to private, the price to free.
type ProductInput struct {
	Slug        string              `json:"slug"`
	Name        string              `json:"name"`
	Description string              `json:"description,omitempty"`
	Visibility  platform.Visibility `json:"visibility,omitempty"`
	Price       *PriceInput         `json:"price,omitempty"`
}

// ProductPatch changes a product; nil fields stay (and so do the absent fields of price).
type ProductPatch struct {
	Slug        *string              `json:"slug,omitempty"`
	Name        *string              `json:"name,omitempty"`
	Description *string              `json:"description,omitempty"`
	Visibility  *platform.Visibility `json:"visibility,omitempty"`
	Price       *PriceInput          `json:"price,omitempty"`
}

func (t *txn) productByRef(w *wsScope, ref string) (*platform.Product, error) {
	var (
		p   *platform.Product
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixProduct) {
		p, err = t.GetProduct(w.ws.ID, ref)
	} else {
		p, err = t.GetProductBySlug(w.ws.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("product", ref)
	}
	return p, err
}

// productFor resolves the workspace, checks perm on it, then finds the product.
func (t *txn) productFor(ref, product string, perm platform.Permission) (*wsScope, *platform.Product, error) {
	w, err := t.workspace(ref)
	if err != nil {
		return nil, nil, err
	}
	if err := w.require(perm); err != nil {
		return nil, nil, err
	}
	p, err := t.productByRef(w, product)
	return w, p, err
}

// checkPaidListing refuses making p paid listed (docs/platform.md section 11): the plan must
// allow it (quota_exceeded) and the workspace must be able to charge (failed_precondition).
// Only a create or an update that makes a product paid listed is checked: one that already is
// keeps working (a rename, a new price).
func (t *txn) checkPaidListing(ws *platform.Workspace, p, before *platform.Product) error {
	if !p.Paid() || (before != nil && before.Paid()) {
		return nil
	}
	if err := platform.CheckPaidListing(ws.Plan); err != nil {
		return err
	}
	return t.chargesEnabled(ws)
}

// CreateProduct publishes a product in a workspace.
func (s *Service) CreateProduct(ctx context.Context, caller *platform.Principal, ref string, in ProductInput) (*platform.Product, error) {
	p := &platform.Product{ID: platform.NewID(platform.PrefixProduct), Slug: in.Slug, Name: in.Name,
		Description: in.Description, Visibility: in.Visibility, Price: platform.DefaultPrice()}
	if p.Visibility == "" {
		p.Visibility = platform.VisibilityPrivate
	}
	in.Price.apply(&p.Price)
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Product, error) {
		w, err := t.workspaceRequiring(ref, platform.PermProductsManage)
		if err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaProducts, platform.PlannedKey(w.ws.ID, p.Slug)); err != nil {
			return nil, err
		}
		if err := t.checkPaidListing(w.ws, p, nil); err != nil {
			return nil, err
		}
		p.WorkspaceID = w.ws.ID
		p.Stamp(t.now)
		if err := t.CreateProduct(p); err != nil {
			return nil, err
		}
		return p, t.audit(w.ws.ID, "", "product.create", p.ID)
	})
}

// GetProduct reads a product by id or slug.
func (s *Service) GetProduct(ctx context.Context, caller *platform.Principal, ref, product string) (*platform.Product, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Product, error) {
		_, p, err := t.productFor(ref, product, platform.PermProductsRead)
		return p, err
	})
}

// ListProducts lists a workspace's products, listed and private.
func (s *Service) ListProducts(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.Product], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermProductsRead, opts, (*txn).ListProducts,
		func(x *platform.Product) int64 { return x.Seq })
}

// UpdateProduct changes a product's slug, name, description, visibility or price.
func (s *Service) UpdateProduct(ctx context.Context, caller *platform.Principal, ref, product string, in ProductPatch, ifVersion int64) (*platform.Product, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Product, error) {
		w, cur, err := t.productFor(ref, product, platform.PermProductsManage)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("product", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		p := *cur
		setIf(&p.Slug, in.Slug)
		setIf(&p.Name, in.Name)
		setIf(&p.Description, in.Description)
		setIf(&p.Visibility, in.Visibility)
		in.Price.apply(&p.Price)
		if unchanged(&p, cur) {
			return cur, nil
		}
		if err := p.Validate(); err != nil {
			return nil, err
		}
		if err := t.checkPaidListing(w.ws, &p, cur); err != nil {
			return nil, err
		}
		p.Touch(t.now)
		if err := t.UpdateProduct(&p); err != nil {
			return nil, err
		}
		return &p, t.audit(w.ws.ID, "", "product.update", p.ID)
	})
}

// DeleteProduct deletes a product that no installation uses, in any workspace, with its
// releases.
func (s *Service) DeleteProduct(ctx context.Context, caller *platform.Principal, ref, product string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		w, p, err := t.productFor(ref, product, platform.PermProductsManage)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedProduct, w.ws.ID, p.ID)
		if err := checkVersion("product", p.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		n, err := t.installationsLeftOf(p.ID, "")
		if err != nil {
			return struct{}{}, err
		}
		if n > 0 {
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"product %s is still installed (%s): uninstall them first", p.Slug, platform.Count(n, "installation"))
		}
		if err := t.DeleteProduct(w.ws.ID, p.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "product.delete", p.ID)
	})
	return err
}

// installationsLeftOf counts the installations, in every workspace, of productID (with a tag:
// those whose source or installed tag is that tag). Their names are never shown: they may
// belong to other workspaces. A dry run in a plan session judges the product or release as the
// plan would leave it (dropPlannedInstallations).
func (t *txn) installationsLeftOf(productID, tag string) (int, error) {
	deps, err := t.ProductDependents(productID, tag)
	if err != nil || len(deps.Installations) == 0 || t.session == "" {
		return len(deps.Installations), err
	}
	removed, err := t.dropPlannedInstallations(func(in *platform.Installation) bool { return in.Source.ProductID == productID })
	if err != nil || !removed {
		return len(deps.Installations), err
	}
	deps, err = t.ProductDependents(productID, tag)
	return len(deps.Installations), err
}

// dropPlannedInstallations deletes, in a dry run with a plan session (whose transaction is
// rolled back), the installations in any workspace that the session plans to delete and that
// match, so that what depends on them is judged as the plan would leave it. It tells whether it
// deleted any.
func (t *txn) dropPlannedInstallations(match func(*platform.Installation) bool) (bool, error) {
	if t.session == "" {
		return false, nil
	}
	planned, err := t.ListPlannedDeletes(t.caller.Actor(), t.session, "")
	if err != nil {
		return false, err
	}
	removed := false
	for _, d := range planned {
		if d.Kind != platform.PlannedInstallation {
			continue
		}
		in, err := t.GetInstallation(d.WorkspaceID, d.TargetID)
		if platform.IsCode(err, platform.CodeNotFound) {
			continue
		}
		if err != nil {
			return false, err
		}
		if !match(in) {
			continue
		}
		if err := t.DeleteInstallation(in.WorkspaceID, in.ID); err != nil {
			return false, err
		}
		removed = true
	}
	return removed, nil
}
