package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var installationTests = []test{
	{"installations/create_get_by_id_and_name_list_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		c := e.cluster(w, "prod")
		p := e.product(w, "redis")
		r1, r2 := e.release(p, "1.0.0"), e.release(p, "1.1.0")
		cache := e.installation(c, "cache", fromRelease(r1), installationSecrets("DB_PASSWORD", "API_TOKEN"),
			func(in *platform.Installation) {
				in.Namespace = "cache-ns"
				in.Values = map[string]string{"replicaCount": "3", "image.tag": "7.4", "empty": "", "quote": `"x"`, "ünï": "cödé"}
			})
		// A direct chart install with nil values and secrets: they read back empty.
		direct := e.installation(c, "direct", func(in *platform.Installation) { in.Values, in.Secrets = nil, nil })
		e.installation(e.cluster(other, "prod"), "cache") // the same name in another workspace is fine, and never listed here
		direct.Values, direct.Secrets = map[string]string{}, []string{}
		same(t, "GetInstallation (from a release)", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(w.ID, cache.ID)
		}), cache)
		same(t, "GetInstallationByName (a chart, nil values and secrets)", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallationByName(w.ID, "direct")
		}), direct)
		same(t, "ListInstallations", get(e, func(tx platform.Tx) ([]platform.Installation, error) {
			return tx.ListInstallations(w.ID, platform.Page{Limit: 10})
		}), []platform.Installation{*cache, *direct})
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Installation, error) { return tx.GetInstallation(other.ID, cache.ID) }),
			platform.CodeNotFound, "installation", q(cache.ID))

		// Installed, then upgrading to the next release with new values and no secrets.
		cache.Status, cache.InstalledTag = platform.InstallationInstalled, "1.0.0"
		e.touch(&cache.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateInstallation(cache) })
		same(t, "installation after install", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(w.ID, cache.ID)
		}), cache)
		fromRelease(r2)(cache)
		cache.Status = platform.InstallationUpgrading
		cache.Values, cache.Secrets = map[string]string{"replicaCount": "5"}, nil
		e.touch(&cache.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateInstallation(cache) })
		cache.Secrets = []string{}
		same(t, "installation after upgrade", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallationByName(w.ID, "cache")
		}), cache)
		direct.Source.Chart = "https://charts.example.com/redis-7.5.0.tgz"
		direct.Values, direct.Secrets = nil, []string{"API_TOKEN"}
		e.touch(&direct.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateInstallation(direct) })
		direct.Values = map[string]string{}
		same(t, "chart installation after update", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(w.ID, direct.ID)
		}), direct)

		stale := *cache
		stale.Version = 2
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateInstallation(&stale) }), platform.CodeAborted, "installation", q(cache.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteInstallation(other.ID, cache.ID) }), platform.CodeNotFound, q(cache.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteInstallation(w.ID, cache.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Installation, error) { return tx.GetInstallation(w.ID, cache.ID) }),
			platform.CodeNotFound, "installation", q(cache.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Installation, error) { return tx.GetInstallationByName(w.ID, "cache") }),
			platform.CodeNotFound, "installation", q("cache"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteInstallation(w.ID, cache.ID) }), platform.CodeNotFound, q(cache.ID))
		e.touch(&cache.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateInstallation(cache) }), platform.CodeNotFound, q(cache.ID))
		same(t, "ListInstallations after delete", get(e, func(tx platform.Tx) ([]platform.Installation, error) {
			return tx.ListInstallations(w.ID, platform.Page{Limit: 10})
		}), []platform.Installation{*direct})
		// The name and the namespace are free again.
		e.installation(c, "cache", func(in *platform.Installation) { in.Namespace = "cache-ns" })
	}},
	{"installations/another_workspaces_listed_product", func(t *testing.T, e *env) {
		vendor := e.workspace("vendor")
		customer := e.workspace("customer")
		r := e.release(e.product(vendor, "redis", listed(2500)), "1.0.0")
		in := e.installation(e.cluster(customer, "prod"), "cache", fromRelease(r))
		same(t, "installation of another workspace's product", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(customer.ID, in.ID)
		}), in)
		same(t, "vendor's installations", get(e, func(tx platform.Tx) ([]platform.Installation, error) {
			return tx.ListInstallations(vendor.ID, platform.Page{Limit: 10})
		}), []platform.Installation{})
	}},
	{"installations/name_and_namespace_already_exist_and_missing_references", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		c := e.cluster(w, "prod")
		staging := e.cluster(w, "staging")
		p := e.product(w, "redis")
		r := e.release(p, "1.0.0")
		e.installation(c, "cache", fromRelease(r))
		e.installation(staging, "other", func(in *platform.Installation) { in.Namespace = "cache" }) // the same namespace on another cluster is fine

		dupName := newInstallation(staging, "cache")
		dupName.Namespace = "free"
		dupName.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateInstallation(dupName) }),
			platform.CodeAlreadyExists, "installation", q("cache"))
		dupNamespace := newInstallation(c, "cache-two")
		dupNamespace.Namespace = "cache"
		dupNamespace.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateInstallation(dupNamespace) }),
			platform.CodeAlreadyExists, "namespace", q("cache"))

		for _, m := range []struct {
			kind, id string
			set      func(*platform.Installation)
		}{
			{"workspace", "ws_missing", func(in *platform.Installation) { in.WorkspaceID = "ws_missing" }},
			{"cluster", "cls_missing", func(in *platform.Installation) { in.ClusterID = "cls_missing" }},
			{"product", "prod_missing", func(in *platform.Installation) {
				in.Source = platform.InstallationSource{ProductID: "prod_missing", Tag: "1.0.0"}
			}},
		} {
			in := newInstallation(c, "lost")
			m.set(in)
			in.Stamp(e.now())
			wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateInstallation(in) }), platform.CodeNotFound, m.kind, q(m.id))
		}
	}},
}
