package service_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/sqlite"
)

// Secrets (docs/platform.md section 11) through the service, on the real store.

const testSecretValue = "correct horse battery staple"

// secret creates a secret named name with testSecretValue as by.
func (f *fixture) secret(ws *platform.Workspace, by *platform.Principal, name string) *platform.Secret {
	f.tb.Helper()
	s, err := f.svc.CreateSecret(f.ctx, by, ws.Slug, service.SecretInput{Name: name, Value: testSecretValue})
	must(f.tb, err)
	return s
}

// storedSecret reads a secret straight from the store (with its sealed value).
func (f *fixture) storedSecret(ws *platform.Workspace, name string) *platform.Secret {
	f.tb.Helper()
	var s *platform.Secret
	must(f.tb, f.store.View(f.ctx, func(tx platform.Tx) (err error) {
		s, err = tx.GetSecretByName(ws.ID, name)
		return err
	}))
	return s
}

// accessCell is one row of the permission tables: a caller and what it may do.
type accessCell struct {
	who          string
	caller       *platform.Principal
	read, manage bool
	notFound     bool // the caller cannot see the workspace at all
}

// accessCells builds every kind of caller of an enterprise workspace (custom roles need it):
// the built-in roles, custom roles with and without the permissions, API keys of both
// accesses, a managing organization's member (an implicit admin), a workspace viewer with an
// admin override on a project (which grants nothing on the workspace) and a stranger.
// readPerm and managePerm are the entity's permissions; keyManages tells whether a read_write
// API key holds managePerm.
func (f *fixture) accessCells(readPerm, managePerm platform.Permission, keyManages bool) (*platform.Workspace, []accessCell) {
	f.tb.Helper()
	m := f.managed()
	owner := m.customer
	_, err := f.svc.UpdateWorkspace(f.ctx, m.provider, m.ws.Slug, service.WorkspacePatch{Plan: ptr(platform.PlanEnterprise)}, 0)
	must(f.tb, err)
	ws := m.ws
	admin := f.member(ws, owner, platform.RoleAdmin)
	member := f.member(ws, owner, platform.RoleMember)
	viewer := f.member(ws, owner, platform.RoleViewer)
	readRole := f.role(ws, owner, platform.PermWorkspaceRead, readPerm)
	manageRole := f.role(ws, owner, platform.PermWorkspaceRead, readPerm, managePerm)
	neither := f.role(ws, owner, platform.PermWorkspaceRead, platform.PermClustersRead)
	_, rw := f.apiKey(ws, owner, platform.AccessReadWrite)
	_, ro := f.apiKey(ws, owner, platform.AccessReadOnly)
	overridden := f.member(ws, owner, platform.RoleViewer)
	prj := f.project(ws, owner)
	_, err = f.svc.AddProjectMember(f.ctx, owner, ws.Slug, prj.Slug,
		service.ProjectMemberInput{Email: overridden.Email, Role: platform.ProjectRoleAdmin})
	must(f.tb, err)
	return ws, []accessCell{
		{who: "owner", caller: owner, read: true, manage: true},
		{who: "admin", caller: admin, read: true, manage: true},
		{who: "member", caller: member, read: true},
		{who: "viewer", caller: viewer, read: true},
		{who: "custom role with " + string(readPerm), caller: f.member(ws, owner, readRole.ID), read: true},
		{who: "custom role with " + string(managePerm), caller: f.member(ws, owner, manageRole.ID), read: true, manage: true},
		{who: "custom role without either", caller: f.member(ws, owner, neither.ID)},
		{who: "read_write API key", caller: rw, read: true, manage: keyManages},
		{who: "read_only API key", caller: ro, read: true},
		{who: "managing organization member", caller: m.orgMember, read: true, manage: true},
		{who: "viewer with a project admin override", caller: overridden, read: true},
		{who: "stranger", caller: f.newUser("stranger"), notFound: true},
	}
}

// wantAllowed checks one permission cell: nil when allowed, else 403 naming perm (404 for a
// caller who cannot see the workspace).
func wantCellAllowed(t *testing.T, c accessCell, allowed bool, perm platform.Permission, what string, err error) {
	t.Helper()
	switch {
	case c.notFound:
		wantCode(t, err, platform.CodeNotFound)
	case allowed && err != nil:
		t.Errorf("%s: %s: %v", c.who, what, err)
	case !allowed:
		wantCode(t, err, platform.CodePermissionDenied, string(perm))
	}
}

func TestSecret_EveryPermissionCell(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ws, cells := f.accessCells(platform.PermSecretsRead, platform.PermSecretsManage, true)
	owner := cells[0].caller
	f.secret(ws, owner, "SHARED")
	for i, c := range cells {
		t.Run(c.who, func(t *testing.T) {
			_, err := f.svc.GetSecret(f.ctx, c.caller, ws.Slug, "SHARED")
			wantCellAllowed(t, c, c.read, platform.PermSecretsRead, "get", err)
			_, err = f.svc.ListSecrets(f.ctx, c.caller, ws.Slug, service.ListOptions{})
			wantCellAllowed(t, c, c.read, platform.PermSecretsRead, "list", err)
			name := fmt.Sprintf("BY_%d", i)
			_, err = f.svc.CreateSecret(f.ctx, c.caller, ws.Slug, service.SecretInput{Name: name, Value: "v"})
			wantCellAllowed(t, c, c.manage, platform.PermSecretsManage, "create", err)
			if !c.manage {
				f.secret(ws, owner, name)
			}
			// A PATCH that would change nothing still needs the permission (authorization first).
			_, err = f.svc.UpdateSecret(f.ctx, c.caller, ws.Slug, name, service.SecretPatch{Value: ptr("v")}, 0)
			wantCellAllowed(t, c, c.manage, platform.PermSecretsManage, "update", err)
			_, err = f.svc.UpdateSecret(f.ctx, c.caller, ws.Slug, name, service.SecretPatch{Description: ptr("by " + c.who)}, 0)
			wantCellAllowed(t, c, c.manage, platform.PermSecretsManage, "update", err)
			err = f.svc.DeleteSecret(f.ctx, c.caller, ws.Slug, name, 0)
			wantCellAllowed(t, c, c.manage, platform.PermSecretsManage, "delete", err)
			// Dry runs answer the same.
			_, err = f.svc.CreateSecret(service.WithValidateOnly(f.ctx), c.caller, ws.Slug, service.SecretInput{Name: "DRY", Value: "v"})
			wantCellAllowed(t, c, c.manage, platform.PermSecretsManage, "dry-run create", err)
		})
	}
}

func TestSecret_ValueIsSealedVersionedAndNeverAnswered(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	created := f.secret(tm.ws, tm.owner, "DB_PASSWORD")
	if created.ValueVersion != 1 || !created.ValueUpdatedAt.Equal(t0) || created.Version != 1 || created.SealedValue == nil {
		t.Fatalf("created: %+v", created)
	}
	stored := f.storedSecret(tm.ws, "DB_PASSWORD")
	if bytes.Contains(stored.SealedValue, []byte(testSecretValue)) || stored.SealedValue[0] != 1 ||
		len(stored.SealedValue) != 1+12+len(testSecretValue)+16 {
		t.Fatalf("sealed value %x: want version 1, a nonce, the ciphertext and its tag, no plain text", stored.SealedValue)
	}
	// The same value sealed again looks different (a fresh nonce every time).
	f.secret(tm.ws, tm.owner, "SAME_VALUE")
	if bytes.Equal(f.storedSecret(tm.ws, "SAME_VALUE").SealedValue[13:], stored.SealedValue[13:]) {
		t.Fatal("two seals of the same value are equal")
	}

	// The current value again, alone or with the name unchanged, changes nothing.
	f.clock.Advance(time.Hour)
	same, err := f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD",
		service.SecretPatch{Name: ptr("DB_PASSWORD"), Value: ptr(testSecretValue)}, 0)
	must(t, err)
	if same.Version != 1 || same.ValueVersion != 1 || !bytes.Equal(f.storedSecret(tm.ws, "DB_PASSWORD").SealedValue, stored.SealedValue) {
		t.Fatalf("the same value changed the secret: %+v", same)
	}
	// A description alone keeps the value's version and time.
	desc, err := f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, created.ID, service.SecretPatch{Description: ptr("primary")}, 1)
	must(t, err)
	if desc.Version != 2 || desc.ValueVersion != 1 || !desc.ValueUpdatedAt.Equal(t0) || !desc.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("description change: %+v", desc)
	}
	// A new value: value_version + 1, value_updated_at now.
	f.clock.Advance(time.Hour)
	next, err := f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD", service.SecretPatch{Value: ptr("new value")}, 2)
	must(t, err)
	if next.Version != 3 || next.ValueVersion != 2 || !next.ValueUpdatedAt.Equal(t0.Add(2*time.Hour)) {
		t.Fatalf("new value: %+v", next)
	}
	// Value 1-65536 bytes; the name never changes.
	_, err = f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD",
		service.SecretPatch{Name: ptr("OTHER"), Value: ptr(strings.Repeat("x", platform.SecretValueMaxBytes+1))}, 0)
	wantFields(t, err, "name", "value")
	wantCode(t, err, platform.CodeInvalidArgument, "name: cannot be changed")
	_, err = f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD", service.SecretPatch{Value: ptr("")}, 0)
	wantFields(t, err, "value")
	_, err = f.svc.CreateSecret(f.ctx, tm.admin, tm.ws.Slug, service.SecretInput{Name: "no_value", Description: "x\x00"})
	wantFields(t, err, "name", "description", "value")
	_, err = f.svc.CreateSecret(f.ctx, tm.admin, tm.ws.Slug,
		service.SecretInput{Name: "LARGEST", Value: strings.Repeat("é", platform.SecretValueMaxBytes/2)})
	must(t, err)
	// Stale If-Match.
	_, err = f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD", service.SecretPatch{Value: ptr("x")}, 1)
	wantCode(t, err, platform.CodeAborted)
	wantCode(t, f.svc.DeleteSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD", 1), platform.CodeAborted)
	// Another workspace's secret is not found, by id or name.
	other := f.workspace(tm.owner, platform.PlanFree)
	_, err = f.svc.GetSecret(f.ctx, tm.owner, other.Slug, created.ID)
	wantCode(t, err, platform.CodeNotFound)
	// The inputs print without the value.
	for _, s := range []string{fmt.Sprint(service.SecretInput{Name: "A", Value: testSecretValue}),
		fmt.Sprintf("%+v", service.SecretPatch{Value: ptr(testSecretValue)})} {
		if strings.Contains(s, testSecretValue) {
			t.Errorf("an input prints its value: %s", s)
		}
	}
}

// TestSecret_BoundToItsWorkspaceAndIDAndKey: a sealed value opens only under the secrets key,
// for the secret it was sealed for. A value that does not open is replaced by any new value
// (the recovery when secrets.key is lost).
func TestSecret_BoundToItsWorkspaceAndIDAndKey(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	key := make([]byte, 32)
	key[0] = 7
	f.svc = service.New(f.store, service.Options{Now: f.clock.Now, ClusterDelay: testClusterDelay, SecretsKey: key})
	tm := f.team(platform.PlanPro)
	a := f.secret(tm.ws, tm.owner, "A")
	f.secret(tm.ws, tm.owner, "B")
	// B gets A's sealed value, as someone with write access to the database might copy it.
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error {
		b, err := tx.GetSecretByName(tm.ws.ID, "B")
		if err != nil {
			return err
		}
		b.SealedValue = a.SealedValue
		b.Touch(f.svc.Now())
		return tx.UpdateSecret(b)
	}))
	got, err := f.svc.UpdateSecret(f.ctx, tm.owner, tm.ws.Slug, "B", service.SecretPatch{Value: ptr(testSecretValue)}, 0)
	must(t, err)
	if got.ValueVersion != 2 {
		t.Errorf("a value copied from another secret opened: value_version %d, want 2 (a new value)", got.ValueVersion)
	}
	// The same key (a restart) opens A: the same value changes nothing.
	f.svc = service.New(f.store, service.Options{Now: f.clock.Now, ClusterDelay: testClusterDelay, SecretsKey: key})
	got, err = f.svc.UpdateSecret(f.ctx, tm.owner, tm.ws.Slug, "A", service.SecretPatch{Value: ptr(testSecretValue)}, 0)
	must(t, err)
	if got.ValueVersion != 1 {
		t.Errorf("after a restart with the same key: value_version %d, want 1", got.ValueVersion)
	}
	// Another key (secrets.key lost): nothing opens, and the value can be set again.
	other := make([]byte, 32)
	f.svc = service.New(f.store, service.Options{Now: f.clock.Now, ClusterDelay: testClusterDelay, SecretsKey: other})
	got, err = f.svc.UpdateSecret(f.ctx, tm.owner, tm.ws.Slug, "A", service.SecretPatch{Value: ptr(testSecretValue)}, 0)
	must(t, err)
	if got.ValueVersion != 2 {
		t.Errorf("under another key: value_version %d, want 2", got.ValueVersion)
	}
}

func TestSecret_DeleteRefusedWhileUsedNamingUsers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	sec := f.secret(tm.ws, tm.owner, "DB_PASSWORD")
	f.secret(tm.ws, tm.owner, "UNUSED")
	cls := f.clusterForUsers(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	inst := f.installationUsing(cls, "redis", "DB_PASSWORD")
	dep := f.deploymentUsing(prj, cls, "site", nil, "DB_PASSWORD")
	f.deploymentUsing(prj, cls, "other", nil)

	err := f.svc.DeleteSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD", 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "DB_PASSWORD", "installation redis", "deployment "+prj.Slug+"/site")
	errDry := f.svc.DeleteSecret(service.WithValidateOnly(f.ctx), tm.admin, tm.ws.Slug, sec.ID, 0)
	wantCode(t, errDry, platform.CodeFailedPrecondition, "installation redis")
	// A dry run in a plan session that deletes the users passes; the real call is still refused.
	session := "plan-secrets-1"
	_, err = f.svc.DeclarePlannedDeletes(f.ctx, tm.admin, session, service.PlannedDeletesInput{WorkspaceID: tm.ws.ID,
		Deletes: []service.PlannedTarget{{Kind: platform.PlannedInstallation, TargetID: inst.ID}}})
	must(t, err)
	planned := service.WithPlanSession(service.WithValidateOnly(f.ctx), session)
	wantCode(t, f.svc.DeleteSecret(planned, tm.admin, tm.ws.Slug, "DB_PASSWORD", 0), platform.CodeFailedPrecondition,
		"deployment "+prj.Slug+"/site")
	_, err = f.svc.DeclarePlannedDeletes(f.ctx, tm.admin, session, service.PlannedDeletesInput{WorkspaceID: tm.ws.ID,
		Deletes: []service.PlannedTarget{{Kind: platform.PlannedDeployment, TargetID: dep.ID}}})
	must(t, err)
	must(t, f.svc.DeleteSecret(planned, tm.admin, tm.ws.Slug, "DB_PASSWORD", 0))
	wantCode(t, f.svc.DeleteSecret(f.ctx, tm.admin, tm.ws.Slug, "DB_PASSWORD", 0), platform.CodeFailedPrecondition)
	// The session remembers the secret's planned delete.
	ps, err := f.svc.GetPlanSession(f.ctx, tm.admin, session)
	must(t, err)
	if !slices.ContainsFunc(ps.Deletes, func(d platform.PlannedDelete) bool {
		return d.Kind == platform.PlannedSecret && d.TargetID == sec.ID
	}) {
		t.Errorf("the plan session does not hold the secret's delete: %+v", ps.Deletes)
	}
	must(t, f.svc.DeleteSecret(f.ctx, tm.admin, tm.ws.Slug, "UNUSED", 0))
}

func TestSecret_AuditEventsNeverHoldTheValue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	before := len(f.auditEvents(tm.ws, tm.owner))
	sec := f.secret(tm.ws, tm.owner, "AUDITED")
	_, err := f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, "AUDITED", service.SecretPatch{Value: ptr(testSecretValue + "2")}, 0)
	must(t, err)
	// Nothing changes: no event.
	_, err = f.svc.UpdateSecret(f.ctx, tm.admin, tm.ws.Slug, "AUDITED", service.SecretPatch{Value: ptr(testSecretValue + "2")}, 0)
	must(t, err)
	// Dry runs and refusals: no event.
	_, err = f.svc.CreateSecret(service.WithValidateOnly(f.ctx), tm.owner, tm.ws.Slug, service.SecretInput{Name: "DRY", Value: testSecretValue})
	must(t, err)
	_, err = f.svc.CreateSecret(f.ctx, tm.member, tm.ws.Slug, service.SecretInput{Name: "DENIED", Value: testSecretValue})
	wantCode(t, err, platform.CodePermissionDenied)
	must(t, f.svc.DeleteSecret(f.ctx, tm.owner, tm.ws.Slug, sec.ID, 0))
	events := f.auditEvents(tm.ws, tm.owner)[before:]
	var got []string
	for _, e := range events {
		got = append(got, e.Action+" "+e.Target)
		if s := fmt.Sprintf("%+v", e); strings.Contains(s, testSecretValue) {
			t.Errorf("audit event holds the value: %s", s)
		}
	}
	want := []string{"secret.create " + sec.ID, "secret.update " + sec.ID, "secret.delete " + sec.ID}
	if !slices.Equal(got, want) {
		t.Errorf("audit events: got %q, want %q", got, want)
	}
	if events[1].Actor != tm.admin.UserID {
		t.Errorf("update actor: %s, want %s", events[1].Actor, tm.admin.UserID)
	}
}

func TestSecret_QuotaAndDuplicateName(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanFree)
	limits, _ := platform.PlanLimits(platform.PlanFree)
	for i := range limits.Secrets {
		f.secret(ws, owner, fmt.Sprintf("S_%d", i))
	}
	_, err := f.svc.CreateSecret(f.ctx, owner, ws.Slug, service.SecretInput{Name: "ONE_MORE", Value: "v"})
	wantCode(t, err, platform.CodeQuotaExceeded, string(platform.PlanFree), fmt.Sprintf("allows %d", limits.Secrets))
	_, err = f.svc.CreateSecret(service.WithValidateOnly(f.ctx), owner, ws.Slug, service.SecretInput{Name: "ONE_MORE", Value: "v"})
	wantCode(t, err, platform.CodeQuotaExceeded)
	if u := f.usage(ws, owner); u.Usage.Secrets != limits.Secrets {
		t.Errorf("usage: %d secrets, want %d", u.Usage.Secrets, limits.Secrets)
	}
	must(t, f.svc.DeleteSecret(f.ctx, owner, ws.Slug, "S_0", 0))
	_, err = f.svc.CreateSecret(f.ctx, owner, ws.Slug, service.SecretInput{Name: "S_1", Value: "v"})
	wantCode(t, err, platform.CodeAlreadyExists, "S_1")
	_, err = f.svc.CreateSecret(service.WithValidateOnly(f.ctx), owner, ws.Slug, service.SecretInput{Name: "S_1", Value: "v"})
	wantCode(t, err, platform.CodeAlreadyExists, "S_1")
}

// TestSecret_DatabaseHoldsNoValue: no byte sequence of a value, in any encoding a store might
// use, is in the database file or its write-ahead log.
func TestSecret_DatabaseHoldsNoValue(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	values := []string{testSecretValue, "ünïcödé-välüe-🚀"}
	for i, v := range values {
		_, err := f.svc.CreateSecret(f.ctx, tm.owner, tm.ws.Slug, service.SecretInput{Name: fmt.Sprintf("V_%d", i), Value: v})
		must(t, err)
		_, err = f.svc.UpdateSecret(f.ctx, tm.owner, tm.ws.Slug, fmt.Sprintf("V_%d", i), service.SecretPatch{Value: ptr(v + "-next")}, 0)
		must(t, err)
	}
	assertNoValueInFiles(t, f.path, values...)
	must(t, f.store.Close())
	st, err := sqlite.Open(f.ctx, f.path) // checkpointed on close: the values are not in the main file either
	must(t, err)
	must(t, st.Close())
	assertNoValueInFiles(t, f.path, values...)
}

// assertNoValueInFiles fails when the database file or its write-ahead log holds any of values,
// as UTF-8, hex or base64.
func assertNoValueInFiles(t *testing.T, dbPath string, values ...string) {
	t.Helper()
	for _, p := range []string{dbPath, dbPath + "-wal"} {
		b, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		must(t, err)
		for _, v := range values {
			for _, enc := range []string{v, hex.EncodeToString([]byte(v)), strings.ToUpper(hex.EncodeToString([]byte(v))),
				base64.StdEncoding.EncodeToString([]byte(v)), base64.RawURLEncoding.EncodeToString([]byte(v))} {
				if bytes.Contains(b, []byte(enc)) {
					t.Errorf("%s holds the value %q (as %q)", filepath.Base(p), v, enc)
				}
			}
		}
	}
}

// clusterForUsers creates a cluster in ws as by and runs it.
func (f *fixture) clusterForUsers(ws *platform.Workspace, by *platform.Principal) *platform.Cluster {
	f.tb.Helper()
	ch := f.cluster(ws, by)
	f.finishOperations()
	return ch.Cluster
}

// installationUsing writes an installation of a chart on c that receives secrets, straight to
// the store (installations have their own use cases; these tests need only the reference).
func (f *fixture) installationUsing(c *platform.Cluster, name string, secrets ...string) *platform.Installation {
	f.tb.Helper()
	in := &platform.Installation{ID: platform.NewID(platform.PrefixInstallation), WorkspaceID: c.WorkspaceID, Name: name,
		ClusterID: c.ID, Namespace: name, Source: platform.InstallationSource{Chart: "oci://charts.example.com/app:1.0.0"},
		Values: map[string]string{}, Secrets: append([]string{}, secrets...), Status: platform.InstallationInstalled,
		RepositoryURL: "oci://localhost/" + c.WorkspaceID + "/" + name}
	in.Stamp(f.svc.Now())
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateInstallation(in) }))
	return in
}

// deploymentUsing writes a deployment of project p on c, built from source (nil for none) and
// receiving secrets, straight to the store.
func (f *fixture) deploymentUsing(p *platform.Project, c *platform.Cluster, name string, source *platform.DeploymentSource,
	secrets ...string) *platform.Deployment {
	f.tb.Helper()
	d := &platform.Deployment{ID: platform.NewID(platform.PrefixDeployment), WorkspaceID: p.WorkspaceID, ProjectID: p.ID,
		Name: name, ClusterID: c.ID, Image: "registry.example.com/app:1.0", Replicas: 1, Env: map[string]string{},
		Secrets: append([]string{}, secrets...), Source: source, Status: platform.DeploymentRunning, Revision: 1,
		URL: "https://" + name + ".apps.localhost"}
	d.Stamp(f.svc.Now())
	must(f.tb, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.CreateDeployment(d) }))
	return d
}
