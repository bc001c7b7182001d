package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var clusterTests = []test{
	{"clusters/create_get_by_id_and_name_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		eu := e.region(w, "eu")
		p := e.project(w, "web")
		c := e.cluster(w, "prod", inRegion(eu), inProject(p))
		bare := e.cluster(w, "bare", func(c *platform.Cluster) { c.NodePools = nil; c.Endpoint = "" })
		same(t, "GetCluster", get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) }), c)
		bare.NodePools = []platform.NodePool{}
		same(t, "GetClusterByName (no region, project or node pools)", get(e, func(tx platform.Tx) (*platform.Cluster, error) {
			return tx.GetClusterByName(w.ID, "bare")
		}), bare)
		same(t, "ListClusters", get(e, func(tx platform.Tx) ([]platform.Cluster, error) {
			return tx.ListClusters(w.ID, platform.Page{Limit: 10})
		}), []platform.Cluster{*c, *bare})

		c.Status, c.Endpoint, c.KubernetesVersion = platform.ClusterRunning, "https://prod.example.com:6443", "1.32"
		c.NodePools = append(c.NodePools, platform.NodePool{Name: "gpu", MachineType: "gx11", MinNodes: 0, MaxNodes: 2})
		c.RegionID, c.ProjectID = "", ""
		e.touch(&c.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateCluster(c) })
		same(t, "cluster after update", get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) }), c)
		c.RegionID, c.ProjectID = eu.ID, p.ID
		e.touch(&c.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateCluster(c) })
		same(t, "cluster after re-attaching", get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) }), c)

		stale := *c
		stale.Version = 2
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateCluster(&stale) }), platform.CodeAborted, "cluster", q(c.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteCluster(w.ID, c.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) }),
			platform.CodeNotFound, "cluster", q(c.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetClusterByName(w.ID, "prod") }),
			platform.CodeNotFound, "cluster", q("prod"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteCluster(w.ID, c.ID) }), platform.CodeNotFound, q(c.ID))
		e.touch(&c.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateCluster(c) }), platform.CodeNotFound, q(c.ID))
	}},
	{"clusters/name_already_exists_and_missing_references", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		e.cluster(w, "prod")
		e.cluster(other, "prod") // the same name in another workspace is fine
		staging := e.cluster(w, "staging")
		dup := newCluster(w, "prod")
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateCluster(dup) }), platform.CodeAlreadyExists, "cluster", q("prod"))
		staging.Name = "prod"
		e.touch(&staging.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateCluster(staging) }), platform.CodeAlreadyExists, "cluster", q("prod"))

		noRegion := newCluster(w, "lost")
		noRegion.RegionID = "reg_missing"
		noRegion.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateCluster(noRegion) }), platform.CodeNotFound, "region", q("reg_missing"))
		noProject := newCluster(w, "lost")
		noProject.ProjectID = "prj_missing"
		noProject.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateCluster(noProject) }), platform.CodeNotFound, "project", q("prj_missing"))
		noWS := newCluster(w, "lost")
		noWS.WorkspaceID = "ws_missing"
		noWS.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateCluster(noWS) }), platform.CodeNotFound, "workspace", q("ws_missing"))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetClusterByName(other.ID, "staging") }),
			platform.CodeNotFound, q("staging"))
	}},
}
