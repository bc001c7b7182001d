package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Releases of a product (docs/platform.md section 11): a semantic-version tag and a chart,
// immutable; only the notes and the yanked flag change.

// ReleaseInput creates a release.
type ReleaseInput struct {
	Tag    string `json:"tag"`
	Chart  string `json:"chart"`
	Notes  string `json:"notes,omitempty"`
	Yanked bool   `json:"yanked,omitempty"`
}

// ReleasePatch changes a release; nil fields stay. Tag and chart are accepted only unchanged
// (a release is immutable: publish a new one).
type ReleasePatch struct {
	Tag    *string `json:"tag,omitempty"`
	Chart  *string `json:"chart,omitempty"`
	Notes  *string `json:"notes,omitempty"`
	Yanked *bool   `json:"yanked,omitempty"`
}

func (t *txn) releaseByRef(p *platform.Product, ref string) (*platform.Release, error) {
	var (
		r   *platform.Release
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixRelease) {
		r, err = t.GetRelease(p.ID, ref)
	} else {
		r, err = t.GetReleaseByTag(p.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("release", ref)
	}
	return r, err
}

// releaseFor resolves the workspace, checks perm on it, then finds the product and its release.
func (t *txn) releaseFor(ref, product, release string, perm platform.Permission) (*wsScope, *platform.Product, *platform.Release, error) {
	w, p, err := t.productFor(ref, product, perm)
	if err != nil {
		return nil, nil, nil, err
	}
	r, err := t.releaseByRef(p, release)
	return w, p, r, err
}

// CreateRelease publishes a new release of a product.
func (s *Service) CreateRelease(ctx context.Context, caller *platform.Principal, ref, product string, in ReleaseInput) (*platform.Release, error) {
	r := &platform.Release{ID: platform.NewID(platform.PrefixRelease), Tag: in.Tag, Chart: in.Chart, Notes: in.Notes, Yanked: in.Yanked}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Release, error) {
		w, p, err := t.productFor(ref, product, platform.PermProductsManage)
		if err != nil {
			return nil, err
		}
		if err := t.planCreate(platform.PlannedRelease, w.ws.ID, platform.PlannedKey(p.ID, r.Tag)); err != nil {
			return nil, err
		}
		r.WorkspaceID, r.ProductID = w.ws.ID, p.ID
		r.Stamp(t.now)
		if err := t.CreateRelease(r); err != nil {
			return nil, err
		}
		return r, t.audit(w.ws.ID, "", "release.create", r.ID)
	})
}

// GetRelease reads a release by id or tag.
func (s *Service) GetRelease(ctx context.Context, caller *platform.Principal, ref, product, release string) (*platform.Release, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Release, error) {
		_, _, r, err := t.releaseFor(ref, product, release, platform.PermProductsRead)
		return r, err
	})
}

// ListReleases lists a product's releases in creation order, yanked ones included.
func (s *Service) ListReleases(ctx context.Context, caller *platform.Principal, ref, product string, opts ListOptions) (Page[platform.Release], error) {
	return view(ctx, s, caller, func(t *txn) (Page[platform.Release], error) {
		_, p, err := t.productFor(ref, product, platform.PermProductsRead)
		if err != nil {
			return Page[platform.Release]{}, err
		}
		return paginate(opts, func(pg platform.Page) ([]platform.Release, error) { return t.ListReleases(p.ID, pg) },
			func(x *platform.Release) int64 { return x.Seq })
	})
}

// UpdateRelease changes a release's notes or yanks (or restores) it.
func (s *Service) UpdateRelease(ctx context.Context, caller *platform.Principal, ref, product, release string, in ReleasePatch, ifVersion int64) (*platform.Release, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Release, error) {
		w, _, cur, err := t.releaseFor(ref, product, release, platform.PermProductsManage)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("release", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		var v platform.Violations
		if in.Tag != nil && *in.Tag != cur.Tag {
			v.Add("tag", "cannot be changed: a release is immutable, publish a new release")
		}
		if in.Chart != nil && *in.Chart != cur.Chart {
			v.Add("chart", "cannot be changed: a release is immutable, publish a new release")
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		r := *cur
		setIf(&r.Notes, in.Notes)
		setIf(&r.Yanked, in.Yanked)
		if unchanged(&r, cur) {
			return cur, nil
		}
		if err := r.Validate(); err != nil {
			return nil, err
		}
		r.Touch(t.now)
		if err := t.UpdateRelease(&r); err != nil {
			return nil, err
		}
		return &r, t.audit(w.ws.ID, "", "release.update", r.ID)
	})
}

// DeleteRelease deletes a release that no installation uses (as its source or as what it runs).
func (s *Service) DeleteRelease(ctx context.Context, caller *platform.Principal, ref, product, release string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		w, p, r, err := t.releaseFor(ref, product, release, platform.PermProductsManage)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedRelease, w.ws.ID, r.ID)
		if err := checkVersion("release", r.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		n, err := t.installationsLeftOf(p.ID, r.Tag)
		if err != nil {
			return struct{}{}, err
		}
		if n > 0 {
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"release %s of product %s is still used by %s: upgrade or uninstall them first",
				r.Tag, p.Slug, platform.Count(n, "installation"))
		}
		if err := t.DeleteRelease(p.ID, r.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "release.delete", r.ID)
	})
	return err
}
