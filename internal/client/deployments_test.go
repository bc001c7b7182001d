package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestDeploymentLifecycle: create -> running -> new revisions (update, redeploy) -> stopped ->
// logs -> delete -> gone, with the look-ups, lists and operations on the way.
func TestDeploymentLifecycle(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	c := ctx(t)
	cls := e.runningCluster(t, "prod")
	must(e.c.Projects.Create(c, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)

	d, opID, err := e.c.Deployments.Create(c, "acme", "web", client.DeploymentCreateOptions{
		Name: "frontend", ClusterID: cls.ID, Image: "ghcr.io/acme/frontend:1.0.0", Env: map[string]string{"PORT": "8080"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != client.DeploymentDeploying || d.Revision != 1 || d.Replicas != 1 || opID == "" || d.Env["PORT"] != "8080" ||
		d.Source != nil || !strings.HasPrefix(d.URL, "https://frontend-web-acme.apps.") {
		t.Fatalf("created: %+v, op %q", d, opID)
	}
	if op := must(e.c.Operations.Get(c, opID))(t); op.Kind != client.OperationDeploymentCreate || op.TargetID != d.ID {
		t.Errorf("operation: %+v", op)
	}
	running := must(e.c.Deployments.WaitForStatus(c, "acme", "web", "frontend", client.DeploymentRunning, client.DeploymentStopped))(t)
	if running.Status != client.DeploymentRunning || running.ID != d.ID {
		t.Errorf("running: %+v", running)
	}
	if got := must(e.c.Deployments.Get(c, "acme", "web", d.ID))(t); got.Name != "frontend" {
		t.Errorf("get by id: %+v", got)
	}
	page := must(e.c.Deployments.List(c, "acme", "web", client.ListOptions{}))(t)
	all := must(client.Collect(e.c.Deployments.All(c, "acme", "web")))(t)
	if len(page.Items) != 1 || len(all) != 1 {
		t.Errorf("list %d, all %d", len(page.Items), len(all))
	}

	// A new image: a new revision, refused on a stale version.
	_, _, err = e.c.Deployments.Update(c, "acme", "web", "frontend", client.DeploymentUpdateOptions{Image: client.String("ghcr.io/acme/frontend:1.1.0"), IfVersion: d.Version})
	wantCode(t, err, client.ErrAborted)
	upd, updOp, err := e.c.Deployments.Update(c, "acme", "web", "frontend", client.DeploymentUpdateOptions{
		Image: client.String("ghcr.io/acme/frontend:1.1.0"), IfVersion: running.Version})
	if err != nil {
		t.Fatal(err)
	}
	if upd.Status != client.DeploymentDeploying || upd.Revision != 2 || updOp == "" {
		t.Errorf("update: %+v, op %q", upd, updOp)
	}
	if op := must(e.c.Operations.Wait(c, updOp))(t); op.Kind != client.OperationDeploymentUpdate || op.Status != client.OperationSucceeded {
		t.Errorf("update operation: %+v", op)
	}
	// A new name alone is immediate; cluster_id cannot change.
	renamed, renameOp, err := e.c.Deployments.Update(c, "acme", "web", d.ID, client.DeploymentUpdateOptions{Name: client.String("site")})
	if err != nil || renameOp != "" || renamed.Name != "site" || renamed.Revision != 2 {
		t.Errorf("rename: %+v, op %q, %v", renamed, renameOp, err)
	}
	other := e.runningCluster(t, "other")
	_, _, err = e.c.Deployments.Update(c, "acme", "web", "site", client.DeploymentUpdateOptions{ClusterID: client.String(other.ID)})
	if apiErr := wantCode(t, err, client.ErrInvalidArgument); len(apiErr.Details) != 1 || apiErr.Details[0].Field != "cluster_id" {
		t.Errorf("cluster change: %+v", apiErr)
	}
	// Zero replicas stop it; a redeploy makes another revision.
	_, _, err = e.c.Deployments.Update(c, "acme", "web", "site", client.DeploymentUpdateOptions{Replicas: client.Ptr(0)})
	if err != nil {
		t.Fatal(err)
	}
	stopped := must(e.c.Deployments.WaitForStatus(c, "acme", "web", "site", client.DeploymentRunning, client.DeploymentStopped))(t)
	if stopped.Status != client.DeploymentStopped || stopped.Revision != 3 {
		t.Errorf("stopped: %+v", stopped)
	}
	rd, rdOp, err := e.c.Deployments.Redeploy(c, "acme", "web", "site")
	if err != nil || rd.Revision != 4 || rdOp == "" {
		t.Fatalf("redeploy: %+v, op %q, %v", rd, rdOp, err)
	}
	if op := must(e.c.Operations.Wait(c, rdOp))(t); op.Kind != client.OperationDeploymentRedeploy {
		t.Errorf("redeploy operation: %+v", op)
	}

	lines := must(e.c.Deployments.Logs(c, "acme", "web", "site", client.DeploymentLogsOptions{}))(t)
	if len(lines) != 8 || lines[0].Revision != 1 || lines[0].Message != "revision 1: deploying ghcr.io/acme/frontend:1.0.0 with 1 replica" ||
		lines[7].Message != "revision 4: stopped (0 replicas)" {
		t.Fatalf("logs: %+v", lines)
	}
	two := must(e.c.Deployments.Logs(c, "acme", "web", "site", client.DeploymentLogsOptions{Limit: 2}))(t)
	since := must(e.c.Deployments.Logs(c, "acme", "web", "site", client.DeploymentLogsOptions{Since: lines[6].At}))(t)
	if len(two) != 2 || len(since) == 0 || len(since) > 3 || since[len(since)-1] != lines[7] {
		t.Errorf("limit 2: %+v; since: %+v", two, since)
	}
	_, err = e.c.Deployments.Logs(c, "acme", "web", "site", client.DeploymentLogsOptions{Limit: 5000})
	wantCode(t, err, client.ErrInvalidArgument)

	// A dry-run delete changes nothing; the real one goes deleting, then gone.
	cur := must(e.c.Deployments.Get(c, "acme", "web", "site"))(t)
	if _, _, err := e.c.Deployments.Delete(client.WithValidateOnly(c), "acme", "web", "site", cur.Version); err != nil {
		t.Fatalf("dry-run delete: %v", err)
	}
	del, delOp, err := e.c.Deployments.Delete(c, "acme", "web", "site", cur.Version)
	if err != nil {
		t.Fatal(err)
	}
	if del.Status != client.DeploymentDeleting || delOp == "" {
		t.Errorf("delete: %+v, op %q", del, delOp)
	}
	if err := e.c.Deployments.WaitUntilDeleted(c, "acme", "web", d.ID); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.Deployments.Get(c, "acme", "web", d.ID)
	wantCode(t, err, client.ErrNotFound)
	if op := must(e.c.Operations.Wait(c, delOp))(t); op.Kind != client.OperationDeploymentDelete || op.Status != client.OperationSucceeded {
		t.Errorf("delete operation: %+v", op)
	}
	// An empty reference is refused before any request.
	if _, err := e.c.Deployments.Get(c, "acme", "web", ""); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("empty reference: %v", err)
	}
}

// TestDeploymentFailure: an image the server cannot pull fails the revision: Wait returns
// *OperationFailedError with the server's message, WaitForStatus reports ErrDeploymentFailed.
func TestDeploymentFailure(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	c := ctx(t)
	cls := e.runningCluster(t, "prod")
	must(e.c.Projects.Create(c, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	d, opID, err := e.c.Deployments.Create(c, "acme", "web", client.DeploymentCreateOptions{
		Name: "doomed", ClusterID: cls.ID, Image: "ghcr.io/acme/app:fail-1"})
	if err != nil {
		t.Fatal(err)
	}
	op, err := e.c.Operations.Wait(c, opID)
	var failed *client.OperationFailedError
	if !errors.As(err, &failed) || failed.TargetID != d.ID || op.Status != client.OperationFailed ||
		failed.Message != "revision 1 failed: image ghcr.io/acme/app:fail-1 could not be pulled" {
		t.Fatalf("Wait: %+v, %v", op, err)
	}
	got, err := e.c.Deployments.WaitForStatus(c, "acme", "web", "doomed", client.DeploymentRunning)
	if !errors.Is(err, client.ErrDeploymentFailed) || got.Status != client.DeploymentFailed {
		t.Errorf("WaitForStatus: %+v, %v", got, err)
	}
	if got, err := e.c.Deployments.WaitForStatus(c, "acme", "web", "doomed", client.DeploymentRunning, client.DeploymentFailed); err != nil || got.Status != client.DeploymentFailed {
		t.Errorf("WaitForStatus with failed awaited: %+v, %v", got, err)
	}
	if _, err := e.c.Deployments.WaitForStatus(c, "acme", "web", "doomed"); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("WaitForStatus without a status: %v", err)
	}
	// Waiting stops at the context's deadline and says what it saw last.
	short, cancel := context.WithTimeout(c, 50*time.Millisecond)
	defer cancel()
	if err := e.c.Deployments.WaitUntilDeleted(short, "acme", "web", "doomed"); !errors.Is(err, context.DeadlineExceeded) ||
		!strings.Contains(err.Error(), `last status "failed"`) {
		t.Errorf("deadline: %v", err)
	}
}

// TestNoDuplicateDeploymentsUnderFaults: deployment creates and redeploys through a transport
// that fails a third of the attempts (503, 429, answers lost after the server committed). Every
// create lands exactly once, and every redeploy makes exactly one revision.
func TestNoDuplicateDeploymentsUnderFaults(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanEnterprise)
	cls := e.runningCluster(t, "prod")
	must(e.c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	ft := newFaultyTransport(http.DefaultTransport, randomFaults(7, map[fault]float64{
		answer503: 0.10, answer429: 0.08, dropAfterCommit: 0.15,
	}, http.MethodPost))
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetries = 12
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)

	const n, redeploys, workers = 30, 3, 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				name := fmt.Sprintf("app-%02d", i)
				_, _, err := c.Deployments.Create(ctx(t), "acme", "web", client.DeploymentCreateOptions{
					Name: name, ClusterID: cls.ID, Image: "ghcr.io/acme/app:1.0.0"})
				for r := 0; err == nil && r < redeploys; r++ {
					_, _, err = c.Deployments.Redeploy(ctx(t), "acme", "web", name)
				}
				errs[i] = err
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	t.Logf("faults: %s", ft)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("deployment %d: %v", i, err)
		}
	}

	listed := must(client.Collect(e.c.Deployments.All(ctx(t), "acme", "web")))(t)
	if len(listed) != n {
		t.Fatalf("server holds %d deployments, want %d", len(listed), n)
	}
	for _, d := range listed {
		if d.Revision != 1+redeploys {
			t.Errorf("%s: revision %d, want %d (a retried redeploy ran twice?)", d.Name, d.Revision, 1+redeploys)
		}
	}
	counts := map[string]int{}
	for ev, err := range e.c.AuditEvents.All(ctx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		counts[ev.Action]++
	}
	if counts["deployment.create"] != n || counts["deployment.redeploy"] != n*redeploys {
		t.Errorf("audit trail: %d creates, %d redeploys; want %d and %d", counts["deployment.create"], counts["deployment.redeploy"], n, n*redeploys)
	}
	if ft.count(dropAfterCommit) == 0 || ft.replays.Load() == 0 {
		t.Errorf("fault injection too weak: %s", ft)
	}
}

// TestServertestGitHubPush: the in-process server verifies GitHub deliveries signed with its
// secret (servertest.Instance.GitHubPush), which the provider's tests use to simulate pushes.
func TestServertestGitHubPush(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	status, body := e.srv.GitHubPush(t, "delivery-1", 12345, "acme/web", "main", strings.Repeat("c", 40))
	if status != http.StatusAccepted || strings.TrimSpace(string(body)) != `{"deployments":0}` {
		t.Errorf("push through an unknown installation: %d %s", status, body)
	}
	e.srv.GitHubWebhookSecret = "not-the-secret"
	if status, body := e.srv.GitHubPush(t, "delivery-2", 12345, "acme/web", "main", strings.Repeat("c", 40)); status != http.StatusUnauthorized {
		t.Errorf("push signed with another secret: %d %s", status, body)
	}
}
