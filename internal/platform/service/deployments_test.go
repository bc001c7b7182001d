package service_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Deployments (docs/platform.md section 11). Secrets and GitHub App installations are seeded
// straight into the store: their own use cases are tested with them.

// runningCluster creates a cluster as by and runs the operations until it is running.
func (f *fixture) runningCluster(ws *platform.Workspace, by *platform.Principal) *platform.Cluster {
	f.tb.Helper()
	ch := f.cluster(ws, by)
	f.finishOperations()
	c := f.getCluster(ws, by, ch.Cluster.ID)
	if c.Status != platform.ClusterRunning {
		f.tb.Fatalf("cluster %s is %s, want running", c.Name, c.Status)
	}
	return c
}

// storeSecret puts a secret with value straight into the store. The value is kept as is in
// SealedValue (the deployments' code must never read it), so a test can look for it.
func (f *fixture) storeSecret(ws *platform.Workspace, name, value string) *platform.Secret {
	f.tb.Helper()
	s := &platform.Secret{ID: platform.NewID(platform.PrefixSecret), WorkspaceID: ws.ID, Name: name, ValueVersion: 1,
		ValueUpdatedAt: f.svc.Now(), SealedValue: []byte(value)}
	s.Stamp(f.svc.Now())
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateSecret(s) }))
	return s
}

// storeGitHubInstallation connects ws to GitHub's installation githubID, with access to repos
// (every repository when none).
func (f *fixture) storeGitHubInstallation(ws *platform.Workspace, githubID int64, status string, repos ...string) *platform.GitHubInstallation {
	f.tb.Helper()
	g := &platform.GitHubInstallation{ID: platform.NewID(platform.PrefixGitHubInstallation), WorkspaceID: ws.ID,
		InstallationID: githubID, AccountLogin: "acme", AccountType: platform.GitHubAccountOrganization,
		RepositorySelection: platform.RepositorySelectionAll, Repositories: []string{}, Status: status}
	if len(repos) > 0 {
		g.RepositorySelection, g.Repositories = platform.RepositorySelectionSelected, repos
	}
	g.Stamp(f.svc.Now())
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateGitHubInstallation(g) }))
	return g
}

// setGitHubInstallationStatus suspends or restores a connection, as the administrator would.
func (f *fixture) setGitHubInstallationStatus(g *platform.GitHubInstallation, status string) {
	f.tb.Helper()
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error {
		cur, err := tx.GetGitHubInstallation(g.WorkspaceID, g.ID)
		if err != nil {
			return err
		}
		cur.Status = status
		cur.Touch(f.svc.Now())
		return tx.UpdateGitHubInstallation(cur)
	}))
}

// depInput is a valid deployment on cluster with a fresh name.
func (f *fixture) depInput(cluster *platform.Cluster) service.DeploymentInput {
	return service.DeploymentInput{Name: fmt.Sprintf("app-%d", f.seq()), ClusterID: cluster.ID, Image: "ghcr.io/acme/web:1.0.0"}
}

// deploy creates a deployment as by and runs it.
func (f *fixture) deploy(ws *platform.Workspace, prj *platform.Project, by *platform.Principal, in service.DeploymentInput) *platform.Deployment {
	f.tb.Helper()
	ch, err := f.svc.CreateDeployment(f.ctx, by, ws.Slug, prj.Slug, in)
	must(f.tb, err)
	f.finishOperations()
	return f.getDeployment(ws, prj, by, ch.Deployment.ID)
}

func (f *fixture) getDeployment(ws *platform.Workspace, prj *platform.Project, caller *platform.Principal, ref string) *platform.Deployment {
	f.tb.Helper()
	d, err := f.svc.GetDeployment(f.ctx, caller, ws.Slug, prj.Slug, ref)
	must(f.tb, err)
	return d
}

// logMessages reads every log line of a deployment.
func (f *fixture) logMessages(ws *platform.Workspace, prj *platform.Project, caller *platform.Principal, ref string) []string {
	f.tb.Helper()
	logs, err := f.svc.DeploymentLogs(f.ctx, caller, ws.Slug, prj.Slug, ref, service.LogsOptions{Limit: platform.MaxLogLines})
	must(f.tb, err)
	out := make([]string, len(logs.Lines))
	for i, l := range logs.Lines {
		out[i] = l.Message
	}
	return out
}

// actions lists the audit actions of ws about target, in order, as "actor action".
func (f *fixture) actorActions(ws *platform.Workspace, target string) []string {
	f.tb.Helper()
	var out []string
	for _, e := range f.storedAuditEvents(ws.ID) {
		if e.Target == target {
			out = append(out, e.Actor+" "+e.Action)
		}
	}
	return out
}

func TestDeployment_CreateDeploysThenRuns(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	in := f.depInput(cls)
	in.Env = map[string]string{"LOG_LEVEL": "debug"}

	ch, err := f.svc.CreateDeployment(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, in)
	must(t, err)
	d, op := ch.Deployment, ch.Operation
	wantURL := fmt.Sprintf("https://%s-%s-%s.apps.localhost", in.Name, prj.Slug, tm.ws.Slug)
	if d.Status != platform.DeploymentDeploying || d.Revision != 1 || d.Replicas != 1 || d.URL != wantURL ||
		d.ProjectID != prj.ID || d.WorkspaceID != tm.ws.ID || d.CommitSHA != "" || d.Source != nil ||
		!strings.HasPrefix(d.ID, platform.PrefixDeployment) || len(d.Secrets) != 0 || d.Env["LOG_LEVEL"] != "debug" {
		t.Errorf("created deployment: %+v", d)
	}
	if op == nil || ch.OperationID != op.ID || op.Kind != platform.OpDeploymentCreate || op.TargetID != d.ID || op.Status != platform.OpPending {
		t.Fatalf("create operation: %+v (id %q)", op, ch.OperationID)
	}
	f.advanceUntilIdle()
	if got := f.getDeployment(tm.ws, prj, tm.owner, d.Name); got.Status != platform.DeploymentDeploying {
		t.Errorf("before the delay: %q", got.Status)
	}
	f.finishOperations()
	got := f.getDeployment(tm.ws, prj, tm.owner, d.ID)
	if got.Status != platform.DeploymentRunning || got.Revision != 1 || got.URL != wantURL || got.Version != d.Version+1 {
		t.Errorf("after the delay: %+v", got)
	}
	if done := f.getOperation(tm.owner, op.ID); done.Status != platform.OpSucceeded || done.Error != "" {
		t.Errorf("finished operation: %+v", done)
	}
	wantLog := []string{"revision 1: deploying ghcr.io/acme/web:1.0.0 with 1 replica", "revision 1: running"}
	if msgs := f.logMessages(tm.ws, prj, tm.owner, d.Name); !slices.Equal(msgs, wantLog) {
		t.Errorf("log: %q, want %q", msgs, wantLog)
	}
	if acts := f.actorActions(tm.ws, d.ID); !slices.Equal(acts, []string{tm.admin.UserID + " deployment.create", "system deployment.running"}) {
		t.Errorf("audit: %q", acts)
	}
	_, err = f.svc.ListDeployments(f.ctx, tm.viewer, tm.ws.Slug, prj.ID, service.ListOptions{})
	wantCode(t, err, platform.CodeNotFound) // the viewer does not see the project
	list, err := f.svc.ListDeployments(f.ctx, tm.owner, tm.ws.Slug, prj.ID, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 1 || list.Items[0].ID != d.ID {
		t.Errorf("list: %+v", list.Items)
	}

	// Names are unique in the project, not across projects.
	_, err = f.svc.CreateDeployment(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, in)
	wantCode(t, err, platform.CodeAlreadyExists)
	other := f.project(tm.ws, tm.owner)
	_, err = f.svc.CreateDeployment(f.ctx, tm.admin, tm.ws.Slug, other.Slug, in)
	must(t, err)
	// A deployment is found only in its own project, by id as by name.
	_, err = f.svc.GetDeployment(f.ctx, tm.owner, tm.ws.Slug, other.Slug, d.ID)
	wantCode(t, err, platform.CodeNotFound)
}

func TestDeployment_CreateRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	f.storeSecret(tm.ws, "DB_PASSWORD", "hunter2")
	create := func(mod func(*service.DeploymentInput)) error {
		in := f.depInput(cls)
		mod(&in)
		_, err := f.svc.CreateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, in)
		return err
	}

	t.Run("own fields", func(t *testing.T) {
		err := create(func(in *service.DeploymentInput) {
			in.Name, in.Image, in.Replicas = "Bad Name", "not an image", new(101)
			in.Env = map[string]string{"lower": "x"}
		})
		wantFields(t, err, "name", "image", "replicas", "env")
		wantFields(t, create(func(in *service.DeploymentInput) { in.Replicas = new(-1) }), "replicas")
		wantFields(t, create(func(in *service.DeploymentInput) { in.ClusterID = "" }), "cluster_id")
		wantFields(t, create(func(in *service.DeploymentInput) { in.Secrets = []string{"DB_PASSWORD", "DB_PASSWORD"} }), "secrets[1]")
		wantFields(t, create(func(in *service.DeploymentInput) {
			in.Source = &platform.DeploymentSource{Repository: "acme", Branch: ""}
		}), "source.github_installation_id", "source.repository", "source.branch")
		must(t, create(func(in *service.DeploymentInput) {
			in.Image = "registry.example.com:5000/team/api@sha256:" + strings.Repeat("ab", 32)
			in.Replicas = new(0)
		}))
	})

	t.Run("cluster", func(t *testing.T) {
		// Another workspace's cluster is not found on the field, like a missing one.
		otherWS := f.workspace(tm.owner, platform.PlanPro)
		foreign := f.runningCluster(otherWS, tm.owner)
		wantFields(t, create(func(in *service.DeploymentInput) { in.ClusterID = foreign.ID }), "cluster_id")
		wantFields(t, create(func(in *service.DeploymentInput) { in.ClusterID = platform.NewID(platform.PrefixCluster) }), "cluster_id")
		// A cluster that is not running: 409.
		provisioning := f.cluster(tm.ws, tm.owner).Cluster
		err := create(func(in *service.DeploymentInput) { in.ClusterID = provisioning.ID })
		wantCode(t, err, platform.CodeFailedPrecondition, provisioning.Name, "provisioning")
	})

	t.Run("secrets must exist", func(t *testing.T) {
		err := create(func(in *service.DeploymentInput) { in.Secrets = []string{"DB_PASSWORD", "API_TOKEN"} })
		wantFields(t, err, "secrets[1]")
		must(t, create(func(in *service.DeploymentInput) { in.Secrets = []string{"DB_PASSWORD"} }))
	})

	t.Run("source", func(t *testing.T) {
		all := f.storeGitHubInstallation(tm.ws, 1001, platform.GitHubActive)
		selected := f.storeGitHubInstallation(tm.ws, 1002, platform.GitHubActive, "acme/web")
		suspended := f.storeGitHubInstallation(tm.ws, 1003, platform.GitHubSuspended)
		otherWS := f.workspace(tm.owner, platform.PlanPro)
		foreign := f.storeGitHubInstallation(otherWS, 1004, platform.GitHubActive)
		src := func(g *platform.GitHubInstallation, repo string) func(*service.DeploymentInput) {
			return func(in *service.DeploymentInput) {
				in.Source = &platform.DeploymentSource{GitHubInstallationID: g.ID, Repository: repo, Branch: "main"}
			}
		}
		must(t, create(src(all, "acme/anything")))
		must(t, create(src(selected, "acme/web")))
		wantCode(t, create(src(selected, "acme/api")), platform.CodeFailedPrecondition, "cannot access repository acme/api")
		wantCode(t, create(src(suspended, "acme/web")), platform.CodeFailedPrecondition, "suspended")
		wantFields(t, create(src(foreign, "acme/web")), "source.github_installation_id")
	})

	t.Run("quota", func(t *testing.T) {
		free := f.team(platform.PlanFree)
		fc := f.runningCluster(free.ws, free.owner)
		fp := f.project(free.ws, free.owner)
		for range 5 {
			_, err := f.svc.CreateDeployment(f.ctx, free.owner, free.ws.Slug, fp.Slug, f.depInput(fc))
			must(t, err)
		}
		_, err := f.svc.CreateDeployment(f.ctx, free.owner, free.ws.Slug, fp.Slug, f.depInput(fc))
		wantCode(t, err, platform.CodeQuotaExceeded, "free", "5")
	})
}

// TestDeployment_EveryPatchFieldIsAChange: a patch of any field with a new value is a change
// (a new revision, a rename, or refused for cluster_id), and a patch repeating every current
// value is none. The table must name every field of DeploymentPatch.
func TestDeployment_EveryPatchFieldIsAChange(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	f.storeSecret(tm.ws, "DB_PASSWORD", "x")
	f.storeSecret(tm.ws, "API_TOKEN", "y")
	g := f.storeGitHubInstallation(tm.ws, 77, platform.GitHubActive)
	in := f.depInput(cls)
	in.Secrets = []string{"DB_PASSWORD"}
	in.Env = map[string]string{"A": "1"}
	in.Source = &platform.DeploymentSource{GitHubInstallationID: g.ID, Repository: "acme/web", Branch: "main"}
	d := f.deploy(tm.ws, prj, tm.owner, in)
	ref := d.ID

	const revision, immediate, refused = "revision", "immediate", "refused"
	changes := map[string]struct {
		patch service.DeploymentPatch
		want  string
	}{
		"name":       {service.DeploymentPatch{Name: new("renamed")}, immediate},
		"cluster_id": {service.DeploymentPatch{ClusterID: new(f.runningCluster(tm.ws, tm.owner).ID)}, refused},
		"image":      {service.DeploymentPatch{Image: new("ghcr.io/acme/web:2.0.0")}, revision},
		"replicas":   {service.DeploymentPatch{Replicas: new(3)}, revision},
		"env":        {service.DeploymentPatch{Env: &map[string]string{"A": "2"}}, revision},
		"secrets":    {service.DeploymentPatch{Secrets: &[]string{"DB_PASSWORD", "API_TOKEN"}}, revision},
		"source": {service.DeploymentPatch{Source: &platform.DeploymentSource{GitHubInstallationID: g.ID,
			Repository: "acme/web", Branch: "release"}}, revision},
	}
	fields := jsonFieldNames(reflect.TypeFor[service.DeploymentPatch]())
	for _, name := range fields {
		if _, ok := changes[name]; !ok {
			t.Errorf("service.DeploymentPatch field %q has no case in this test: add how to change it", name)
		}
	}
	if t.Failed() {
		return
	}
	for _, name := range fields {
		tc := changes[name]
		before := f.getDeployment(tm.ws, prj, tm.owner, ref)
		var whole service.DeploymentPatch
		for _, field := range fields {
			cur, ok := jsonField(reflect.ValueOf(before).Elem(), field)
			if !ok {
				t.Fatalf("service.DeploymentPatch field %q is not a field of platform.Deployment", field)
			}
			dst, _ := jsonField(reflect.ValueOf(&whole).Elem(), field)
			if cur.Kind() == reflect.Pointer {
				dst.Set(cur)
				continue
			}
			dst.Set(reflect.New(cur.Type()))
			dst.Elem().Set(cur)
		}
		same, err := f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, ref, whole, 0)
		must(t, err)
		if same.Deployment.Version != before.Version || same.Operation != nil {
			t.Errorf("before %s: repeating the whole spec wrote version %d (was %d)", name, same.Deployment.Version, before.Version)
		}
		after, err := f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, ref, tc.patch, 0)
		switch {
		case tc.want == refused:
			wantFields(t, err, name)
			if err != nil && !strings.Contains(err.Error(), "cannot be changed") {
				t.Errorf("changing %s: %v", name, err)
			}
			continue
		case err != nil:
			t.Fatalf("changing %s: %v", name, err)
		case after.Deployment.Version != before.Version+1:
			t.Errorf("changing %s: version %d, want %d", name, after.Deployment.Version, before.Version+1)
		case tc.want == immediate && (after.Operation != nil || after.Deployment.Revision != before.Revision || after.Deployment.Status != before.Status):
			t.Errorf("changing %s made a revision: %+v", name, after)
		case tc.want == revision && (after.Operation == nil || after.OperationID != after.Operation.ID ||
			after.Operation.Kind != platform.OpDeploymentUpdate || after.Deployment.Revision != before.Revision+1 ||
			after.Deployment.Status != platform.DeploymentDeploying):
			t.Errorf("changing %s: %+v, want revision %d deploying", name, after, before.Revision+1)
		}
		f.finishOperations()
		got := f.getDeployment(tm.ws, prj, tm.owner, ref)
		if got.Status != platform.DeploymentRunning || got.URL != d.URL {
			t.Errorf("after changing %s: %+v", name, got)
		}
		gotField, _ := jsonField(reflect.ValueOf(got).Elem(), name)
		want, _ := jsonField(reflect.ValueOf(tc.patch), name)
		if !reflect.DeepEqual(gotField.Interface(), want.Elem().Interface()) && !reflect.DeepEqual(gotField.Interface(), want.Interface()) {
			t.Errorf("after changing %s: stored %v, want %v", name, gotField.Interface(), want.Elem().Interface())
		}
	}

	// An empty source removes it; replicas 0 stops the deployment.
	ch, err := f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, ref,
		service.DeploymentPatch{Source: &platform.DeploymentSource{}, Replicas: new(0)}, 0)
	must(t, err)
	if ch.Deployment.Source != nil || ch.Operation == nil {
		t.Errorf("removing the source: %+v", ch.Deployment)
	}
	f.finishOperations()
	if got := f.getDeployment(tm.ws, prj, tm.owner, ref); got.Status != platform.DeploymentStopped || got.Source != nil {
		t.Errorf("with 0 replicas: %+v", got)
	}
	// The same cluster again is no change.
	ch, err = f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, ref, service.DeploymentPatch{ClusterID: new(cls.ID)}, 0)
	must(t, err)
	if ch.Operation != nil {
		t.Errorf("same cluster_id: %+v", ch)
	}
	// A stale If-Match is refused.
	_, err = f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, ref, service.DeploymentPatch{Replicas: new(2)}, 1)
	wantCode(t, err, platform.CodeAborted)
}

func TestDeployment_PatchChecksWhatChanges(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	g := f.storeGitHubInstallation(tm.ws, 88, platform.GitHubActive, "acme/web")
	in := f.depInput(cls)
	in.Source = &platform.DeploymentSource{GitHubInstallationID: g.ID, Repository: "acme/web", Branch: "main"}
	d := f.deploy(tm.ws, prj, tm.owner, in)
	patch := func(p service.DeploymentPatch) error {
		_, err := f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, p, 0)
		return err
	}
	wantFields(t, patch(service.DeploymentPatch{Secrets: &[]string{"MISSING"}}), "secrets[0]")
	wantFields(t, patch(service.DeploymentPatch{Image: new("UPPER/case")}), "image")
	wantCode(t, patch(service.DeploymentPatch{Source: &platform.DeploymentSource{GitHubInstallationID: g.ID,
		Repository: "acme/other", Branch: "main"}}), platform.CodeFailedPrecondition, "cannot access")
	// A suspended connection does not stop changes that keep the source.
	f.setGitHubInstallationStatus(g, platform.GitHubSuspended)
	must(t, patch(service.DeploymentPatch{Image: new("ghcr.io/acme/web:1.1.0")}))
	wantCode(t, patch(service.DeploymentPatch{Source: &platform.DeploymentSource{GitHubInstallationID: g.ID,
		Repository: "acme/web", Branch: "dev"}}), platform.CodeFailedPrecondition, "suspended")
	// A rename to a taken name.
	other := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls))
	wantCode(t, patch(service.DeploymentPatch{Name: new(other.Name)}), platform.CodeAlreadyExists)
}

func TestDeployment_RedeployAndSupersededRevisions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	d := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls))

	r2, err := f.svc.RedeployDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name)
	must(t, err)
	if r2.Deployment.Revision != 2 || r2.Deployment.Status != platform.DeploymentDeploying || r2.Operation == nil ||
		r2.Operation.Kind != platform.OpDeploymentRedeploy || r2.Deployment.Image != d.Image {
		t.Fatalf("redeploy: %+v %+v", r2.Deployment, r2.Operation)
	}
	// A new revision while revision 2 still deploys supersedes it.
	r3, err := f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.ID, service.DeploymentPatch{Replicas: new(2)}, 0)
	must(t, err)
	if r3.Deployment.Revision != 3 {
		t.Fatalf("update: revision %d", r3.Deployment.Revision)
	}
	if op := f.getOperation(tm.owner, r2.OperationID); op.Status != platform.OpFailed || op.Error != "superseded by revision 3" {
		t.Errorf("superseded operation: %+v", op)
	}
	f.finishOperations()
	got := f.getDeployment(tm.ws, prj, tm.owner, d.ID)
	if got.Status != platform.DeploymentRunning || got.Revision != 3 || got.Replicas != 2 {
		t.Errorf("after revision 3: %+v", got)
	}
	if op := f.getOperation(tm.owner, r3.OperationID); op.Status != platform.OpSucceeded {
		t.Errorf("revision 3's operation: %+v", op)
	}
	want := []string{
		"revision 1: deploying ghcr.io/acme/web:1.0.0 with 1 replica", "revision 1: running",
		"revision 2: deploying ghcr.io/acme/web:1.0.0 with 1 replica", "revision 2: superseded by revision 3",
		"revision 3: deploying ghcr.io/acme/web:1.0.0 with 2 replicas", "revision 3: running",
	}
	if msgs := f.logMessages(tm.ws, prj, tm.viewerOf(f, prj), d.Name); !slices.Equal(msgs, want) {
		t.Errorf("log:\n%q\nwant\n%q", msgs, want)
	}
	acts := f.actorActions(tm.ws, d.ID)
	wantActs := []string{tm.owner.UserID + " deployment.create", "system deployment.running", tm.owner.UserID + " deployment.redeploy",
		tm.owner.UserID + " deployment.update", "system deployment.running"}
	if !slices.Equal(acts, wantActs) {
		t.Errorf("audit: %q, want %q", acts, wantActs)
	}
}

// viewerOf gives the team's viewer a viewer override on prj and returns them: a project viewer
// reads deployments and logs.
func (tm *team) viewerOf(f *fixture, prj *platform.Project) *platform.Principal {
	f.tb.Helper()
	_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug,
		service.ProjectMemberInput{Email: tm.viewer.Email, Role: platform.ProjectRoleViewer})
	if err != nil && !platform.IsCode(err, platform.CodeAlreadyExists) {
		must(f.tb, err)
	}
	return tm.viewer
}

func TestDeployment_FailImageFailsTheRevision(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	in := f.depInput(cls)
	in.Image = "ghcr.io/acme/web:fail-pull"
	ch, err := f.svc.CreateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, in)
	must(t, err)
	f.finishOperations()
	wantErr := "revision 1 failed: image ghcr.io/acme/web:fail-pull could not be pulled"
	if op := f.getOperation(tm.owner, ch.OperationID); op.Status != platform.OpFailed || op.Error != wantErr {
		t.Errorf("operation: %+v", op)
	}
	if got := f.getDeployment(tm.ws, prj, tm.owner, in.Name); got.Status != platform.DeploymentFailed {
		t.Errorf("deployment: %+v", got)
	}
	if msgs := f.logMessages(tm.ws, prj, tm.owner, in.Name); len(msgs) != 2 || msgs[1] != wantErr {
		t.Errorf("log: %q", msgs)
	}
	if acts := f.actorActions(tm.ws, ch.Deployment.ID); !slices.Contains(acts, "system deployment.failed") {
		t.Errorf("audit: %q", acts)
	}
	// A failed deployment takes a new revision, which runs. A registry port is no tag.
	up, err := f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, in.Name,
		service.DeploymentPatch{Image: new("fail-registry.example.com:5000/acme/web:1.0.1")}, 0)
	must(t, err)
	f.finishOperations()
	if got := f.getDeployment(tm.ws, prj, tm.owner, in.Name); got.Status != platform.DeploymentRunning || got.Revision != 2 {
		t.Errorf("after a good revision: %+v", got)
	}
	if op := f.getOperation(tm.owner, up.OperationID); op.Status != platform.OpSucceeded {
		t.Errorf("good revision's operation: %+v", op)
	}
}

func TestDeployment_DeleteGoesDeletingThenGone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	d := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls))
	up, err := f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, service.DeploymentPatch{Replicas: new(4)}, 0)
	must(t, err)

	_, err = f.svc.DeleteDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, 1)
	wantCode(t, err, platform.CodeAborted)
	del, err := f.svc.DeleteDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, up.Deployment.Version)
	must(t, err)
	if del.Deployment.Status != platform.DeploymentDeleting || del.Operation == nil || del.Operation.Kind != platform.OpDeploymentDelete {
		t.Fatalf("delete: %+v %+v", del.Deployment, del.Operation)
	}
	if op := f.getOperation(tm.owner, up.OperationID); op.Status != platform.OpFailed || op.Error != "cancelled: the deployment is being deleted" {
		t.Errorf("revision in progress: %+v", op)
	}
	// Nothing changes while it is deleted.
	_, err = f.svc.DeleteDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "already being deleted")
	_, err = f.svc.UpdateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, service.DeploymentPatch{Replicas: new(1)}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "being deleted")
	_, err = f.svc.RedeployDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name)
	wantCode(t, err, platform.CodeFailedPrecondition, "being deleted")

	f.finishOperations()
	_, err = f.svc.GetDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.ID)
	wantCode(t, err, platform.CodeNotFound)
	if op := f.getOperation(tm.owner, del.OperationID); op.Status != platform.OpSucceeded {
		t.Errorf("delete operation: %+v", op)
	}
	must(t, f.store.View(f.ctx, func(tx platform.Tx) error {
		lines, err := tx.ListDeploymentLogs(d.ID, time.Time{}, 100)
		if len(lines) != 0 {
			t.Errorf("logs outlive the deployment: %+v", lines)
		}
		return err
	}))
	acts := f.actorActions(tm.ws, d.ID)
	if got := acts[len(acts)-2:]; !slices.Equal(got, []string{tm.owner.UserID + " deployment.delete", "system deployment.deleted"}) {
		t.Errorf("audit: %q", acts)
	}
	// The operations of a deployment stay readable by whoever reads the project.
	if op := f.getOperation(tm.viewerOf(f, prj), del.OperationID); op.TargetID != d.ID {
		t.Errorf("operation after delete: %+v", op)
	}
	// The quota counts it no more.
	u, err := f.svc.Usage(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if u.Usage.Deployments != 0 {
		t.Errorf("usage: %+v", u.Usage)
	}
}

func TestDeployment_OperationOfAVanishedDeploymentFails(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	ch, err := f.svc.CreateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, f.depInput(cls))
	must(t, err)
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.DeleteDeployment(tm.ws.ID, ch.Deployment.ID) }))
	f.finishOperations()
	if op := f.getOperation(tm.owner, ch.OperationID); op.Status != platform.OpFailed || op.Error != "the deployment no longer exists" {
		t.Errorf("operation: %+v", op)
	}
}

func TestDeployment_LogsNeverHoldSecretValues(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	const value1, value2 = "s3cr3t-value-one", "an0ther-s3cr3t"
	f.storeSecret(tm.ws, "DB_PASSWORD", value1)
	f.storeSecret(tm.ws, "API_TOKEN", value2)
	in := f.depInput(cls)
	in.Secrets = []string{"DB_PASSWORD", "API_TOKEN"}
	d := f.deploy(tm.ws, prj, tm.owner, in)
	rd, err := f.svc.RedeployDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name)
	must(t, err)
	f.finishOperations()

	msgs := f.logMessages(tm.ws, prj, tm.owner, d.Name)
	if !slices.Contains(msgs, "revision 2: deploying ghcr.io/acme/web:1.0.0 with 1 replica; secrets: DB_PASSWORD, API_TOKEN") {
		t.Errorf("the log does not name the secrets: %q", msgs)
	}
	var seen []string
	seen = append(seen, msgs...)
	for _, e := range f.storedAuditEvents(tm.ws.ID) {
		seen = append(seen, fmt.Sprintf("%+v", e))
	}
	op := f.getOperation(tm.owner, rd.OperationID)
	seen = append(seen, fmt.Sprintf("%+v", op), fmt.Sprintf("%+v", f.getDeployment(tm.ws, prj, tm.owner, d.Name)))
	for _, s := range seen {
		if strings.Contains(s, value1) || strings.Contains(s, value2) {
			t.Errorf("a secret value leaked: %s", s)
		}
	}
}

func TestDeployment_LogsSinceAndLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	d := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls)) // 2 lines at t1 and t1+delay
	f.clock.Advance(time.Second)
	mid := f.svc.Now()
	for range 3 {
		_, err := f.svc.RedeployDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name)
		must(t, err)
		f.finishOperations()
	}
	logs := func(opts service.LogsOptions) ([]platform.DeploymentLogLine, error) {
		l, err := f.svc.DeploymentLogs(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, opts)
		if err != nil {
			return nil, err
		}
		return l.Lines, nil
	}
	all, err := logs(service.LogsOptions{})
	must(t, err)
	if len(all) != 8 || all[0].Revision != 1 || all[7].Revision != 4 || !all[0].At.Before(all[7].At) {
		t.Fatalf("all lines: %+v", all)
	}
	two, err := logs(service.LogsOptions{Limit: 2})
	must(t, err)
	if !slices.Equal(two, all[:2]) {
		t.Errorf("limit 2: %+v", two)
	}
	since, err := logs(service.LogsOptions{Since: mid})
	must(t, err)
	if len(since) != 6 || since[0].Revision != 2 || !strings.Contains(since[0].Message, "deploying") {
		t.Errorf("since: %+v", since)
	}
	for _, n := range []int{-1, platform.MaxLogLines + 1} {
		_, err := logs(service.LogsOptions{Limit: n})
		wantFields(t, err, "limit")
	}
}

// deploymentAccess is what a caller may do with a project's deployments.
type deploymentAccess struct{ read, logs, write bool }

// TestDeployment_ProjectPermissions checks every cell: deployments follow the project's
// effective role (docs/platform.md section 2), whatever grants it.
func TestDeployment_ProjectPermissions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	created, err := f.svc.CreateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, f.depInput(cls))
	must(t, err)
	f.finishOperations()
	d, opID := created.Deployment, created.OperationID

	addOverride := func(who *platform.Principal, role string) {
		_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: who.Email, Role: role})
		must(t, err)
	}
	memberAsMember := f.member(tm.ws, tm.owner, platform.RoleMember)
	addOverride(memberAsMember, platform.ProjectRoleMember)
	memberAsViewer := f.member(tm.ws, tm.owner, platform.RoleMember)
	addOverride(memberAsViewer, platform.ProjectRoleViewer)
	viewerAsAdmin := f.member(tm.ws, tm.owner, platform.RoleViewer)
	addOverride(viewerAsAdmin, platform.ProjectRoleAdmin)
	adminAsViewer := f.member(tm.ws, tm.owner, platform.RoleAdmin)
	addOverride(adminAsViewer, platform.ProjectRoleViewer)
	readOnlyRole := f.role(tm.ws, tm.owner, platform.PermDeploymentsRead, platform.PermProjectRead)
	customReader := f.member(tm.ws, tm.owner, platform.RoleMember)
	addOverride(customReader, readOnlyRole.ID)
	logsRole := f.role(tm.ws, tm.owner, platform.PermProjectRead, platform.PermLogsRead)
	customLogs := f.member(tm.ws, tm.owner, platform.RoleMember)
	addOverride(customLogs, logsRole.ID)
	// A custom workspace role's project permissions apply on every project.
	wsDeployer := f.role(tm.ws, tm.owner, append(slices.Clone(viewerReads), platform.PermWorkspaceRead, platform.PermProjectRead,
		platform.PermDeploymentsRead, platform.PermDeploymentsWrite)...)
	customWS := f.member(tm.ws, tm.owner, wsDeployer.ID)
	_, rw := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	_, ro := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	otherWS := f.workspace(tm.owner, platform.PlanPro)
	_, foreignKey := f.apiKey(otherWS, tm.owner, platform.AccessReadWrite)
	outsider := f.newUser("outsider")

	all, none := deploymentAccess{true, true, true}, deploymentAccess{}
	cases := []struct {
		name      string
		who       *platform.Principal
		want      deploymentAccess
		invisible bool // the project (or workspace) is not found at all
	}{
		{"owner", tm.owner, all, false},
		{"admin", tm.admin, all, false},
		{"member without override", tm.member, none, true},
		{"viewer without override", tm.viewer, none, true},
		{"member with member override", memberAsMember, all, false},
		{"member with viewer override", memberAsViewer, deploymentAccess{read: true, logs: true}, false},
		{"viewer with admin override", viewerAsAdmin, all, false},
		{"admin with viewer override", adminAsViewer, deploymentAccess{read: true, logs: true}, false},
		{"custom override deployments.read", customReader, deploymentAccess{read: true}, false},
		{"custom override logs.read", customLogs, deploymentAccess{logs: true}, false},
		{"custom workspace role", customWS, deploymentAccess{read: true, write: true}, false},
		{"read_write key", rw, all, false},
		{"read_only key", ro, deploymentAccess{read: true, logs: true}, false},
		{"another workspace's key", foreignKey, none, true},
		{"outsider", outsider, none, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			check := func(what string, allowed bool, perm platform.Permission, err error) {
				t.Helper()
				switch {
				case tc.invisible:
					wantCode(t, err, platform.CodeNotFound)
				case allowed && err != nil:
					t.Errorf("%s: %v", what, err)
				case !allowed:
					wantCode(t, err, platform.CodePermissionDenied, string(perm))
				}
			}
			_, err := f.svc.GetDeployment(f.ctx, tc.who, tm.ws.Slug, prj.Slug, d.Name)
			check("get", tc.want.read, platform.PermDeploymentsRead, err)
			_, err = f.svc.ListDeployments(f.ctx, tc.who, tm.ws.Slug, prj.Slug, service.ListOptions{})
			check("list", tc.want.read, platform.PermDeploymentsRead, err)
			_, err = f.svc.DeploymentLogs(f.ctx, tc.who, tm.ws.Slug, prj.Slug, d.Name, service.LogsOptions{})
			check("logs", tc.want.logs, platform.PermLogsRead, err)
			_, err = f.svc.GetOperation(f.ctx, tc.who, opID)
			if tc.want.read && err != nil {
				t.Errorf("operation: %v", err)
			} else if !tc.want.read {
				wantCode(t, err, platform.CodeNotFound)
			}
			// Writes: a dry run first (it must answer exactly like the real call), then real.
			dry := service.WithValidateOnly(f.ctx)
			_, err = f.svc.CreateDeployment(dry, tc.who, tm.ws.Slug, prj.Slug, f.depInput(cls))
			check("dry-run create", tc.want.write, platform.PermDeploymentsWrite, err)
			ch, err := f.svc.CreateDeployment(f.ctx, tc.who, tm.ws.Slug, prj.Slug, f.depInput(cls))
			check("create", tc.want.write, platform.PermDeploymentsWrite, err)
			_, err = f.svc.UpdateDeployment(f.ctx, tc.who, tm.ws.Slug, prj.Slug, d.Name, service.DeploymentPatch{Replicas: new(2)}, 0)
			check("update", tc.want.write, platform.PermDeploymentsWrite, err)
			_, err = f.svc.RedeployDeployment(f.ctx, tc.who, tm.ws.Slug, prj.Slug, d.Name)
			check("redeploy", tc.want.write, platform.PermDeploymentsWrite, err)
			target := d.Name
			if ch != nil {
				target = ch.Deployment.Name
			}
			_, err = f.svc.DeleteDeployment(dry, tc.who, tm.ws.Slug, prj.Slug, target, 0)
			check("delete", tc.want.write, platform.PermDeploymentsWrite, err)
			if ch != nil {
				_, err = f.svc.DeleteDeployment(f.ctx, tc.who, tm.ws.Slug, prj.Slug, target, 0)
				check("delete", tc.want.write, platform.PermDeploymentsWrite, err)
			}
			f.finishOperations()
		})
	}

	t.Run("managing organization", func(t *testing.T) {
		m := f.managed()
		mc := f.runningCluster(m.ws, m.customer)
		mp := f.project(m.ws, m.customer)
		ch, err := f.svc.CreateDeployment(f.ctx, m.orgMember, m.ws.Slug, mp.Slug, f.depInput(mc))
		must(t, err)
		f.finishOperations()
		_, err = f.svc.DeploymentLogs(f.ctx, m.orgMember, m.ws.Slug, mp.Slug, ch.Deployment.ID, service.LogsOptions{})
		must(t, err)
		_, err = f.svc.DeleteDeployment(f.ctx, m.orgMember, m.ws.Slug, mp.Slug, ch.Deployment.ID, 0)
		must(t, err)
	})
}

func TestDeployment_DryRunsWriteNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	d := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls))
	events := len(f.storedAuditEvents(tm.ws.ID))
	dry := service.WithValidateOnly(f.ctx)

	in := f.depInput(cls)
	ch, err := f.svc.CreateDeployment(dry, tm.owner, tm.ws.Slug, prj.Slug, in)
	must(t, err)
	if ch.Deployment.Name != in.Name || ch.Deployment.Status != platform.DeploymentDeploying || ch.Deployment.Revision != 1 {
		t.Errorf("dry-run create: %+v", ch.Deployment)
	}
	_, err = f.svc.GetDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, in.Name)
	wantCode(t, err, platform.CodeNotFound)
	up, err := f.svc.UpdateDeployment(dry, tm.owner, tm.ws.Slug, prj.Slug, d.Name, service.DeploymentPatch{Image: new("ghcr.io/acme/web:9.9.9")}, 0)
	must(t, err)
	if up.Deployment.Revision != 2 || up.Deployment.Image != "ghcr.io/acme/web:9.9.9" {
		t.Errorf("dry-run update: %+v", up.Deployment)
	}
	_, err = f.svc.RedeployDeployment(dry, tm.owner, tm.ws.Slug, prj.Slug, d.Name)
	must(t, err)
	del, err := f.svc.DeleteDeployment(dry, tm.owner, tm.ws.Slug, prj.Slug, d.Name, 0)
	must(t, err)
	if del.Deployment.Status != platform.DeploymentDeleting {
		t.Errorf("dry-run delete: %+v", del.Deployment)
	}
	got := f.getDeployment(tm.ws, prj, tm.owner, d.Name)
	if got.Version != d.Version || got.Revision != 1 || got.Status != platform.DeploymentRunning {
		t.Errorf("after dry runs: %+v", got)
	}
	if n := len(f.storedAuditEvents(tm.ws.ID)); n != events {
		t.Errorf("dry runs wrote %d audit events", n-events)
	}
	if msgs := f.logMessages(tm.ws, prj, tm.owner, d.Name); len(msgs) != 2 {
		t.Errorf("dry runs wrote log lines: %q", msgs)
	}
	// A dry run fails exactly like the real call.
	_, errDry := f.svc.CreateDeployment(dry, tm.owner, tm.ws.Slug, prj.Slug, service.DeploymentInput{Name: d.Name, ClusterID: cls.ID, Image: d.Image})
	_, errReal := f.svc.CreateDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, service.DeploymentInput{Name: d.Name, ClusterID: cls.ID, Image: d.Image})
	sameError(t, "duplicate name", errDry, errReal)
}

func TestDeployment_ProjectWithDeploymentsCannotBeDeleted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	a := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls))
	b := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls))

	err := f.svc.DeleteProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "2 deployments", prj.Slug+"/"+a.Name, prj.Slug+"/"+b.Name)

	// A plan that deletes both deployments may delete the project.
	session := service.WithPlanSession(service.WithValidateOnly(f.ctx), "plan-deployments-1")
	_, err = f.svc.DeleteDeployment(session, tm.owner, tm.ws.Slug, prj.Slug, a.Name, 0)
	must(t, err)
	err = f.svc.DeleteProject(session, tm.owner, tm.ws.Slug, prj.Slug, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "1 deployment", prj.Slug+"/"+b.Name)
	_, err = f.svc.DeleteDeployment(session, tm.owner, tm.ws.Slug, prj.Slug, b.ID, 0)
	must(t, err)
	must(t, f.svc.DeleteProject(session, tm.owner, tm.ws.Slug, prj.Slug, 0))
	// Real calls ignore the session.
	wantCode(t, f.svc.DeleteProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, 0), platform.CodeFailedPrecondition)

	for _, d := range []*platform.Deployment{a, b} {
		_, err := f.svc.DeleteDeployment(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, d.Name, 0)
		must(t, err)
	}
	// Still deleting: still there.
	wantCode(t, f.svc.DeleteProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, 0), platform.CodeFailedPrecondition)
	f.finishOperations()
	must(t, f.svc.DeleteProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, 0))
}

func TestDeployment_ClusterWithDeploymentsCannotBeDeleted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	cls := f.runningCluster(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	d := f.deploy(tm.ws, prj, tm.owner, f.depInput(cls))
	_, err := f.svc.DeleteCluster(f.ctx, tm.owner, tm.ws.Slug, cls.Name, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, prj.Slug+"/"+d.Name)
}

// webhookService is a second service on the fixture's store that verifies GitHub's webhook
// with secret.
func (f *fixture) webhookService(secret string) *service.Service {
	return service.New(f.store, service.Options{Now: f.clock.Now, ClusterDelay: testClusterDelay,
		GitHubWebhookSecret: []byte(secret)})
}
