package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var releaseTests = []test{
	{"releases/create_get_by_id_and_tag_list_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		p := e.product(w, "redis")
		other := e.product(w, "postgres")
		r1 := e.release(p, "1.0.0")
		e.release(other, "1.0.0") // the same tag of another product is fine, and never listed here
		r2 := e.release(p, "1.1.0-rc.1")
		same(t, "GetRelease", get(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(p.ID, r1.ID) }), r1)
		same(t, "GetReleaseByTag", get(e, func(tx platform.Tx) (*platform.Release, error) {
			return tx.GetReleaseByTag(p.ID, "1.1.0-rc.1")
		}), r2)
		same(t, "ListReleases", get(e, func(tx platform.Tx) ([]platform.Release, error) {
			return tx.ListReleases(p.ID, platform.Page{Limit: 10})
		}), []platform.Release{*r1, *r2})
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(other.ID, r1.ID) }),
			platform.CodeNotFound, "release", q(r1.ID))

		// A release is immutable but for its notes and whether it is yanked.
		r1.Yanked, r1.Notes = true, "yanked: CVE-2025-0001"
		e.touch(&r1.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateRelease(r1) })
		same(t, "release after update", get(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(p.ID, r1.ID) }), r1)
		r1.Yanked, r1.Notes = false, ""
		e.touch(&r1.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateRelease(r1) })
		same(t, "release after un-yanking", get(e, func(tx platform.Tx) (*platform.Release, error) {
			return tx.GetReleaseByTag(p.ID, "1.0.0")
		}), r1)

		stale := *r1
		stale.Version = 2
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateRelease(&stale) }), platform.CodeAborted, "release", q(r1.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteRelease(other.ID, r1.ID) }), platform.CodeNotFound, q(r1.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteRelease(p.ID, r1.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(p.ID, r1.ID) }),
			platform.CodeNotFound, "release", q(r1.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetReleaseByTag(p.ID, "1.0.0") }),
			platform.CodeNotFound, "release", q("1.0.0"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteRelease(p.ID, r1.ID) }), platform.CodeNotFound, q(r1.ID))
		e.touch(&r1.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateRelease(r1) }), platform.CodeNotFound, q(r1.ID))
		same(t, "ListReleases after delete", get(e, func(tx platform.Tx) ([]platform.Release, error) {
			return tx.ListReleases(p.ID, platform.Page{Limit: 10})
		}), []platform.Release{*r2})
		// The tag is free again.
		e.release(p, "1.0.0")
	}},
	{"releases/tag_already_exists_and_missing_product", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		p := e.product(w, "redis")
		e.release(p, "1.0.0")
		dup := newRelease(p, "1.0.0")
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateRelease(dup) }), platform.CodeAlreadyExists, "release", q("1.0.0"))
		noProduct := newRelease(p, "2.0.0")
		noProduct.ProductID = "prod_missing"
		noProduct.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateRelease(noProduct) }), platform.CodeNotFound, "product", q("prod_missing"))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetReleaseByTag(p.ID, "2.0.0") }),
			platform.CodeNotFound, "release", q("2.0.0"))
	}},
}
