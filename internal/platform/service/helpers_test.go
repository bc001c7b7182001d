package service_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/sqlite"
)

// Shared fixture for the service tests: a real SQLite store on a temporary file, a controllable
// clock, the bootstrap administrator, and principals resolved the way a real caller is
// (AdminCreateUserToken + Authenticate). No mocks.

// t0 is where every fixture's clock starts.
var t0 = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

// testClusterDelay is the cluster operation delay of every fixture's service.
const testClusterDelay = 2 * time.Second

// fakeClock is a goroutine-safe clock that only moves when told to.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type fixture struct {
	tb    testing.TB
	ctx   context.Context
	path  string
	store *sqlite.Store
	svc   *service.Service
	clock *fakeClock
	// admin is the bootstrap user (platform administrator).
	admin *platform.Principal
	n     atomic.Int64
}

// newFixture opens a fresh store, builds a service with a fake clock and bootstraps the admin.
func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	f := &fixture{
		tb:    tb,
		ctx:   tb.Context(),
		path:  filepath.Join(tb.TempDir(), "platform.db"),
		clock: &fakeClock{now: t0},
	}
	f.open()
	res, err := f.svc.Bootstrap(f.ctx, "admin@localhost", "")
	must(tb, err)
	if !res.Created || res.Token == "" {
		tb.Fatalf("Bootstrap on an empty store: got %+v, want a created admin with a generated token", res)
	}
	f.admin = f.auth(res.Token)
	if !f.admin.PlatformAdmin {
		tb.Fatalf("bootstrap principal is not a platform admin: %+v", f.admin)
	}
	return f
}

// templateDB is an empty, fully migrated database file that every fixture starts from as a
// copy: running the schema migrations for each of the ~100 fixtures would dominate the run
// time (under the race detector in particular). Opening the copy still runs goose, which finds
// nothing to do; the store under test is the real one on its own file.
var templateDB string

func TestMain(m *testing.M) {
	os.Exit(runWithTemplate(m))
}

func runWithTemplate(m *testing.M) int {
	dir, err := os.MkdirTemp("", "service-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	templateDB = filepath.Join(dir, "template.db")
	st, err := sqlite.Open(context.Background(), templateDB)
	if err == nil {
		err = st.Close()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "building the template database:", err)
		return 1
	}
	return m.Run()
}

// open opens the store file (a copy of the template when new) and builds a new service on it.
func (f *fixture) open() {
	f.tb.Helper()
	if _, err := os.Stat(f.path); errors.Is(err, fs.ErrNotExist) {
		b, err := os.ReadFile(templateDB)
		must(f.tb, err)
		must(f.tb, os.WriteFile(f.path, b, 0o600))
	}
	st, err := sqlite.Open(context.Background(), f.path)
	must(f.tb, err)
	f.tb.Cleanup(func() { _ = st.Close() })
	f.store = st
	f.svc = service.New(st, service.Options{Now: f.clock.Now, ClusterDelay: testClusterDelay})
}

// reopen simulates a server restart: the store is closed, the same file reopened and a NEW
// service built on it.
func (f *fixture) reopen() {
	f.tb.Helper()
	must(f.tb, f.store.Close())
	f.open()
}

// seq returns a number unique within the fixture, for slugs and e-mails.
func (f *fixture) seq() int64 { return f.n.Add(1) }

// email returns a fresh e-mail address tagged with tag.
func (f *fixture) email(tag string) string { return fmt.Sprintf("%s-%d@example.com", tag, f.seq()) }

// auth resolves a secret as the real server does.
func (f *fixture) auth(secret string) *platform.Principal {
	f.tb.Helper()
	p, err := f.svc.Authenticate(f.ctx, secret)
	must(f.tb, err)
	return p
}

// login mints a user token for email (creating the user if needed) and authenticates with it.
func (f *fixture) login(email string) (*platform.Principal, string) {
	f.tb.Helper()
	tok, err := f.svc.AdminCreateUserToken(f.ctx, f.admin, email, service.TokenInput{Name: "test"})
	must(f.tb, err)
	return f.auth(tok.Secret), tok.Secret
}

// user returns the principal of the user with email.
func (f *fixture) user(email string) *platform.Principal {
	f.tb.Helper()
	p, _ := f.login(email)
	return p
}

// newUser returns the principal of a brand-new user.
func (f *fixture) newUser(tag string) *platform.Principal {
	f.tb.Helper()
	return f.user(f.email(tag))
}

// workspace creates a workspace owned by owner on plan.
func (f *fixture) workspace(owner *platform.Principal, plan platform.Plan) *platform.Workspace {
	f.tb.Helper()
	slug := fmt.Sprintf("ws-%d", f.seq())
	ws, err := f.svc.CreateWorkspace(f.ctx, owner, service.WorkspaceInput{Slug: slug, Name: "Workspace " + slug, Plan: plan})
	must(f.tb, err)
	return ws
}

// member invites a brand-new user into ws with role (by inviter) and logs them in.
func (f *fixture) member(ws *platform.Workspace, inviter *platform.Principal, role string) *platform.Principal {
	f.tb.Helper()
	email := f.email(strings.TrimPrefix(role, platform.CustomRolePrefix))
	_, err := f.svc.InviteMember(f.ctx, inviter, ws.Slug, service.MemberInput{Email: email, Role: role})
	must(f.tb, err)
	return f.user(email)
}

// team is a workspace with one member of each built-in role.
type team struct {
	ws                           *platform.Workspace
	owner, admin, member, viewer *platform.Principal
}

func (f *fixture) team(plan platform.Plan) *team {
	f.tb.Helper()
	tm := &team{owner: f.newUser("owner")}
	tm.ws = f.workspace(tm.owner, plan)
	tm.admin = f.member(tm.ws, tm.owner, platform.RoleAdmin)
	tm.member = f.member(tm.ws, tm.owner, platform.RoleMember)
	tm.viewer = f.member(tm.ws, tm.owner, platform.RoleViewer)
	return tm
}

// project creates a project in ws as by.
func (f *fixture) project(ws *platform.Workspace, by *platform.Principal) *platform.Project {
	f.tb.Helper()
	slug := fmt.Sprintf("prj-%d", f.seq())
	p, err := f.svc.CreateProject(f.ctx, by, ws.Slug, service.ProjectInput{Slug: slug, Name: "Project " + slug})
	must(f.tb, err)
	return p
}

// apiKey creates an API key in ws as by and returns it with the key's own principal.
func (f *fixture) apiKey(ws *platform.Workspace, by *platform.Principal, access platform.Access) (*service.CreatedAPIKey, *platform.Principal) {
	f.tb.Helper()
	k, err := f.svc.CreateAPIKey(f.ctx, by, ws.Slug, service.APIKeyInput{Name: fmt.Sprintf("key %d", f.seq()), Access: access})
	must(f.tb, err)
	return k, f.auth(k.Secret)
}

// role creates a custom role (enterprise workspaces only) as by.
func (f *fixture) role(ws *platform.Workspace, by *platform.Principal, perms ...platform.Permission) *platform.Role {
	f.tb.Helper()
	r, err := f.svc.CreateRole(f.ctx, by, ws.Slug, service.RoleInput{Name: fmt.Sprintf("role-%d", f.seq()), Permissions: perms})
	must(f.tb, err)
	return r
}

// region creates a region as by.
func (f *fixture) region(ws *platform.Workspace, by *platform.Principal) *platform.Region {
	f.tb.Helper()
	r, err := f.svc.CreateRegion(f.ctx, by, ws.Slug, service.RegionInput{Name: fmt.Sprintf("region-%d", f.seq())})
	must(f.tb, err)
	return r
}

// clusterInput is a valid cluster spec with a fresh name.
func (f *fixture) clusterInput(location string) service.ClusterInput {
	return service.ClusterInput{
		Name: fmt.Sprintf("cluster-%d", f.seq()), Cloud: platform.CloudAWS, Location: location,
		KubernetesVersion: "1.31",
		NodePools:         []platform.NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 3}},
	}
}

// cluster creates a cluster (still provisioning) as by.
func (f *fixture) cluster(ws *platform.Workspace, by *platform.Principal) *service.ClusterChange {
	f.tb.Helper()
	ch, err := f.svc.CreateCluster(f.ctx, by, ws.Slug, f.clusterInput("eu-central-1"))
	must(f.tb, err)
	return ch
}

// finishOperations moves the clock past the cluster delay and advances operations until none
// changes any more.
func (f *fixture) finishOperations() {
	f.tb.Helper()
	f.clock.Advance(testClusterDelay + time.Second)
	f.advanceUntilIdle()
}

// advanceUntilIdle advances operations (without moving the clock) until nothing changes.
func (f *fixture) advanceUntilIdle() {
	f.tb.Helper()
	for range 10 {
		n, err := f.svc.AdvanceOperations(f.ctx)
		must(f.tb, err)
		if n == 0 {
			return
		}
	}
	f.tb.Fatal("operations still changing after 10 passes")
}

// auditEvents lists every audit event of ws through the service, as caller.
func (f *fixture) auditEvents(ws *platform.Workspace, caller *platform.Principal) []platform.AuditEvent {
	f.tb.Helper()
	var all []platform.AuditEvent
	opts := service.ListOptions{PageSize: service.MaxPageSize}
	for {
		page, err := f.svc.ListAuditEvents(f.ctx, caller, ws.ID, opts)
		must(f.tb, err)
		all = append(all, page.Items...)
		if page.Next == 0 {
			return all
		}
		opts.After = page.Next
	}
}

// storedAuditEvents reads ws's audit events straight from the store (works after a delete).
func (f *fixture) storedAuditEvents(workspaceID string) []platform.AuditEvent {
	f.tb.Helper()
	var events []platform.AuditEvent
	must(f.tb, f.store.View(f.ctx, func(tx platform.Tx) error {
		var err error
		events, err = tx.ListAuditEvents(workspaceID, platform.Page{Limit: 10000})
		return err
	}))
	return events
}

// allProjects lists every project of ws visible to caller, page by page.
func (f *fixture) allProjects(ws *platform.Workspace, caller *platform.Principal) ([]platform.Project, error) {
	var all []platform.Project
	opts := service.ListOptions{PageSize: service.MaxPageSize}
	for {
		page, err := f.svc.ListProjects(f.ctx, caller, ws.Slug, opts)
		if err != nil {
			return nil, err
		}
		all = append(all, page.Items...)
		if page.Next == 0 {
			return all, nil
		}
		opts.After = page.Next
	}
}

func projectIDs(ps []platform.Project) []string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatalf("unexpected error: %v", err)
	}
}

// wantCode fails unless err is a *platform.Error with code whose message contains every want.
func wantCode(tb testing.TB, err error, code platform.Code, want ...string) *platform.Error {
	tb.Helper()
	if err == nil {
		tb.Fatalf("got no error, want %s %q", code, want)
	}
	var e *platform.Error
	if !errors.As(err, &e) {
		tb.Fatalf("got %T %v, want a *platform.Error with code %s", err, err, code)
	}
	if e.Code != code {
		tb.Fatalf("got %v, want code %s", err, code)
	}
	for _, w := range want {
		if !strings.Contains(e.Message, w) {
			tb.Errorf("error message %q does not contain %q", e.Message, w)
		}
	}
	return e
}

// detailFields returns the field names of an error's details.
func detailFields(err error) []string {
	var e *platform.Error
	if !errors.As(err, &e) {
		return nil
	}
	fields := make([]string, len(e.Details))
	for i, d := range e.Details {
		fields[i] = d.Field
	}
	return fields
}

// wantFields fails unless err is invalid_argument whose details name exactly fields (any order).
func wantFields(tb testing.TB, err error, fields ...string) {
	tb.Helper()
	wantCode(tb, err, platform.CodeInvalidArgument)
	got := detailFields(err)
	slices.Sort(got)
	want := slices.Clone(fields)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		tb.Errorf("invalid_argument details name %q, want %q (error: %v)", got, want, err)
	}
}

func ptr[T any](v T) *T { return &v }

// viewerReads are a viewer's workspace permissions: a custom role holding them (and more) can
// grant the viewer role.
var viewerReads = []platform.Permission{platform.PermMembersRead, platform.PermClustersRead, platform.PermRegionsRead,
	platform.PermProductsRead, platform.PermInstallationsRead, platform.PermSecretsRead, platform.PermIntegrationsRead}
