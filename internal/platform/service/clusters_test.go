package service_test

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Clusters, regions and operations (docs/platform.md section 6).

func (f *fixture) getCluster(ws *platform.Workspace, caller *platform.Principal, ref string) *platform.Cluster {
	f.tb.Helper()
	c, err := f.svc.GetCluster(f.ctx, caller, ws.Slug, ref)
	must(f.tb, err)
	return c
}

func (f *fixture) getOperation(caller *platform.Principal, id string) *platform.Operation {
	f.tb.Helper()
	op, err := f.svc.GetOperation(f.ctx, caller, id)
	must(f.tb, err)
	return op
}

func TestCluster_CreateProvisionsThenRuns(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	reg := f.region(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	in := f.clusterInput("eu-central-1")
	in.RegionID, in.ProjectID = reg.ID, prj.ID

	_, err := f.svc.CreateCluster(f.ctx, tm.member, tm.ws.Slug, in)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermClustersManage))

	ch, err := f.svc.CreateCluster(f.ctx, tm.admin, tm.ws.Slug, in)
	must(t, err)
	c, op := ch.Cluster, ch.Operation
	if c.Status != platform.ClusterProvisioning || c.Endpoint != "" || c.RegionID != reg.ID || c.ProjectID != prj.ID {
		t.Errorf("created cluster: %+v", c)
	}
	if op == nil || ch.OperationID != op.ID || op.Status != platform.OpPending || op.Kind != platform.OpClusterCreate || op.TargetID != c.ID || op.Error != "" {
		t.Fatalf("create operation: %+v (id %q)", op, ch.OperationID)
	}
	if got := f.getOperation(tm.viewer, op.ID); got.Status != platform.OpPending {
		t.Errorf("operation read back: %+v", got)
	}

	// The worker starts it, but it finishes only after the delay.
	f.advanceUntilIdle()
	if got := f.getOperation(tm.member, op.ID); got.Status != platform.OpRunning {
		t.Errorf("operation after a first pass: %q, want running", got.Status)
	}
	f.clock.Advance(testClusterDelay - time.Millisecond)
	f.advanceUntilIdle()
	if got := f.getCluster(tm.ws, tm.viewer, c.Name); got.Status != platform.ClusterProvisioning {
		t.Errorf("cluster before the delay is over: %q", got.Status)
	}
	f.clock.Advance(time.Millisecond)
	f.advanceUntilIdle()
	got := f.getCluster(tm.ws, tm.viewer, c.ID)
	if got.Status != platform.ClusterRunning || got.Endpoint == "" || !strings.HasPrefix(got.Endpoint, "https://") {
		t.Errorf("cluster after the delay: status %q endpoint %q", got.Status, got.Endpoint)
	}
	if got.KubernetesVersion != in.KubernetesVersion || len(got.NodePools) != 1 || got.NodePools[0] != in.NodePools[0] {
		t.Errorf("cluster spec changed while provisioning: %+v", got)
	}
	done := f.getOperation(tm.owner, op.ID)
	if done.Status != platform.OpSucceeded || done.Error != "" || done.TargetID != c.ID {
		t.Errorf("finished operation: %+v", done)
	}
	list, err := f.svc.ListClusters(f.ctx, tm.viewer, tm.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 1 || list.Items[0].Status != platform.ClusterRunning {
		t.Errorf("clusters: %+v", list.Items)
	}
	// Names are unique.
	in.RegionID, in.ProjectID = "", ""
	_, err = f.svc.CreateCluster(f.ctx, tm.admin, tm.ws.Slug, in)
	wantCode(t, err, platform.CodeAlreadyExists)
}

func TestCluster_UpdateVersionGoesUpdatingThenRunning(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ch := f.cluster(tm.ws, tm.owner)

	// Not while provisioning.
	_, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.Name, service.ClusterPatch{KubernetesVersion: new("1.32")}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "provisioning")
	f.finishOperations()

	up, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.Name, service.ClusterPatch{KubernetesVersion: new("1.32")}, 0)
	must(t, err)
	if up.Cluster.Status != platform.ClusterUpdating || up.Cluster.KubernetesVersion != "1.32" {
		t.Errorf("cluster during update: %+v", up.Cluster)
	}
	if up.Operation == nil || up.Operation.Kind != platform.OpClusterUpdate || up.Operation.Status != platform.OpPending || up.OperationID != up.Operation.ID {
		t.Fatalf("update operation: %+v", up.Operation)
	}
	if got := f.getCluster(tm.ws, tm.viewer, ch.Cluster.ID); got.Status != platform.ClusterUpdating {
		t.Errorf("stored status during update: %q", got.Status)
	}
	// One change at a time.
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.Name, service.ClusterPatch{KubernetesVersion: new("1.33")}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "updating")

	f.finishOperations()
	got := f.getCluster(tm.ws, tm.viewer, ch.Cluster.ID)
	if got.Status != platform.ClusterRunning || got.KubernetesVersion != "1.32" || got.Endpoint == "" {
		t.Errorf("cluster after update: %+v", got)
	}
	if op := f.getOperation(tm.owner, up.OperationID); op.Status != platform.OpSucceeded {
		t.Errorf("update operation: %+v", op)
	}

	// Node pools change the same way; a rename is immediate.
	pools := []platform.NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 5}, {Name: "gpu", MachineType: "p3.2xlarge", MinNodes: 0, MaxNodes: 2}}
	np, err := f.svc.UpdateCluster(f.ctx, tm.admin, tm.ws.Slug, ch.Cluster.ID, service.ClusterPatch{NodePools: &pools}, 0)
	must(t, err)
	if np.Cluster.Status != platform.ClusterUpdating || np.Operation == nil {
		t.Errorf("node pool change: %+v", np)
	}
	f.finishOperations()
	rn, err := f.svc.UpdateCluster(f.ctx, tm.admin, tm.ws.Slug, ch.Cluster.ID, service.ClusterPatch{Name: new("renamed")}, 0)
	must(t, err)
	if rn.Operation != nil || rn.OperationID != "" || rn.Cluster.Status != platform.ClusterRunning || rn.Cluster.Name != "renamed" || len(rn.Cluster.NodePools) != 2 {
		t.Errorf("rename: %+v", rn)
	}
}

func TestCluster_DowngradeAndReplacementFieldsAreInvalid(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ch := f.cluster(tm.ws, tm.owner) // aws, eu-central-1, 1.31
	f.finishOperations()
	ref := ch.Cluster.Name

	_, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{KubernetesVersion: new("1.30")}, 0)
	wantFields(t, err, "kubernetes_version")
	wantCode(t, err, platform.CodeInvalidArgument, "1.31", "1.30")
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{KubernetesVersion: new("1.99")}, 0)
	wantFields(t, err, "kubernetes_version")
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{Cloud: new(platform.CloudGCP)}, 0)
	wantFields(t, err, "cloud")
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{Location: new("us-east-1")}, 0)
	wantFields(t, err, "location")
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{
		Cloud: new(platform.CloudAzure), Location: new("westeurope"), KubernetesVersion: new("1.29")}, 0)
	wantFields(t, err, "cloud", "location", "kubernetes_version")

	// Unchanged cloud and location are accepted (a client sends the whole spec).
	same, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{
		Cloud: new(platform.CloudAWS), Location: new("eu-central-1"), KubernetesVersion: new("1.31")}, 0)
	must(t, err)
	if same.Cluster.Version != f.getCluster(tm.ws, tm.owner, ref).Version || same.Operation != nil {
		t.Errorf("no-op update: %+v", same)
	}
	got := f.getCluster(tm.ws, tm.owner, ref)
	if got.Cloud != platform.CloudAWS || got.Location != "eu-central-1" || got.KubernetesVersion != "1.31" || got.Status != platform.ClusterRunning {
		t.Errorf("cluster after refused updates: %+v", got)
	}
}

func TestCluster_DeleteGoesDeletingThenNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ch := f.cluster(tm.ws, tm.owner)
	f.finishOperations()

	wantCode(t, func() error {
		_, err := f.svc.DeleteCluster(f.ctx, tm.member, tm.ws.Slug, ch.Cluster.Name, 0)
		return err
	}(), platform.CodePermissionDenied)
	del, err := f.svc.DeleteCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.Name, 0)
	must(t, err)
	if del.Cluster.Status != platform.ClusterDeleting || del.Operation == nil || del.Operation.Kind != platform.OpClusterDelete {
		t.Fatalf("delete answer: %+v", del)
	}
	if got := f.getCluster(tm.ws, tm.viewer, ch.Cluster.ID); got.Status != platform.ClusterDeleting {
		t.Errorf("status while deleting: %q", got.Status)
	}
	_, err = f.svc.DeleteCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "already being deleted")

	f.finishOperations()
	_, err = f.svc.GetCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID)
	wantCode(t, err, platform.CodeNotFound)
	if op := f.getOperation(tm.owner, del.OperationID); op.Status != platform.OpSucceeded || op.TargetID != ch.Cluster.ID {
		t.Errorf("delete operation: %+v", op)
	}
	if u := f.usage(tm.ws, tm.owner); u.Usage.Clusters != 0 {
		t.Errorf("clusters after delete: %d", u.Usage.Clusters)
	}
}

func TestCluster_DeleteWhileProvisioningCancelsCreate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ch := f.cluster(tm.ws, tm.owner)
	f.advanceUntilIdle() // create operation running
	del, err := f.svc.DeleteCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID, 0)
	must(t, err)
	if op := f.getOperation(tm.owner, ch.OperationID); op.Status != platform.OpFailed || !strings.Contains(op.Error, "cancelled") {
		t.Errorf("create operation after delete: %+v", op)
	}
	f.finishOperations()
	_, err = f.svc.GetCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID)
	wantCode(t, err, platform.CodeNotFound)
	if op := f.getOperation(tm.owner, del.OperationID); op.Status != platform.OpSucceeded {
		t.Errorf("delete operation: %+v", op)
	}
}

func TestCluster_FailLocationEndsFailed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ch, err := f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, f.clusterInput("fail-1"))
	must(t, err)
	f.finishOperations()
	c := f.getCluster(tm.ws, tm.owner, ch.Cluster.ID)
	if c.Status != platform.ClusterFailed || c.Endpoint != "" {
		t.Errorf("cluster in fail-1: status %q endpoint %q", c.Status, c.Endpoint)
	}
	op := f.getOperation(tm.viewer, ch.OperationID)
	if op.Status != platform.OpFailed || op.Error != "provisioning failed: location fail-1 has no capacity" {
		t.Errorf("operation: status %q error %q", op.Status, op.Error)
	}
	// A failed cluster can be deleted.
	_, err = f.svc.DeleteCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID, 0)
	must(t, err)
	f.finishOperations()
	_, err = f.svc.GetCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID)
	wantCode(t, err, platform.CodeNotFound)
}

func TestCluster_OperationsResumeAfterRestart(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	running := f.cluster(tm.ws, tm.owner)
	f.advanceUntilIdle() // its operation is running now
	pending := f.cluster(tm.ws, tm.owner)
	if op := f.getOperation(tm.owner, pending.OperationID); op.Status != platform.OpPending {
		t.Fatalf("second operation: %q, want pending", op.Status)
	}
	oldSvc := f.svc

	f.reopen() // the old service and its store are gone; a new service on the same file
	if f.svc == oldSvc {
		t.Fatal("reopen kept the service")
	}
	f.finishOperations()
	for _, ch := range []*service.ClusterChange{running, pending} {
		c := f.getCluster(tm.ws, tm.owner, ch.Cluster.ID)
		if c.Status != platform.ClusterRunning || c.Endpoint == "" {
			t.Errorf("cluster %s after restart: %+v", c.Name, c)
		}
		if op := f.getOperation(tm.owner, ch.OperationID); op.Status != platform.OpSucceeded {
			t.Errorf("operation %s after restart: %+v", op.ID, op)
		}
	}
	// Everything else survived too.
	if _, err := f.svc.GetWorkspace(f.ctx, tm.viewer, tm.ws.Slug); err != nil {
		t.Errorf("workspace after restart: %v", err)
	}
}

func TestRegion_DeleteWithClustersIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	reg := f.region(tm.ws, tm.owner)
	in := f.clusterInput("eu-central-1")
	in.RegionID = reg.ID
	ch, err := f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, in)
	must(t, err)

	err = f.svc.DeleteRegion(f.ctx, tm.owner, tm.ws.Slug, reg.Name, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "1 cluster")
	if _, err := f.svc.GetRegion(f.ctx, tm.viewer, tm.ws.Slug, reg.ID); err != nil {
		t.Fatalf("region gone after refused delete: %v", err)
	}
	// Detach the cluster, then the region can go.
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID, service.ClusterPatch{RegionID: new("")}, 0)
	must(t, err)
	must(t, f.svc.DeleteRegion(f.ctx, tm.owner, tm.ws.Slug, reg.Name, 0))

	// Clusters refer only to regions and projects of their own workspace.
	other := f.workspace(tm.owner, platform.PlanFree)
	foreignRegion := f.region(other, tm.owner)
	foreignProject := f.project(other, tm.owner)
	in = f.clusterInput("eu-central-1")
	in.RegionID, in.ProjectID = foreignRegion.ID, foreignProject.ID
	_, err = f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, in)
	wantFields(t, err, "region_id", "project_id")
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID, service.ClusterPatch{RegionID: new(foreignRegion.ID)}, 0)
	wantFields(t, err, "region_id")
}

func TestOperation_VisibleOnlyToClusterReaders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ch := f.cluster(tm.ws, tm.owner)
	otherOwner := f.newUser("other-owner")
	_, otherKey := f.apiKey(f.workspace(otherOwner, platform.PlanFree), otherOwner, platform.AccessReadWrite)
	_, ownKey := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)

	for name, who := range map[string]*platform.Principal{"owner": tm.owner, "member": tm.member, "viewer": tm.viewer, "own key": ownKey} {
		if _, err := f.svc.GetOperation(f.ctx, who, ch.OperationID); err != nil {
			t.Errorf("GetOperation as %s: %v", name, err)
		}
	}
	outsider := f.newUser("outsider")
	_, err := f.svc.GetOperation(f.ctx, outsider, ch.OperationID)
	wantCode(t, err, platform.CodeNotFound)
	_, err = f.svc.GetOperation(f.ctx, f.admin, ch.OperationID)
	wantCode(t, err, platform.CodeNotFound)
	_, err = f.svc.GetOperation(f.ctx, otherKey, ch.OperationID)
	wantCode(t, err, platform.CodeNotFound)
	_, err = f.svc.GetOperation(f.ctx, otherOwner, ch.OperationID)
	wantCode(t, err, platform.CodeNotFound)
	_, err = f.svc.GetOperation(f.ctx, tm.owner, "op_doesnotexist0000")
	wantCode(t, err, platform.CodeNotFound)
}

func TestCluster_DeletingProjectDetachesItsClusters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	prj := f.project(tm.ws, tm.owner)
	in := f.clusterInput("eu-central-1")
	in.ProjectID = prj.ID
	ch, err := f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, in)
	must(t, err)
	must(t, f.svc.DeleteProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, 0))
	if c := f.getCluster(tm.ws, tm.owner, ch.Cluster.ID); c.ProjectID != "" {
		t.Errorf("cluster of a deleted project: project_id %q, want empty", c.ProjectID)
	}
}

// TestCluster_DeleteCancelsCreateEvenAmongManyUnfinishedOperations: deleting a cluster must
// cancel its own unfinished create operation however many other operations are unfinished on
// the platform (another busy workspace, a slow cluster delay).
func TestCluster_DeleteCancelsCreateEvenAmongManyUnfinishedOperations(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	busy := f.workspace(tm.owner, platform.PlanEnterprise)
	now := f.svc.Now()
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error {
		for range 500 { // older than ours: another workspace's clusters still provisioning
			c := &platform.Cluster{ID: platform.NewID(platform.PrefixCluster), WorkspaceID: busy.ID}
			op := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: busy.ID, Kind: platform.OpClusterCreate,
				TargetID: c.ID, Status: platform.OpPending, DueAt: now.Add(time.Hour)}
			must(t, op.SetTarget(c))
			op.Stamp(now)
			if err := tx.CreateOperation(op); err != nil {
				return err
			}
		}
		return nil
	}))

	ch := f.cluster(tm.ws, tm.owner)
	_, err := f.svc.DeleteCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID, 0)
	must(t, err)
	op := f.getOperation(tm.owner, ch.OperationID)
	if op.Status != platform.OpFailed || !strings.Contains(op.Error, "cancelled") {
		t.Errorf("create operation of a deleted cluster, with 500 older unfinished operations around: status %q error %q, want failed (cancelled)", op.Status, op.Error)
	}
}

// TestCluster_UpdatingFailedClusterNeverRunsWithoutEndpoint: an update is allowed on a failed
// cluster, but it must not end "running" without an endpoint (the cluster was never
// provisioned); a fail- location keeps failing.
func TestCluster_UpdatingFailedClusterNeverRunsWithoutEndpoint(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ch, err := f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, f.clusterInput("fail-2"))
	must(t, err)
	f.finishOperations()
	if c := f.getCluster(tm.ws, tm.owner, ch.Cluster.ID); c.Status != platform.ClusterFailed {
		t.Fatalf("cluster in fail-2: %q", c.Status)
	}
	up, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ch.Cluster.ID, service.ClusterPatch{KubernetesVersion: new("1.32")}, 0)
	must(t, err)
	f.finishOperations()
	c := f.getCluster(tm.ws, tm.owner, ch.Cluster.ID)
	if c.Status == platform.ClusterRunning && c.Endpoint == "" {
		op := f.getOperation(tm.owner, up.OperationID)
		t.Errorf("a never-provisioned cluster is %q with no endpoint after an update (update operation %s, error %q)", c.Status, op.Status, op.Error)
	}
}

// retiredKubernetesVersion is older than every version in the catalogue: a version the
// platform offered once and has since dropped.
const retiredKubernetesVersion = "1.28"

// storeClusterRunning puts a running cluster straight into the store, as it would be had it
// been created when its Kubernetes version was still offered.
func (f *fixture) storeClusterRunning(ws *platform.Workspace, version string) *platform.Cluster {
	f.tb.Helper()
	c := &platform.Cluster{ID: platform.NewID(platform.PrefixCluster), WorkspaceID: ws.ID, Name: fmt.Sprintf("old-%d", f.seq()),
		Cloud: platform.CloudAWS, Location: "eu-central-1", KubernetesVersion: version, Status: platform.ClusterRunning,
		NodePools: []platform.NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 3}}}
	c.Endpoint = "https://" + c.ID + ".example"
	c.Stamp(f.svc.Now())
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateCluster(c) }))
	return c
}

// TestCluster_RetiredVersionStaysChangeable settles what happens to a cluster whose Kubernetes
// version was removed from the catalogue after it was created: only a new version (create, or
// a change of version) must be in the catalogue, so the cluster can still be renamed, moved to
// another region and have its node pools changed, and a patch that repeats its version is no
// change at all. Upgrading to an offered version works; a new version outside the catalogue and
// a downgrade are still refused.
func TestCluster_RetiredVersionStaysChangeable(t *testing.T) {
	t.Parallel()
	if slices.Contains(platform.KubernetesVersions, retiredKubernetesVersion) ||
		platform.CompareKubernetesVersions(retiredKubernetesVersion, platform.KubernetesVersions[0]) >= 0 {
		t.Fatalf("%s must be older than every offered version %v", retiredKubernetesVersion, platform.KubernetesVersions)
	}
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	old := f.storeClusterRunning(tm.ws, retiredKubernetesVersion)
	ref := old.ID

	// A new cluster cannot take the retired version.
	in := f.clusterInput("eu-central-1")
	in.KubernetesVersion = retiredKubernetesVersion
	_, err := f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, in)
	wantFields(t, err, "kubernetes_version")

	// Repeating the version (a client sending the whole spec) changes nothing and writes nothing.
	same, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{
		Cloud: new(old.Cloud), Location: new(old.Location), KubernetesVersion: new(retiredKubernetesVersion)}, 0)
	must(t, err)
	if same.Operation != nil || same.Cluster.Version != old.Version {
		t.Errorf("repeating the retired version: %+v, want no change (version %d)", same, old.Version)
	}

	// Renamed and regrouped at once, with the version repeated.
	reg := f.region(tm.ws, tm.owner)
	rn, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{
		Name: new("renamed-old"), RegionID: new(reg.ID), KubernetesVersion: new(retiredKubernetesVersion)}, 0)
	must(t, err)
	if rn.Operation != nil || rn.Cluster.Name != "renamed-old" || rn.Cluster.RegionID != reg.ID ||
		rn.Cluster.KubernetesVersion != retiredKubernetesVersion || rn.Cluster.Status != platform.ClusterRunning {
		t.Errorf("rename of a cluster on a retired version: %+v", rn)
	}

	// Node pools change through an operation, on the retired version.
	pools := []platform.NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 5}}
	np, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{NodePools: &pools}, 0)
	must(t, err)
	if np.Operation == nil || np.Cluster.Status != platform.ClusterUpdating {
		t.Errorf("node pool change of a cluster on a retired version: %+v", np)
	}
	f.finishOperations()
	got := f.getCluster(tm.ws, tm.owner, ref)
	if got.Status != platform.ClusterRunning || got.KubernetesVersion != retiredKubernetesVersion || got.NodePools[0].MaxNodes != 5 {
		t.Errorf("cluster after its node pool change: %+v", got)
	}

	// A new version must be offered, and versions only go up.
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{KubernetesVersion: new("1.99")}, 0)
	wantFields(t, err, "kubernetes_version")
	wantCode(t, err, platform.CodeInvalidArgument, "must be one of")
	_, err = f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{KubernetesVersion: new("1.27")}, 0)
	wantCode(t, err, platform.CodeInvalidArgument, "cannot downgrade")
	up, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, service.ClusterPatch{KubernetesVersion: new(platform.KubernetesVersions[0])}, 0)
	must(t, err)
	if up.Operation == nil || up.Cluster.KubernetesVersion != platform.KubernetesVersions[0] {
		t.Errorf("upgrade from a retired version: %+v", up)
	}
}

// TestCluster_EveryPatchFieldIsAChange: UpdateCluster decides "nothing changed" by comparing
// the whole patched cluster with the stored one, so a patch of any field with a new value is a
// change (written, or refused for fields that need a new cluster) and a patch repeating every
// current value is none. The table must name every field of ClusterPatch: a new field fails
// here until the test says how to change it.
func TestCluster_EveryPatchFieldIsAChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	reg := f.region(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	in := f.clusterInput("eu-central-1")
	in.RegionID, in.ProjectID = reg.ID, prj.ID
	ch, err := f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, in)
	must(t, err)
	f.finishOperations()
	ref := ch.Cluster.ID

	const written, refused = "written", "refused"
	otherReg, otherPrj := f.region(tm.ws, tm.owner), f.project(tm.ws, tm.owner)
	changes := map[string]struct {
		patch service.ClusterPatch
		want  string
	}{
		"name":               {service.ClusterPatch{Name: new("another-name")}, written},
		"region_id":          {service.ClusterPatch{RegionID: new(otherReg.ID)}, written},
		"project_id":         {service.ClusterPatch{ProjectID: new(otherPrj.ID)}, written},
		"cloud":              {service.ClusterPatch{Cloud: new(platform.CloudGCP)}, refused},
		"location":           {service.ClusterPatch{Location: new("us-east-1")}, refused},
		"kubernetes_version": {service.ClusterPatch{KubernetesVersion: new("1.32")}, written},
		"node_pools": {service.ClusterPatch{NodePools: &[]platform.NodePool{
			{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 4}}}, written},
	}
	fields := jsonFieldNames(reflect.TypeFor[service.ClusterPatch]())
	for _, name := range fields {
		if _, ok := changes[name]; !ok {
			t.Errorf("service.ClusterPatch field %q has no case in this test: add how to change it", name)
		}
	}
	if t.Failed() {
		return
	}

	for _, name := range fields {
		tc := changes[name]
		before := f.getCluster(tm.ws, tm.owner, ref)
		// The whole current spec repeated (every patch field set to the cluster's value) is no
		// change.
		var whole service.ClusterPatch
		for _, field := range fields {
			cur, ok := jsonField(reflect.ValueOf(before).Elem(), field)
			if !ok {
				t.Fatalf("service.ClusterPatch field %q is not a field of platform.Cluster", field)
			}
			dst, _ := jsonField(reflect.ValueOf(&whole).Elem(), field)
			dst.Set(reflect.New(cur.Type()))
			dst.Elem().Set(cur)
		}
		same, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, whole, 0)
		must(t, err)
		if same.Cluster.Version != before.Version || same.Operation != nil {
			t.Errorf("before %s: repeating the whole spec wrote version %d (was %d)", name, same.Cluster.Version, before.Version)
		}
		after, err := f.svc.UpdateCluster(f.ctx, tm.owner, tm.ws.Slug, ref, tc.patch, 0)
		switch {
		case tc.want == refused:
			wantFields(t, err, name)
		case err != nil:
			t.Errorf("changing %s: %v", name, err)
		case after.Cluster.Version != before.Version+1:
			t.Errorf("changing %s was taken for no change: version %d, want %d", name, after.Cluster.Version, before.Version+1)
		}
		f.finishOperations()
		if tc.want == written {
			// Read back through the store: the new value was applied and stored.
			got, _ := jsonField(reflect.ValueOf(f.getCluster(tm.ws, tm.owner, ref)).Elem(), name)
			want, _ := jsonField(reflect.ValueOf(tc.patch), name)
			if !reflect.DeepEqual(got.Interface(), want.Elem().Interface()) {
				t.Errorf("after changing %s: stored %v, want %v", name, got.Interface(), want.Elem().Interface())
			}
		}
	}
}

// TestCluster_CreateKeepsEveryInputField: every field of ClusterInput reaches the stored
// cluster (the field of platform.Cluster with the same JSON name). The table must name every
// field of ClusterInput, with a value other than the zero value.
func TestCluster_CreateKeepsEveryInputField(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	values := map[string]any{
		"name":               "every-field",
		"region_id":          f.region(tm.ws, tm.owner).ID,
		"project_id":         f.project(tm.ws, tm.owner).ID,
		"cloud":              platform.CloudGCP,
		"location":           "europe-west3",
		"kubernetes_version": "1.32",
		"node_pools": []platform.NodePool{{Name: "system", MachineType: "e2-standard-4", MinNodes: 1, MaxNodes: 3},
			{Name: "work", MachineType: "e2-standard-8", MinNodes: 0, MaxNodes: 9}},
	}
	var in service.ClusterInput
	for _, name := range jsonFieldNames(reflect.TypeFor[service.ClusterInput]()) {
		v, ok := values[name]
		if !ok {
			t.Errorf("service.ClusterInput field %q has no value in this test: add one", name)
			continue
		}
		dst, _ := jsonField(reflect.ValueOf(&in).Elem(), name)
		dst.Set(reflect.ValueOf(v))
	}
	if t.Failed() {
		return
	}
	ch, err := f.svc.CreateCluster(f.ctx, tm.owner, tm.ws.Slug, in)
	must(t, err)
	for what, c := range map[string]*platform.Cluster{"answer": ch.Cluster, "stored": f.getCluster(tm.ws, tm.owner, ch.Cluster.ID)} {
		for name, want := range values {
			got, ok := jsonField(reflect.ValueOf(c).Elem(), name)
			switch {
			case !ok:
				t.Errorf("service.ClusterInput field %q is not a field of platform.Cluster", name)
			case !reflect.DeepEqual(got.Interface(), want):
				t.Errorf("%s cluster: %s = %v, want %v", what, name, got.Interface(), want)
			}
		}
	}
}

// jsonField is the field of struct v whose JSON name is name, embedded structs included.
func jsonField(v reflect.Value, name string) (reflect.Value, bool) {
	for i := range v.NumField() {
		f := v.Type().Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.Anonymous && tag == "" && f.Type.Kind() == reflect.Struct {
			if fv, ok := jsonField(v.Field(i), name); ok {
				return fv, true
			}
			continue
		}
		if f.IsExported() && tag != "-" && cmp.Or(tag, f.Name) == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// jsonFieldNames lists the JSON names of a struct type's fields.
func jsonFieldNames(typ reflect.Type) []string {
	var out []string
	for f := range typ.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "-" && f.IsExported() {
			out = append(out, cmp.Or(name, f.Name))
		}
	}
	return out
}
