package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var regionTests = []test{
	{"regions/create_get_by_id_and_name_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		eu := e.region(w, "eu")
		us := e.region(w, "us")
		same(t, "GetRegion", get(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegion(w.ID, eu.ID) }), eu)
		same(t, "GetRegionByName", get(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegionByName(w.ID, "us") }), us)
		same(t, "ListRegions", get(e, func(tx platform.Tx) ([]platform.Region, error) {
			return tx.ListRegions(w.ID, platform.Page{Limit: 10})
		}), []platform.Region{*eu, *us})
		eu.Name, eu.Description = "europe", ""
		e.touch(&eu.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateRegion(eu) })
		same(t, "region after update", get(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegionByName(w.ID, "europe") }), eu)
		stale := *eu
		stale.Version = 1
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateRegion(&stale) }), platform.CodeAborted, "region", q(eu.ID))
		us.Name = "europe"
		e.touch(&us.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateRegion(us) }), platform.CodeAlreadyExists, "region", q("europe"))
		dup := &platform.Region{ID: platform.NewID(platform.PrefixRegion), WorkspaceID: w.ID, Name: "europe"}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateRegion(dup) }), platform.CodeAlreadyExists, "region", q("europe"))

		e.update(func(tx platform.Tx) error { return tx.DeleteRegion(w.ID, eu.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegion(w.ID, eu.ID) }),
			platform.CodeNotFound, "region", q(eu.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegionByName(w.ID, "europe") }),
			platform.CodeNotFound, "region", q("europe"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteRegion(w.ID, eu.ID) }), platform.CodeNotFound, q(eu.ID))
	}},
	{"regions/delete_refused_while_clusters_remain", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		eu := e.region(w, "eu")
		e.region(w, "us")
		c1 := e.cluster(w, "one", inRegion(eu))
		e.cluster(w, "two", inRegion(eu))
		e.cluster(w, "three")
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountClustersInRegion(w.ID, eu.ID) }); n != 2 {
			t.Errorf("CountClustersInRegion = %d, want 2", n)
		}
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteRegion(w.ID, eu.ID) }),
			platform.CodeFailedPrecondition, "region", q(eu.ID))
		same(t, "region after refused delete", get(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegion(w.ID, eu.ID) }), eu)
		same(t, "cluster after refused delete", get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c1.ID) }), c1)
		e.update(func(tx platform.Tx) error {
			for _, name := range []string{"one", "two"} {
				c, err := tx.GetClusterByName(w.ID, name)
				if err != nil {
					return err
				}
				if err := tx.DeleteCluster(w.ID, c.ID); err != nil {
					return err
				}
			}
			return tx.DeleteRegion(w.ID, eu.ID)
		})
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountClustersInRegion(w.ID, eu.ID) }); n != 0 {
			t.Errorf("CountClustersInRegion = %d, want 0", n)
		}
	}},
}
