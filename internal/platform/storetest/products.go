package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var productTests = []test{
	{"products/create_get_by_id_and_slug_list_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		redis := e.product(w, "redis")
		e.product(other, "redis") // the same slug in another workspace is fine, and never listed here
		pg := e.product(w, "postgres", listed(4900))
		same(t, "GetProduct", get(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetProduct(w.ID, redis.ID) }), redis)
		same(t, "GetProductBySlug", get(e, func(tx platform.Tx) (*platform.Product, error) {
			return tx.GetProductBySlug(w.ID, "postgres")
		}), pg)
		same(t, "ListProducts", get(e, func(tx platform.Tx) ([]platform.Product, error) {
			return tx.ListProducts(w.ID, platform.Page{Limit: 10})
		}), []platform.Product{*redis, *pg})
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetProduct(other.ID, redis.ID) }),
			platform.CodeNotFound, "product", q(redis.ID))

		redis.Slug, redis.Name, redis.Description = "redis-ha", "Redis HA", ""
		listed(120000)(redis)
		e.touch(&redis.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateProduct(redis) })
		same(t, "product after update", get(e, func(tx platform.Tx) (*platform.Product, error) {
			return tx.GetProductBySlug(w.ID, "redis-ha")
		}), redis)
		redis.Visibility, redis.Price = platform.VisibilityPrivate, platform.DefaultPrice()
		e.touch(&redis.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateProduct(redis) })
		same(t, "product after making it private and free", get(e, func(tx platform.Tx) (*platform.Product, error) {
			return tx.GetProduct(w.ID, redis.ID)
		}), redis)

		stale := *redis
		stale.Version = 2
		stale.Name = "lost"
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProduct(&stale) }), platform.CodeAborted, "product", q(redis.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteProduct(other.ID, redis.ID) }), platform.CodeNotFound, q(redis.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteProduct(w.ID, redis.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetProduct(w.ID, redis.ID) }),
			platform.CodeNotFound, "product", q(redis.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetProductBySlug(w.ID, "redis-ha") }),
			platform.CodeNotFound, "product", q("redis-ha"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteProduct(w.ID, redis.ID) }), platform.CodeNotFound, q(redis.ID))
		e.touch(&redis.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProduct(redis) }), platform.CodeNotFound, q(redis.ID))
		same(t, "ListProducts after delete", get(e, func(tx platform.Tx) ([]platform.Product, error) {
			return tx.ListProducts(w.ID, platform.Page{Limit: 10})
		}), []platform.Product{*pg})
	}},
	{"products/slug_already_exists_and_missing_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		e.product(w, "redis")
		pg := e.product(w, "postgres")
		dup := newProduct(w, "redis")
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProduct(dup) }), platform.CodeAlreadyExists, "product", q("redis"))
		pg.Slug = "redis"
		e.touch(&pg.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProduct(pg) }), platform.CodeAlreadyExists, "product", q("redis"))
		noWS := newProduct(w, "lost")
		noWS.WorkspaceID = "ws_missing"
		noWS.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProduct(noWS) }), platform.CodeNotFound, "workspace", q("ws_missing"))
	}},
	{"products/listed_lookup_and_marketplace_across_workspaces", func(t *testing.T, e *env) {
		w1 := e.workspace("one")
		w2 := e.workspace("two")
		a := e.product(w1, "a", listed(0))
		b := e.product(w2, "b")
		c := e.product(w2, "c", listed(999))
		e.product(w1, "d")
		f := e.product(w1, "f", listed(100))
		same(t, "GetListedProduct (from any workspace)", get(e, func(tx platform.Tx) (*platform.Product, error) {
			return tx.GetListedProduct(c.ID)
		}), c)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetListedProduct(b.ID) }),
			platform.CodeNotFound, "product", q(b.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetListedProduct("prod_missing") }),
			platform.CodeNotFound, "product", q("prod_missing"))
		listedProducts := func(page platform.Page) []platform.Product {
			return get(e, func(tx platform.Tx) ([]platform.Product, error) { return tx.ListListedProducts(page) })
		}
		same(t, "ListListedProducts", listedProducts(platform.Page{Limit: 10}), []platform.Product{*a, *c, *f})
		same(t, "ListListedProducts after a", listedProducts(platform.Page{After: a.Seq, Limit: 1}), []platform.Product{*c})

		// A listed product made private leaves the marketplace; a private one made listed joins
		// it in creation order.
		c.Visibility = platform.VisibilityPrivate
		e.touch(&c.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateProduct(c) })
		b.Visibility = platform.VisibilityListed
		e.touch(&b.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateProduct(b) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetListedProduct(c.ID) }),
			platform.CodeNotFound, "product", q(c.ID))
		same(t, "ListListedProducts after visibility changes", listedProducts(platform.Page{Limit: 10}), []platform.Product{*a, *b, *f})
	}},
	{"products/install_count_counts_installations_in_every_workspace", func(t *testing.T, e *env) {
		vendor := e.workspace("vendor")
		customer := e.workspace("customer")
		vc := e.cluster(vendor, "prod")
		cc := e.cluster(customer, "prod")
		p := e.product(vendor, "redis", listed(500))
		other := e.product(vendor, "postgres")
		r1, r2 := e.release(p, "1.0.0"), e.release(p, "1.1.0")
		ro := e.release(other, "16.0.0")
		own := e.installation(vc, "redis", fromRelease(r1))
		e.installation(cc, "cache", fromRelease(r2))
		e.installation(cc, "pg", fromRelease(ro))
		e.installation(cc, "direct") // a chart install counts for no product

		wantP, wantOther := *p, *other
		wantP.InstallCount, wantOther.InstallCount = 2, 1
		same(t, "GetProduct", get(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetProduct(vendor.ID, p.ID) }), &wantP)
		same(t, "GetProductBySlug", get(e, func(tx platform.Tx) (*platform.Product, error) {
			return tx.GetProductBySlug(vendor.ID, "redis")
		}), &wantP)
		same(t, "GetListedProduct", get(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetListedProduct(p.ID) }), &wantP)
		same(t, "ListProducts", get(e, func(tx platform.Tx) ([]platform.Product, error) {
			return tx.ListProducts(vendor.ID, platform.Page{Limit: 10})
		}), []platform.Product{wantP, wantOther})
		same(t, "ListListedProducts", get(e, func(tx platform.Tx) ([]platform.Product, error) {
			return tx.ListListedProducts(platform.Page{Limit: 10})
		}), []platform.Product{wantP})

		e.update(func(tx platform.Tx) error { return tx.DeleteInstallation(vendor.ID, own.ID) })
		if got := get(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetProduct(vendor.ID, p.ID) }); got.InstallCount != 1 {
			t.Errorf("InstallCount = %d after uninstalling one of two, want 1", got.InstallCount)
		}
	}},
	{"products/delete_refused_while_installed_anywhere_then_removes_releases", func(t *testing.T, e *env) {
		vendor := e.workspace("vendor")
		customer := e.workspace("customer")
		cc := e.cluster(customer, "prod")
		p := e.product(vendor, "redis", listed(0))
		keep := e.product(vendor, "postgres")
		r1, r2 := e.release(p, "1.0.0"), e.release(p, "2.0.0")
		kr := e.release(keep, "1.0.0")
		in := e.installation(cc, "cache", fromRelease(r1))

		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteProduct(vendor.ID, p.ID) }),
			platform.CodeFailedPrecondition, "product", q(p.ID))
		wantP := *p
		wantP.InstallCount = 1
		same(t, "product after refused delete", get(e, func(tx platform.Tx) (*platform.Product, error) {
			return tx.GetProduct(vendor.ID, p.ID)
		}), &wantP)
		same(t, "releases after refused delete", get(e, func(tx platform.Tx) ([]platform.Release, error) {
			return tx.ListReleases(p.ID, platform.Page{Limit: 10})
		}), []platform.Release{*r1, *r2})
		same(t, "installation after refused delete", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(customer.ID, in.ID)
		}), in)

		e.update(func(tx platform.Tx) error { return tx.DeleteInstallation(customer.ID, in.ID) })
		e.update(func(tx platform.Tx) error { return tx.DeleteProduct(vendor.ID, p.ID) })
		for _, r := range []*platform.Release{r1, r2} {
			wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(p.ID, r.ID) }),
				platform.CodeNotFound, "release", q(r.ID))
		}
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetReleaseByTag(p.ID, "1.0.0") }),
			platform.CodeNotFound, "release", q("1.0.0"))
		same(t, "ListReleases of the deleted product", get(e, func(tx platform.Tx) ([]platform.Release, error) {
			return tx.ListReleases(p.ID, platform.Page{Limit: 10})
		}), []platform.Release{})
		same(t, "release of another product", get(e, func(tx platform.Tx) (*platform.Release, error) {
			return tx.GetRelease(keep.ID, kr.ID)
		}), kr)
	}},
	{"products/dependents_name_installations_in_every_workspace_by_tag", func(t *testing.T, e *env) {
		vendor := e.workspace("vendor")
		customer := e.workspace("customer")
		vc := e.cluster(vendor, "prod")
		cc := e.cluster(customer, "prod")
		p := e.product(vendor, "redis", listed(0))
		other := e.product(vendor, "postgres", listed(0))
		r1, r11, r2 := e.release(p, "1.0.0"), e.release(p, "1.1.0"), e.release(p, "2.0.0")
		e.installation(vc, "redis", fromRelease(r1), func(in *platform.Installation) {
			in.Status, in.InstalledTag = platform.InstallationInstalled, "1.0.0"
		})
		// Upgrading from 1.0.0 to 1.1.0: both tags are in use.
		e.installation(cc, "cache", fromRelease(r11), func(in *platform.Installation) {
			in.Status, in.InstalledTag = platform.InstallationUpgrading, "1.0.0"
		})
		e.installation(cc, "edge", fromRelease(r2))
		e.installation(cc, "pg", fromRelease(e.release(other, "1.0.0")), func(in *platform.Installation) { in.InstalledTag = "1.0.0" })
		e.installation(cc, "direct")

		deps := func(tag string) platform.Dependents {
			return get(e, func(tx platform.Tx) (platform.Dependents, error) { return tx.ProductDependents(p.ID, tag) })
		}
		sameDependents(t, "ProductDependents(all tags)", deps(""), platform.Dependents{Installations: []string{"redis", "cache", "edge"}})
		sameDependents(t, "ProductDependents(1.0.0)", deps("1.0.0"), platform.Dependents{Installations: []string{"redis", "cache"}})
		sameDependents(t, "ProductDependents(1.1.0)", deps("1.1.0"), platform.Dependents{Installations: []string{"cache"}})
		sameDependents(t, "ProductDependents(2.0.0)", deps("2.0.0"), platform.Dependents{Installations: []string{"edge"}})
		d := deps("3.0.0")
		sameDependents(t, "ProductDependents(3.0.0)", d, none)
		if !d.None() {
			t.Errorf("ProductDependents(3.0.0).None() = false for %+v", d)
		}
		unused := e.product(vendor, "unused")
		sameDependents(t, "ProductDependents of an uninstalled product", get(e, func(tx platform.Tx) (platform.Dependents, error) {
			return tx.ProductDependents(unused.ID, "")
		}), none)
	}},
}
