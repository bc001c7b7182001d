package storetest

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const (
	writers          = 8
	createsPerWriter = 25
	incrementers     = 8
	incrementsEach   = 10
)

var concurrencyTests = []test{
	{"concurrency/parallel_writers_all_land", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		var wg sync.WaitGroup
		errs := make(chan error, writers*createsPerWriter)
		for g := range writers {
			wg.Go(func() {
				for i := range createsPerWriter {
					err := e.s.Update(e.ctx, func(tx platform.Tx) error {
						p := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID,
							Slug: fmt.Sprintf("g%d-p%d", g, i)}
						p.Stamp(e.now())
						if err := tx.CreateProject(p); err != nil {
							return err
						}
						ev := &platform.AuditEvent{ID: platform.NewID(platform.PrefixAuditEvent), WorkspaceID: w.ID,
							Action: "project.create", Target: p.ID, At: e.now()}
						return tx.CreateAuditEvent(ev)
					})
					if err != nil {
						errs <- err
					}
				}
			})
		}
		// Readers run alongside the writers and must never fail or see a half-written transaction.
		var rg sync.WaitGroup
		stop := make(chan struct{})
		for range 2 {
			rg.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					err := e.s.View(e.ctx, func(tx platform.Tx) error {
						u, err := tx.WorkspaceUsage(w.ID)
						if err != nil {
							return err
						}
						evs, err := tx.ListAuditEvents(w.ID, platform.Page{Limit: writers * createsPerWriter})
						if err != nil {
							return err
						}
						if len(evs) != u.Projects {
							return fmt.Errorf("snapshot has %d projects but %d audit events", u.Projects, len(evs))
						}
						return nil
					})
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(stop)
		rg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent write or read: %v", err)
		}
		ps := get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjects(w.ID, platform.Page{Limit: 2 * writers * createsPerWriter})
		})
		if len(ps) != writers*createsPerWriter {
			t.Fatalf("%d projects landed, want %d", len(ps), writers*createsPerWriter)
		}
		slugs := map[string]bool{}
		for i, p := range ps {
			if i > 0 && p.Seq <= ps[i-1].Seq {
				t.Fatalf("Seq not strictly increasing: %d then %d", ps[i-1].Seq, p.Seq)
			}
			slugs[p.Slug] = true
		}
		if len(slugs) != writers*createsPerWriter {
			t.Errorf("%d distinct projects, want %d", len(slugs), writers*createsPerWriter)
		}
	}},
	{"concurrency/optimistic_increments_lose_no_update", func(t *testing.T, e *env) {
		// Each increment reads in one transaction and writes in another, as an HTTP client
		// with If-Match does, and retries on aborted. Without optimistic concurrency some
		// increments would overwrite others.
		w := e.workspace("counter", func(w *platform.Workspace) { w.Settings = map[string]string{"n": "0"} })
		var wg sync.WaitGroup
		var mu sync.Mutex
		var aborted int
		errs := make(chan error, incrementers)
		for range incrementers {
			wg.Go(func() {
				for range incrementsEach {
					for attempt := 0; ; attempt++ {
						if attempt > 1000 {
							errs <- fmt.Errorf("no progress after %d attempts", attempt)
							return
						}
						var cur *platform.Workspace
						err := e.s.View(e.ctx, func(tx platform.Tx) (err error) {
							cur, err = tx.GetWorkspace(w.ID)
							return err
						})
						if err != nil {
							errs <- err
							return
						}
						n, err := strconv.Atoi(cur.Settings["n"])
						if err != nil {
							errs <- err
							return
						}
						cur.Settings["n"] = strconv.Itoa(n + 1)
						cur.Touch(e.now())
						err = e.s.Update(e.ctx, func(tx platform.Tx) error { return tx.UpdateWorkspace(cur) })
						if platform.IsCode(err, platform.CodeAborted) {
							mu.Lock()
							aborted++
							mu.Unlock()
							continue
						}
						if err != nil {
							errs <- err
							return
						}
						break
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("increment: %v", err)
		}
		got := get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) })
		total := incrementers * incrementsEach
		if got.Settings["n"] != strconv.Itoa(total) || got.Version != int64(1+total) {
			t.Errorf("counter %s at version %d, want %d at version %d (lost updates)", got.Settings["n"], got.Version, total, 1+total)
		}
		t.Logf("%d increments, %d aborted attempts retried", total, aborted)
	}},
}

var reopenTests = []test{
	{"reopen/everything_committed_survives_close_and_reopen", func(t *testing.T, e *env) {
		acme := e.org("acme")
		alice := e.activeUser("alice@example.com")
		om := e.orgMember(acme, alice, platform.OrgRoleOwner)
		tok := e.userToken(alice, "laptop", "pt_reopen")
		w := e.workspace("shop", managedBy(acme), func(w *platform.Workspace) { w.Settings = map[string]string{"k": "v"} })
		wm := e.member(w, alice, platform.RoleOwner)
		p := e.project(w, "web")
		doomed := e.project(w, "doomed")
		pm := e.projectMember(p, alice, platform.ProjectRoleAdmin)
		r := e.role(w, "auditor", platform.PermWorkspaceRead)
		k := e.apiKey(w, "ci", "pk_reopen")
		reg := e.region(w, "eu")
		c := e.cluster(w, "prod", inRegion(reg), inProject(p))
		op := e.operation(w, platform.OpRunning, c)
		ev := e.auditEvent(w.ID, acme.ID, "workspace.create")
		idem := &platform.IdempotencyRecord{Caller: "tok_x", Key: "k1", RequestHash: "h", Status: 201, Body: []byte(`{"ok":true}`), CreatedAt: e.now()}
		e.update(func(tx platform.Tx) error { return tx.CreateIdempotencyRecord(idem) })
		prod := e.product(w, "redis", listed(900))
		rel := e.release(prod, "1.0.0")
		sec := e.secret(w, "DB_PASSWORD")
		gh := e.githubInstallation(w, 1001)
		in := e.installation(c, "cache", fromRelease(rel), installationSecrets("DB_PASSWORD"))
		dep := e.deployment(p, c, "site", fromGitHub(gh, "acme/web", "main"), deploymentSecrets("DB_PASSWORD"))
		line := e.deploymentLog(dep, e.now(), "deploying revision 1")
		e.update(func(tx platform.Tx) error { return tx.RecordGitHubDelivery("delivery-1", e.now()) })
		e.update(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, doomed.ID) })
		// A rolled-back transaction right before closing must stay rolled back.
		_ = e.s.Update(e.ctx, func(tx platform.Tx) error {
			x := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "uncommitted"}
			x.Stamp(e.now())
			if err := tx.CreateProject(x); err != nil {
				return err
			}
			return errDryRun
		})

		e.reopen()

		same(t, "organization", get(e, func(tx platform.Tx) (*platform.Organization, error) { return tx.GetOrganization(acme.ID) }), acme)
		same(t, "user", get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser(alice.ID) }), alice)
		same(t, "organization member", get(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(acme.ID, alice.ID)
		}), om)
		same(t, "user token", get(e, func(tx platform.Tx) (*platform.UserToken, error) {
			k, _, err := tx.GetUserTokenBySecretHash(platform.HashSecret("pt_reopen"))
			return k, err
		}), tok)
		same(t, "workspace", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) }), w)
		same(t, "workspace member", get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) {
			return tx.GetWorkspaceMember(w.ID, alice.ID)
		}), wm)
		same(t, "projects", get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjects(w.ID, platform.Page{Limit: 10})
		}), []platform.Project{*p})
		same(t, "project member", get(e, func(tx platform.Tx) (*platform.ProjectMember, error) { return tx.GetProjectMember(p.ID, alice.ID) }), pm)
		same(t, "role", get(e, func(tx platform.Tx) (*platform.Role, error) { return tx.GetRole(w.ID, r.ID) }), r)
		same(t, "api key", get(e, func(tx platform.Tx) (*platform.APIKey, error) {
			return tx.GetAPIKeyBySecretHash(platform.HashSecret("pk_reopen"))
		}), k)
		same(t, "region", get(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegion(w.ID, reg.ID) }), reg)
		same(t, "cluster", get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) }), c)
		same(t, "unfinished operations", get(e, func(tx platform.Tx) ([]platform.Operation, error) {
			return tx.ListUnfinishedOperations(10)
		}), []platform.Operation{*op})
		same(t, "audit events", get(e, func(tx platform.Tx) ([]platform.AuditEvent, error) {
			return tx.ListAuditEvents(w.ID, platform.Page{Limit: 10})
		}), []platform.AuditEvent{*ev})
		same(t, "idempotency record", get(e, func(tx platform.Tx) (*platform.IdempotencyRecord, error) {
			return tx.GetIdempotencyRecord("tok_x", "k1")
		}), idem)

		wantProd := *prod
		wantProd.InstallCount = 1
		same(t, "product", get(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetListedProduct(prod.ID) }), &wantProd)
		same(t, "release", get(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(prod.ID, rel.ID) }), rel)
		same(t, "secret", get(e, func(tx platform.Tx) (*platform.Secret, error) { return tx.GetSecret(w.ID, sec.ID) }), sec)
		same(t, "github installation", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.FindGitHubInstallation("", 1001)
		}), gh)
		same(t, "installation", get(e, func(tx platform.Tx) (*platform.Installation, error) { return tx.GetInstallation(w.ID, in.ID) }), in)
		same(t, "deployment", get(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeployment(w.ID, dep.ID) }), dep)
		same(t, "deployment logs", get(e, func(tx platform.Tx) ([]platform.DeploymentLogLine, error) {
			return tx.ListDeploymentLogs(dep.ID, time.Time{}, platform.MaxLogLines)
		}), []platform.DeploymentLogLine{*line})
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.RecordGitHubDelivery("delivery-1", e.now()) }), platform.CodeAlreadyExists)

		// Writes go on after reopening, constraints still hold, and no Seq is reused.
		late := e.project(w, "late")
		if late.Seq <= doomed.Seq {
			t.Errorf("project created after reopen has Seq %d <= %d of one deleted before: Seq reused", late.Seq, doomed.Seq)
		}
		dup := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "web"}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProject(dup) }), platform.CodeAlreadyExists)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteRegion(w.ID, reg.ID) }), platform.CodeFailedPrecondition)
		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspaceMember(w.ID, alice.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.ProjectMember, error) { return tx.GetProjectMember(p.ID, alice.ID) }),
			platform.CodeNotFound)
	}},
}
