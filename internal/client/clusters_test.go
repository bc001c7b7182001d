package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

func pools() []client.NodePool {
	return []client.NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 3}}
}

// TestClusterLifecycle: create -> wait running -> update version -> wait running -> delete ->
// wait deleted, plus the look-ups and lists of clusters and operations on the way.
func TestClusterLifecycle(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro, servertest.WithClusterDelay(100*time.Millisecond))
	c := ctx(t)
	region := must(e.c.Regions.Create(c, "acme", client.RegionCreateOptions{Name: "eu-west"}))(t)
	prj := must(e.c.Projects.Create(c, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)

	cl, opID, err := e.c.Clusters.Create(c, "acme", client.ClusterCreateOptions{
		Name: "prod-eu", RegionID: region.ID, ProjectID: prj.ID, Cloud: client.CloudAWS,
		Location: "eu-central-1", KubernetesVersion: "1.29", NodePools: pools(),
	})
	if err != nil {
		t.Fatal(err)
	}
	if cl.Status != client.ClusterProvisioning || opID == "" || cl.RegionID != region.ID || len(cl.NodePools) != 1 {
		t.Fatalf("created: %+v, op %q", cl, opID)
	}
	op := must(e.c.Operations.Get(c, opID))(t)
	if op.Kind != client.OperationClusterCreate || op.TargetID != cl.ID {
		t.Errorf("operation: %+v", op)
	}
	running := must(e.c.Clusters.WaitForStatus(c, "acme", "prod-eu", client.ClusterRunning))(t)
	if running.Status != client.ClusterRunning || running.ID != cl.ID || running.Endpoint == "" {
		t.Errorf("running: %+v", running)
	}
	if op := must(e.c.Operations.Wait(c, opID))(t); op.Status != client.OperationSucceeded {
		t.Errorf("create operation: %+v", op)
	}
	if got := must(e.c.Clusters.Get(c, "acme", cl.ID))(t); got.Name != "prod-eu" {
		t.Errorf("get by id: %+v", got)
	}
	page := must(e.c.Clusters.List(c, "acme", client.ListOptions{}))(t)
	all := must(client.Collect(e.c.Clusters.All(c, "acme")))(t)
	if len(page.Items) != 1 || len(all) != 1 {
		t.Errorf("list %d, all %d", len(page.Items), len(all))
	}

	_, _, err = e.c.Clusters.Update(c, "acme", "prod-eu", client.ClusterUpdateOptions{KubernetesVersion: client.String("1.30"), IfVersion: cl.Version})
	wantCode(t, err, client.ErrAborted) // it changed since (provisioning -> running)
	upd, updOp, err := e.c.Clusters.Update(c, "acme", "prod-eu", client.ClusterUpdateOptions{KubernetesVersion: client.String("1.30"), IfVersion: running.Version})
	if err != nil {
		t.Fatal(err)
	}
	if upd.Status != client.ClusterUpdating || updOp == "" || upd.KubernetesVersion != "1.30" {
		t.Errorf("update: %+v, op %q", upd, updOp)
	}
	running = must(e.c.Clusters.WaitForStatus(c, "acme", cl.ID, client.ClusterRunning))(t)
	if running.KubernetesVersion != "1.30" {
		t.Errorf("after update: %+v", running)
	}
	renamed, renameOp, err := e.c.Clusters.Update(c, "acme", cl.ID, client.ClusterUpdateOptions{Name: client.String("prod-eu-1")})
	if err != nil || renameOp != "" || renamed.Name != "prod-eu-1" || renamed.Status != client.ClusterRunning {
		t.Errorf("rename is immediate: %+v, op %q, %v", renamed, renameOp, err)
	}

	// Waiting stops at the context's deadline and says what it saw last.
	short, cancel := context.WithTimeout(c, 100*time.Millisecond)
	_, err = e.c.Clusters.WaitForStatus(short, "acme", cl.ID, client.ClusterDeleting)
	cancel()
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), `last status "running"`) {
		t.Errorf("deadline: %v", err)
	}

	// A dry-run delete changes nothing.
	if _, _, err := e.c.Clusters.Delete(client.WithValidateOnly(c), "acme", cl.ID, renamed.Version); err != nil {
		t.Fatalf("dry-run delete: %v", err)
	}
	del, delOp, err := e.c.Clusters.Delete(c, "acme", "prod-eu-1", renamed.Version)
	if err != nil {
		t.Fatal(err)
	}
	if del.Status != client.ClusterDeleting || delOp == "" {
		t.Errorf("delete: %+v, op %q", del, delOp)
	}
	if err := e.c.Clusters.WaitUntilDeleted(c, "acme", cl.ID); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.Clusters.Get(c, "acme", cl.ID)
	wantCode(t, err, client.ErrNotFound)
	if op := must(e.c.Operations.Wait(c, delOp))(t); op.Kind != client.OperationClusterDelete || op.Status != client.OperationSucceeded {
		t.Errorf("delete operation: %+v", op)
	}
}

// TestClusterFailure: a location the server cannot provision makes the operation fail; Wait
// returns *OperationFailedError with the server's message and WaitForStatus reports
// ErrClusterFailed.
func TestClusterFailure(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	c := ctx(t)
	cl, opID, err := e.c.Clusters.Create(c, "acme", client.ClusterCreateOptions{
		Name: "doomed", Cloud: client.CloudHetzner, Location: "fail-1", KubernetesVersion: "1.31", NodePools: pools(),
	})
	if err != nil {
		t.Fatal(err)
	}
	op, err := e.c.Operations.Wait(c, opID)
	var failed *client.OperationFailedError
	if !errors.As(err, &failed) {
		t.Fatalf("Wait: %v, want *OperationFailedError", err)
	}
	if failed.OperationID != opID || failed.TargetID != cl.ID || !strings.Contains(failed.Message, "has no capacity") ||
		!strings.Contains(err.Error(), failed.Message) || op.Status != client.OperationFailed || op.Error != failed.Message {
		t.Errorf("failure: %+v (op %+v)", failed, op)
	}
	got, err := e.c.Clusters.WaitForStatus(c, "acme", "doomed", client.ClusterRunning)
	if !errors.Is(err, client.ErrClusterFailed) || got.Status != client.ClusterFailed {
		t.Errorf("WaitForStatus: %+v, %v", got, err)
	}
	if got, err := e.c.Clusters.WaitForStatus(c, "acme", "doomed", client.ClusterRunning, client.ClusterFailed); err != nil || got.Status != client.ClusterFailed {
		t.Errorf("waiting for failed too: %+v, %v", got, err)
	}
	if _, _, err := e.c.Clusters.Delete(c, "acme", "doomed", 0); err != nil {
		t.Fatal(err)
	}
	if err := e.c.Clusters.WaitUntilDeleted(c, "acme", cl.ID); err != nil {
		t.Fatal(err)
	}
}
