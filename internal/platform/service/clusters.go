package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// ClusterInput creates a cluster. RegionID and ProjectID are optional ids.
type ClusterInput struct {
	Name              string              `json:"name"`
	RegionID          string              `json:"region_id,omitempty"`
	ProjectID         string              `json:"project_id,omitempty"`
	Cloud             platform.Cloud      `json:"cloud"`
	Location          string              `json:"location"`
	KubernetesVersion string              `json:"kubernetes_version"`
	NodePools         []platform.NodePool `json:"node_pools"`
}

// ClusterPatch changes a cluster; nil fields stay. Name, region and project change at once;
// a new Kubernetes version or node pools go through an update operation. Cloud and location
// are accepted only unchanged (they need a new cluster).
type ClusterPatch struct {
	Name              *string              `json:"name,omitempty"`
	RegionID          *string              `json:"region_id,omitempty"`
	ProjectID         *string              `json:"project_id,omitempty"`
	Cloud             *platform.Cloud      `json:"cloud,omitempty"`
	Location          *string              `json:"location,omitempty"`
	KubernetesVersion *string              `json:"kubernetes_version,omitempty"`
	NodePools         *[]platform.NodePool `json:"node_pools,omitempty"`
}

// ClusterChange is a cluster with the operation that is changing it (empty when the change
// was immediate).
type ClusterChange struct {
	Cluster     *platform.Cluster
	Operation   *platform.Operation
	OperationID string
}

// FailLocationPrefix: the reference server simulates a provisioning failure for clusters whose
// location starts with it, so clients can test how they report a failed operation.
const FailLocationPrefix = "fail-"

// KubernetesVersions lists the supported versions, oldest first.
func (s *Service) KubernetesVersions() []string { return slices.Clone(platform.KubernetesVersions) }

func (t *txn) clusterByRef(w *wsScope, ref string) (*platform.Cluster, error) {
	var (
		c   *platform.Cluster
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixCluster) {
		c, err = t.GetCluster(w.ws.ID, ref)
	} else {
		c, err = t.GetClusterByName(w.ws.ID, ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("cluster", ref)
	}
	return c, err
}

func (t *txn) clusterFor(ref, cluster string, perm platform.Permission) (*wsScope, *platform.Cluster, error) {
	w, err := t.workspace(ref)
	if err != nil {
		return nil, nil, err
	}
	if err := w.require(perm); err != nil {
		return nil, nil, err
	}
	c, err := t.clusterByRef(w, cluster)
	return w, c, err
}

// checkClusterRefs: the region must exist in the workspace and the project must be visible to
// the caller; otherwise the reference itself is the bad input.
func (t *txn) checkClusterRefs(w *wsScope, c *platform.Cluster) error {
	var v platform.Violations
	if c.RegionID != "" {
		if _, err := t.GetRegion(w.ws.ID, c.RegionID); platform.IsCode(err, platform.CodeNotFound) {
			v.Addf("region_id", "region %s not found in workspace %s", c.RegionID, w.ws.Slug)
		} else if err != nil {
			return err
		}
	}
	if c.ProjectID != "" {
		if _, err := t.project(w, c.ProjectID); platform.IsCode(err, platform.CodeNotFound) {
			v.Addf("project_id", "project %s not found in workspace %s", c.ProjectID, w.ws.Slug)
		} else if err != nil {
			return err
		}
	}
	return v.Err()
}

// newOperation records an asynchronous change of cluster c, due after the cluster delay.
func (s *Service) newOperation(t *txn, kind string, c *platform.Cluster) (*platform.Operation, error) {
	target := *c
	target.NodePools = slices.Clone(c.NodePools)
	return s.startOperation(t, kind, c.WorkspaceID, c.ID, &target)
}

// CreateCluster records a cluster in "provisioning" and the operation that will make it run.
func (s *Service) CreateCluster(ctx context.Context, caller *platform.Principal, ref string, in ClusterInput) (*ClusterChange, error) {
	c := &platform.Cluster{ID: platform.NewID(platform.PrefixCluster), Name: in.Name, RegionID: in.RegionID,
		ProjectID: in.ProjectID, Cloud: in.Cloud, Location: in.Location, KubernetesVersion: in.KubernetesVersion,
		NodePools: slices.Clone(in.NodePools), Status: platform.ClusterProvisioning}
	if c.NodePools == nil {
		c.NodePools = []platform.NodePool{}
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*ClusterChange, error) {
		w, err := t.workspaceRequiring(ref, platform.PermClustersManage)
		if err != nil {
			return nil, err
		}
		if err := t.checkClusterRefs(w, c); err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaClusters, platform.PlannedKey(w.ws.ID, c.Name)); err != nil {
			return nil, err
		}
		c.WorkspaceID = w.ws.ID
		c.Stamp(t.now)
		if err := t.CreateCluster(c); err != nil {
			return nil, err
		}
		op, err := s.newOperation(t, platform.OpClusterCreate, c)
		if err != nil {
			return nil, err
		}
		return &ClusterChange{Cluster: c, Operation: op, OperationID: op.ID}, t.audit(w.ws.ID, "", "cluster.create", c.ID)
	})
}

// GetCluster reads a cluster by id or name.
func (s *Service) GetCluster(ctx context.Context, caller *platform.Principal, ref, cluster string) (*platform.Cluster, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Cluster, error) {
		_, c, err := t.clusterFor(ref, cluster, platform.PermClustersRead)
		return c, err
	})
}

// ListClusters lists a workspace's clusters.
func (s *Service) ListClusters(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.Cluster], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermClustersRead, opts, (*txn).ListClusters,
		func(x *platform.Cluster) int64 { return x.Seq })
}

// UpdateCluster changes a cluster. Kubernetes versions only go up; a version or node pool
// change needs a running (or failed) cluster and starts an update operation.
func (s *Service) UpdateCluster(ctx context.Context, caller *platform.Principal, ref, cluster string, in ClusterPatch, ifVersion int64) (*ClusterChange, error) {
	return update(ctx, s, caller, func(t *txn) (*ClusterChange, error) {
		w, cur, err := t.clusterFor(ref, cluster, platform.PermClustersManage)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("cluster", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		c := *cur
		var v platform.Violations
		if in.Cloud != nil && *in.Cloud != c.Cloud {
			v.Add("cloud", "cannot be changed: create a new cluster")
		}
		if in.Location != nil && *in.Location != c.Location {
			v.Add("location", "cannot be changed: create a new cluster")
		}
		if in.KubernetesVersion != nil && platform.CompareKubernetesVersions(*in.KubernetesVersion, c.KubernetesVersion) < 0 {
			v.Addf("kubernetes_version", "cannot downgrade from %s to %s: versions only go up", c.KubernetesVersion, *in.KubernetesVersion)
		}
		if err := v.Err(); err != nil {
			return nil, err
		}
		setIf(&c.Name, in.Name)
		setIf(&c.RegionID, in.RegionID)
		setIf(&c.ProjectID, in.ProjectID)
		setIf(&c.KubernetesVersion, in.KubernetesVersion)
		if in.NodePools != nil {
			c.NodePools = slices.Clone(*in.NodePools)
		}
		// A version the catalogue has since dropped stays valid on a cluster that runs it.
		if err := c.ValidateChange(cur); err != nil {
			return nil, err
		}
		if unchanged(&c, cur) {
			return &ClusterChange{Cluster: cur}, nil
		}
		if (c.RegionID != cur.RegionID && c.RegionID != "") || (c.ProjectID != cur.ProjectID && c.ProjectID != "") {
			if err := t.checkClusterRefs(w, &platform.Cluster{
				RegionID: changedOrEmpty(c.RegionID, cur.RegionID), ProjectID: changedOrEmpty(c.ProjectID, cur.ProjectID),
			}); err != nil {
				return nil, err
			}
		}
		async := c.KubernetesVersion != cur.KubernetesVersion || !slices.Equal(c.NodePools, cur.NodePools)
		if async && c.Status != platform.ClusterRunning && c.Status != platform.ClusterFailed {
			return nil, platform.Errorf(platform.CodeFailedPrecondition,
				"cluster %s is %s: wait until it is running to change its version or node pools", c.Name, c.Status)
		}
		if async {
			c.Status = platform.ClusterUpdating
		}
		c.Touch(t.now)
		if err := t.UpdateCluster(&c); err != nil {
			return nil, err
		}
		change := &ClusterChange{Cluster: &c}
		if async {
			if change.Operation, err = s.newOperation(t, platform.OpClusterUpdate, &c); err != nil {
				return nil, err
			}
			change.OperationID = change.Operation.ID
		}
		return change, t.audit(w.ws.ID, "", "cluster.update", c.ID)
	})
}

func changedOrEmpty(now, before string) string {
	if now == before {
		return ""
	}
	return now
}

// DeleteCluster starts deleting a cluster: it shows "deleting", then disappears. Any change
// still in progress on it is cancelled.
func (s *Service) DeleteCluster(ctx context.Context, caller *platform.Principal, ref, cluster string, ifVersion int64) (*ClusterChange, error) {
	return update(ctx, s, caller, func(t *txn) (*ClusterChange, error) {
		w, c, err := t.clusterFor(ref, cluster, platform.PermClustersManage)
		if err != nil {
			return nil, err
		}
		t.planDelete(platform.PlannedCluster, w.ws.ID, c.ID)
		if err := checkVersion("cluster", c.Version, ifVersion); err != nil {
			return nil, err
		}
		if c.Status == platform.ClusterDeleting {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "cluster %s is already being deleted", c.Name)
		}
		if err := t.checkClusterUnused(w.ws.ID, c); err != nil {
			return nil, err
		}
		if err := t.cancelOperations(c.ID, "cancelled: the cluster is being deleted"); err != nil {
			return nil, err
		}
		c.Status = platform.ClusterDeleting
		c.Touch(t.now)
		if err := t.UpdateCluster(c); err != nil {
			return nil, err
		}
		op, err := s.newOperation(t, platform.OpClusterDelete, c)
		if err != nil {
			return nil, err
		}
		return &ClusterChange{Cluster: c, Operation: op, OperationID: op.ID}, t.audit(w.ws.ID, "", "cluster.delete", c.ID)
	})
}

// checkClusterUnused refuses deleting a cluster that installations or deployments still use,
// naming them (docs/platform.md section 6). In a dry run with a plan session, those the session
// plans to delete do not count.
func (t *txn) checkClusterUnused(ws string, c *platform.Cluster) error {
	d, err := t.ClusterDependents(ws, c.ID)
	if err != nil || d.None() {
		return err
	}
	if d, err = t.withoutPlannedDependents(ws, c.ID, d); err != nil || d.None() {
		return err
	}
	return platform.Errorf(platform.CodeFailedPrecondition, "cluster %s is still used by %s: delete them first",
		c.Name, describeDependents(d))
}

// withoutPlannedDependents removes from d, the users of cluster, the installations and
// deployments this dry run's plan session plans to delete.
func (t *txn) withoutPlannedDependents(ws, cluster string, d platform.Dependents) (platform.Dependents, error) {
	planned, err := t.sessionDeletes(ws)
	if err != nil {
		return d, err
	}
	drop := func(names []string, name string) []string {
		return slices.DeleteFunc(names, func(n string) bool { return n == name })
	}
	for key := range planned {
		kind, id, _ := strings.Cut(key, "/")
		switch kind {
		case platform.PlannedInstallation:
			in, err := unlessNotFound(t.GetInstallation(ws, id))
			if err != nil {
				return d, err
			}
			if in != nil && in.ClusterID == cluster {
				d.Installations = drop(d.Installations, in.Name)
			}
		case platform.PlannedDeployment:
			dep, err := unlessNotFound(t.GetDeployment(ws, id))
			if err != nil {
				return d, err
			}
			if dep == nil || dep.ClusterID != cluster {
				continue
			}
			p, err := t.GetProject(ws, dep.ProjectID)
			if err != nil {
				return d, err
			}
			d.Deployments = drop(d.Deployments, p.Slug+"/"+dep.Name)
		}
	}
	return d, nil
}

// unlessNotFound is a lookup's answer with "not found" as nil and no error.
func unlessNotFound[T any](x *T, err error) (*T, error) {
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, nil
	}
	return x, err
}

// describeDependents names what uses an object: "2 installations (shop, blog) and 1
// deployment (web/frontend)".
func describeDependents(d platform.Dependents) string {
	var parts []string
	for _, kind := range []struct {
		noun  string
		names []string
	}{{"installation", d.Installations}, {"deployment", d.Deployments}} {
		if len(kind.names) > 0 {
			parts = append(parts, platform.Count(len(kind.names), kind.noun)+" ("+strings.Join(kind.names, ", ")+")")
		}
	}
	return strings.Join(parts, " and ")
}

// cancelOperations ends every unfinished operation on the object targetID as failed, with
// reason: a delete overtook them.
func (t *txn) cancelOperations(targetID, reason string) error {
	ops, err := t.ListUnfinishedOperationsForTarget(targetID)
	if err != nil {
		return err
	}
	for i := range ops {
		if err := t.failOperation(&ops[i], reason); err != nil {
			return err
		}
	}
	return nil
}

// finishClusterOperation completes a due cluster operation.
func (s *Service) finishClusterOperation(t *txn, op *platform.Operation) (bool, error) {
	c, err := t.GetCluster(op.WorkspaceID, op.TargetID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return true, t.failOperation(op, "the cluster no longer exists")
	}
	if err != nil {
		return false, err
	}
	if op.Kind != platform.OpClusterDelete && c.Status == platform.ClusterDeleting {
		// A delete overtook this change; finishing it would bring the cluster back to life.
		return true, t.failOperation(op, "cancelled: the cluster is being deleted")
	}
	op.Status = platform.OpSucceeded
	action := ""
	// An update of a cluster that never came up provisions it, exactly like a create.
	provisioning := op.Kind == platform.OpClusterCreate || (op.Kind == platform.OpClusterUpdate && c.Endpoint == "")
	switch {
	case provisioning:
		if strings.HasPrefix(c.Location, FailLocationPrefix) {
			c.Status = platform.ClusterFailed
			op.Status, op.Error = platform.OpFailed, fmt.Sprintf("provisioning failed: location %s has no capacity", c.Location)
		} else {
			c.Status, c.Endpoint = platform.ClusterRunning, clusterEndpoint(c)
		}
		action = "cluster.provisioned"
	case op.Kind == platform.OpClusterUpdate:
		c.Status = platform.ClusterRunning
		action = "cluster.updated"
	case op.Kind == platform.OpClusterDelete:
		if err := t.DeleteCluster(c.WorkspaceID, c.ID); err != nil {
			return false, err
		}
		action = "cluster.deleted"
	default:
		op.Status, op.Error = platform.OpFailed, "unknown operation kind "+op.Kind
	}
	if op.Kind != platform.OpClusterDelete && action != "" {
		c.Touch(t.now)
		if err := t.UpdateCluster(c); err != nil {
			return false, err
		}
	}
	op.Touch(t.now)
	if err := t.UpdateOperation(op); err != nil {
		return false, err
	}
	if action == "" {
		return true, nil
	}
	return true, t.audit(op.WorkspaceID, "", action, c.ID)
}

func clusterEndpoint(c *platform.Cluster) string {
	return fmt.Sprintf("https://%s.%s.%s.clusters.platform.internal", strings.ReplaceAll(c.ID, "_", "-"), c.Location, c.Cloud)
}
