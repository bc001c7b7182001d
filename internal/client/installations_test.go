package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

// seedProduct puts a product of the test workspace and its releases straight into the
// server's store (products have their own endpoints; these tests are about installations).
func (e *env) seedProduct(t testing.TB, slug string, tags ...string) string {
	t.Helper()
	now := time.Now().UTC()
	p := &platform.Product{ID: platform.NewID(platform.PrefixProduct), WorkspaceID: e.ws.ID, Slug: slug, Name: slug,
		Visibility: platform.VisibilityPrivate, Price: platform.DefaultPrice()}
	p.Stamp(now)
	err := e.srv.Server.Store().Update(ctx(t), func(tx platform.Tx) error {
		if err := tx.CreateProduct(p); err != nil {
			return err
		}
		for _, tag := range tags {
			r := &platform.Release{ID: platform.NewID(platform.PrefixRelease), WorkspaceID: e.ws.ID, ProductID: p.ID, Tag: tag,
				Chart: "oci://charts.example.com/" + slug + ":" + tag, Notes: "release " + tag}
			r.Stamp(now)
			if err := tx.CreateRelease(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("seed product: %v", err)
	}
	return p.ID
}

// runningCluster creates a cluster and waits for it to run.
func (e *env) runningCluster(t testing.TB, name string) *client.Cluster {
	t.Helper()
	c := ctx(t)
	_, _, err := e.c.Clusters.Create(c, "acme", client.ClusterCreateOptions{Name: name, Cloud: client.CloudAWS,
		Location: "eu-central-1", KubernetesVersion: "1.31", NodePools: pools()})
	if err != nil {
		t.Fatal(err)
	}
	return must(e.c.Clusters.WaitForStatus(c, "acme", name, client.ClusterRunning))(t)
}

// TestInstallationLifecycle: install -> wait installed -> upgrade -> rollback -> rename ->
// uninstall -> wait gone, with the look-ups, lists, packages and operations on the way.
func TestInstallationLifecycle(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro, servertest.WithClusterDelay(100*time.Millisecond))
	c := ctx(t)
	cl := e.runningCluster(t, "prod-eu")
	prod := e.seedProduct(t, "shop", "1.0.0", "1.1.0")

	inst, opID, err := e.c.Installations.Create(c, "acme", client.InstallationCreateOptions{
		Name: "shop-eu", ClusterID: cl.ID, Source: client.InstallationSource{ProductID: prod, Tag: "1.0.0"},
		Values: map[string]string{"replicas": "2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if inst.Status != client.InstallationInstalling || opID == "" || inst.Namespace != "shop-eu" || inst.Values["replicas"] != "2" ||
		!strings.HasSuffix(inst.RepositoryURL, "/"+e.ws.ID+"/"+inst.ID) {
		t.Fatalf("created: %+v, op %q", inst, opID)
	}
	op := must(e.c.Operations.Get(c, opID))(t)
	if op.Kind != client.OperationInstallationCreate || op.TargetID != inst.ID {
		t.Errorf("operation: %+v", op)
	}
	installed := must(e.c.Installations.WaitForStatus(c, "acme", "shop-eu", client.InstallationInstalled))(t)
	if installed.InstalledTag != "1.0.0" || installed.ID != inst.ID {
		t.Errorf("installed: %+v", installed)
	}
	if op := must(e.c.Operations.Wait(c, opID))(t); op.Status != client.OperationSucceeded {
		t.Errorf("create operation: %+v", op)
	}
	page := must(e.c.Installations.List(c, "acme", client.ListOptions{}))(t)
	all := must(client.Collect(e.c.Installations.All(c, "acme")))(t)
	if len(page.Items) != 1 || len(all) != 1 || all[0].ID != inst.ID {
		t.Errorf("list %d, all %d", len(page.Items), len(all))
	}
	pkgs := must(e.c.Installations.Packages(c, "acme", inst.ID))(t)
	if len(pkgs) != 2 || pkgs[0].Tag != "1.1.0" || pkgs[0].Chart != "oci://charts.example.com/shop:1.1.0" || pkgs[1].Notes != "release 1.0.0" {
		t.Errorf("packages: %+v", pkgs)
	}

	upgrade := client.InstallationUpdateOptions{Source: &client.InstallationSource{Tag: "1.1.0"}, IfVersion: inst.Version}
	_, _, err = e.c.Installations.Update(c, "acme", "shop-eu", upgrade)
	wantCode(t, err, client.ErrAborted) // it changed since (installing -> installed)
	upgrade.IfVersion = installed.Version
	up, upOp, err := e.c.Installations.Update(c, "acme", "shop-eu", upgrade)
	if err != nil {
		t.Fatal(err)
	}
	if up.Status != client.InstallationUpgrading || upOp == "" || up.Source.Tag != "1.1.0" || up.InstalledTag != "1.0.0" {
		t.Errorf("upgrade: %+v, op %q", up, upOp)
	}
	if got := must(e.c.Installations.WaitForStatus(c, "acme", inst.ID, client.InstallationInstalled))(t); got.InstalledTag != "1.1.0" {
		t.Errorf("after upgrade: %+v", got)
	}
	_, _, err = e.c.Installations.Update(c, "acme", inst.ID, client.InstallationUpdateOptions{Source: &client.InstallationSource{Tag: "1.0.0"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := must(e.c.Installations.WaitForStatus(c, "acme", inst.ID, client.InstallationInstalled))(t); got.InstalledTag != "1.0.0" {
		t.Errorf("after rollback: %+v", got)
	}
	renamed, renameOp, err := e.c.Installations.Update(c, "acme", inst.ID, client.InstallationUpdateOptions{Name: client.String("shop-eu-1")})
	if err != nil || renameOp != "" || renamed.Name != "shop-eu-1" || renamed.Status != client.InstallationInstalled {
		t.Errorf("rename is immediate: %+v, op %q, %v", renamed, renameOp, err)
	}
	// Fields that need a new installation are 400 on the field.
	_, _, err = e.c.Installations.Update(c, "acme", inst.ID, client.InstallationUpdateOptions{Namespace: client.String("elsewhere")})
	if apiErr := wantCode(t, err, client.ErrInvalidArgument); len(apiErr.Details) != 1 || apiErr.Details[0].Field != "namespace" {
		t.Errorf("namespace change: %+v", apiErr)
	}
	// The cluster is in use.
	_, _, err = e.c.Clusters.Delete(c, "acme", cl.ID, 0)
	if apiErr := wantCode(t, err, client.ErrFailedPrecondition); !strings.Contains(apiErr.Message, "shop-eu-1") {
		t.Errorf("cluster delete: %v", apiErr)
	}

	// A dry-run delete changes nothing.
	if dry, _, err := e.c.Installations.Delete(client.WithValidateOnly(c), "acme", inst.ID, renamed.Version); err != nil || dry.Status != client.InstallationUninstalling {
		t.Fatalf("dry-run delete: %+v, %v", dry, err)
	}
	del, delOp, err := e.c.Installations.Delete(c, "acme", "shop-eu-1", renamed.Version)
	if err != nil {
		t.Fatal(err)
	}
	if del.Status != client.InstallationUninstalling || delOp == "" {
		t.Errorf("delete: %+v, op %q", del, delOp)
	}
	if err := e.c.Installations.WaitUntilDeleted(c, "acme", inst.ID); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.Installations.Get(c, "acme", inst.ID)
	wantCode(t, err, client.ErrNotFound)
	if op := must(e.c.Operations.Wait(c, delOp))(t); op.Kind != client.OperationInstallationDelete || op.Status != client.OperationSucceeded {
		t.Errorf("delete operation: %+v", op)
	}
}

// TestInstallationFailure: a chart the server cannot pull fails the operation; Wait returns
// *OperationFailedError with the server's message and WaitForStatus reports
// ErrInstallationFailed.
func TestInstallationFailure(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	c := ctx(t)
	cl := e.runningCluster(t, "prod")
	inst, opID, err := e.c.Installations.Create(c, "acme", client.InstallationCreateOptions{
		Name: "doomed", ClusterID: cl.ID, Source: client.InstallationSource{Chart: "oci://charts.example.com/fail-app:1.0.0"},
	})
	if err != nil {
		t.Fatal(err)
	}
	op, err := e.c.Operations.Wait(c, opID)
	var failed *client.OperationFailedError
	if !errors.As(err, &failed) {
		t.Fatalf("Wait: %v, want *OperationFailedError", err)
	}
	if failed.TargetID != inst.ID || failed.Kind != client.OperationInstallationCreate || op.Status != client.OperationFailed ||
		failed.Message != "install failed: chart oci://charts.example.com/fail-app:1.0.0 could not be pulled" {
		t.Errorf("failure: %+v (op %+v)", failed, op)
	}
	got, err := e.c.Installations.WaitForStatus(c, "acme", "doomed", client.InstallationInstalled)
	if !errors.Is(err, client.ErrInstallationFailed) || got.Status != client.InstallationFailed || !strings.Contains(err.Error(), "doomed") {
		t.Errorf("WaitForStatus: %+v, %v", got, err)
	}
	if got, err := e.c.Installations.WaitForStatus(c, "acme", "doomed", client.InstallationInstalled, client.InstallationFailed); err != nil || got.Status != client.InstallationFailed {
		t.Errorf("waiting for failed too: %+v, %v", got, err)
	}
	pkgs := must(e.c.Installations.Packages(c, "acme", "doomed"))(t)
	if len(pkgs) != 1 || pkgs[0].Tag != "" || pkgs[0].Chart != "oci://charts.example.com/fail-app:1.0.0" {
		t.Errorf("packages of a direct install: %+v", pkgs)
	}
	if _, _, err := e.c.Installations.Delete(c, "acme", "doomed", 0); err != nil {
		t.Fatal(err)
	}
	if err := e.c.Installations.WaitUntilDeleted(c, "acme", inst.ID); err != nil {
		t.Fatal(err)
	}
}

// TestNoDuplicateInstallationsUnderFaults: installation creates through a transport that fails
// a third of the attempts (503, 429, and answers lost after the server committed) each succeed
// exactly once: the server holds one installation (and one operation) per create.
func TestNoDuplicateInstallationsUnderFaults(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanEnterprise)
	cl := e.runningCluster(t, "prod")
	prod := e.seedProduct(t, "shop", "1.0.0")
	ft := newFaultyTransport(http.DefaultTransport, randomFaults(14, map[fault]float64{
		answer503: 0.10, answer429: 0.08, dropAfterCommit: 0.15,
	}))
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetries = 12
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)

	const n, workers = 40, 4
	created := make([]*client.Installation, n)
	ops := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				created[i], ops[i], errs[i] = c.Installations.Create(ctx(t), "acme", client.InstallationCreateOptions{
					Name: fmt.Sprintf("inst-%02d", i), ClusterID: cl.ID, Source: client.InstallationSource{ProductID: prod, Tag: "1.0.0"},
				})
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	t.Logf("faults: %s", ft)

	byID := map[string]bool{}
	opIDs := map[string]bool{}
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("create %d failed: %v", i, errs[i])
		}
		byID[created[i].ID], opIDs[ops[i]] = true, true
	}
	if len(byID) != n || len(opIDs) != n {
		t.Fatalf("%d distinct installations and %d operations for %d creates", len(byID), len(opIDs), n)
	}
	listed := must(client.Collect(e.c.Installations.All(ctx(t), "acme")))(t)
	if len(listed) != n {
		t.Fatalf("server holds %d installations, want %d", len(listed), n)
	}
	for _, in := range listed {
		if !byID[in.ID] {
			t.Fatalf("listed installation %s (%s) matches no create", in.ID, in.Name)
		}
	}
	creates := 0
	for ev, err := range e.c.AuditEvents.All(ctx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		if ev.Action == "installation.create" {
			creates++
		}
	}
	if creates != n {
		t.Errorf("audit trail has %d installation.create events, want %d", creates, n)
	}
	if ft.count(dropAfterCommit) == 0 || ft.replays.Load() == 0 {
		t.Errorf("fault injection too weak: %s", ft)
	}
	// Every one of them gets installed.
	for _, id := range ops {
		if op := must(e.c.Operations.Wait(ctx(t), id))(t); op.Kind != client.OperationInstallationCreate {
			t.Errorf("operation %s: %+v", id, op)
		}
	}
}
