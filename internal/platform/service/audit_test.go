package service_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Audit events, dry runs and optimistic concurrency (docs/platform.md section 7).

func TestAudit_EverySuccessfulMutationWritesExactlyOneEvent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	ws := tm.ws.Slug
	_, rw := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	var (
		prj     *platform.Project
		invited string
		keyID   string
		regID   string
		roleID  string
		cls     *service.ClusterChange
	)
	steps := []struct {
		name   string
		actor  *platform.Principal
		action string
		run    func(*platform.Principal) (target string, err error)
	}{
		{"create project", tm.owner, "project.create", func(c *platform.Principal) (string, error) {
			var err error
			prj, err = f.svc.CreateProject(f.ctx, c, ws, service.ProjectInput{Slug: "audited", Name: "Audited"})
			if err != nil {
				return "", err
			}
			return prj.ID, nil
		}},
		{"update project", tm.admin, "project.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateProject(f.ctx, c, ws, prj.Slug, service.ProjectPatch{Name: new("Audited 2")}, 0)
			return prj.ID, err
		}},
		{"create project by key", rw, "project.create", func(c *platform.Principal) (string, error) {
			p, err := f.svc.CreateProject(f.ctx, c, ws, service.ProjectInput{Slug: "by-key", Name: "By key"})
			if err != nil {
				return "", err
			}
			return p.ID, nil
		}},
		{"invite member", tm.owner, "member.create", func(c *platform.Principal) (string, error) {
			m, err := f.svc.InviteMember(f.ctx, c, ws, service.MemberInput{Email: "audited@example.com", Role: platform.RoleViewer})
			if err != nil {
				return "", err
			}
			invited = m.UserID
			return m.UserID, nil
		}},
		{"update member", tm.admin, "member.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateMember(f.ctx, c, ws, invited, service.MemberPatch{Role: new(platform.RoleMember)}, 0)
			return invited, err
		}},
		{"add project member", tm.owner, "project_member.create", func(c *platform.Principal) (string, error) {
			_, err := f.svc.AddProjectMember(f.ctx, c, ws, prj.Slug, service.ProjectMemberInput{UserID: invited, Role: platform.ProjectRoleViewer})
			return prj.ID + "/" + invited, err
		}},
		{"update project member", tm.owner, "project_member.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateProjectMember(f.ctx, c, ws, prj.Slug, invited, service.ProjectMemberPatch{Role: new(platform.ProjectRoleMember)}, 0)
			return prj.ID + "/" + invited, err
		}},
		{"remove project member", tm.owner, "project_member.delete", func(c *platform.Principal) (string, error) {
			return prj.ID + "/" + invited, f.svc.RemoveProjectMember(f.ctx, c, ws, prj.Slug, invited, 0)
		}},
		{"remove member", tm.owner, "member.delete", func(c *platform.Principal) (string, error) {
			return invited, f.svc.RemoveMember(f.ctx, c, ws, invited, 0)
		}},
		{"create api key", tm.admin, "api_key.create", func(c *platform.Principal) (string, error) {
			k, err := f.svc.CreateAPIKey(f.ctx, c, ws, service.APIKeyInput{Name: "audited", Access: platform.AccessReadOnly})
			if err != nil {
				return "", err
			}
			keyID = k.ID
			return k.ID, nil
		}},
		{"update api key", tm.owner, "api_key.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateAPIKey(f.ctx, c, ws, keyID, service.APIKeyPatch{Name: new("renamed")}, 0)
			return keyID, err
		}},
		{"rotate api key", tm.owner, "api_key.rotate", func(c *platform.Principal) (string, error) {
			_, err := f.svc.RotateAPIKey(f.ctx, c, ws, keyID, service.RotateInput{GracePeriodSeconds: 30})
			return keyID, err
		}},
		{"delete api key", tm.owner, "api_key.delete", func(c *platform.Principal) (string, error) {
			return keyID, f.svc.DeleteAPIKey(f.ctx, c, ws, keyID, 0)
		}},
		{"create region", rw, "region.create", func(c *platform.Principal) (string, error) {
			r, err := f.svc.CreateRegion(f.ctx, c, ws, service.RegionInput{Name: "audited"})
			if err != nil {
				return "", err
			}
			regID = r.ID
			return r.ID, nil
		}},
		{"update region", tm.owner, "region.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateRegion(f.ctx, c, ws, "audited", service.RegionPatch{Description: new("d")}, 0)
			return regID, err
		}},
		{"create role", tm.owner, "role.create", func(c *platform.Principal) (string, error) {
			r, err := f.svc.CreateRole(f.ctx, c, ws, service.RoleInput{Name: "audited", Permissions: []platform.Permission{platform.PermWorkspaceRead}})
			if err != nil {
				return "", err
			}
			roleID = r.ID
			return r.ID, nil
		}},
		{"update role", tm.admin, "role.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateRole(f.ctx, c, ws, roleID, service.RolePatch{Description: new("d")}, 0)
			return roleID, err
		}},
		{"delete role", tm.admin, "role.delete", func(c *platform.Principal) (string, error) {
			return roleID, f.svc.DeleteRole(f.ctx, c, ws, "audited", 0)
		}},
		{"create cluster", tm.owner, "cluster.create", func(c *platform.Principal) (string, error) {
			var err error
			cls, err = f.svc.CreateCluster(f.ctx, c, ws, f.clusterInput("eu-central-1"))
			if err != nil {
				return "", err
			}
			return cls.Cluster.ID, nil
		}},
		{"rename cluster", tm.owner, "cluster.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateCluster(f.ctx, c, ws, cls.Cluster.ID, service.ClusterPatch{Name: new("renamed")}, 0)
			return cls.Cluster.ID, err
		}},
		{"delete cluster", tm.owner, "cluster.delete", func(c *platform.Principal) (string, error) {
			_, err := f.svc.DeleteCluster(f.ctx, c, ws, cls.Cluster.ID, 0)
			return cls.Cluster.ID, err
		}},
		{"delete region", tm.owner, "region.delete", func(c *platform.Principal) (string, error) {
			return regID, f.svc.DeleteRegion(f.ctx, c, ws, regID, 0)
		}},
		{"update workspace", tm.admin, "workspace.update", func(c *platform.Principal) (string, error) {
			_, err := f.svc.UpdateWorkspace(f.ctx, c, ws, service.WorkspacePatch{Description: new("audited")}, 0)
			return tm.ws.ID, err
		}},
		{"delete project", tm.owner, "project.delete", func(c *platform.Principal) (string, error) {
			return prj.ID, f.svc.DeleteProject(f.ctx, c, ws, prj.ID, 0)
		}},
		{"transfer ownership", tm.owner, "workspace.transfer_ownership", func(c *platform.Principal) (string, error) {
			_, err := f.svc.TransferOwnership(f.ctx, c, ws, service.TransferOwnershipInput{Email: tm.admin.Email})
			return tm.admin.UserID, err
		}},
	}
	before := f.auditEvents(tm.ws, tm.owner)
	for _, step := range steps {
		target, err := step.run(step.actor)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		// tm.owner is admin after the transfer, which still lists audit events.
		events := f.auditEvents(tm.ws, tm.owner)
		if len(events) != len(before)+1 {
			t.Fatalf("%s wrote %d audit events, want 1: %+v", step.name, len(events)-len(before), events[len(before):])
		}
		e := events[len(events)-1]
		if e.Actor != step.actor.Actor() || e.Action != step.action || e.Target != target || e.WorkspaceID != tm.ws.ID || !e.At.Equal(f.clock.Now()) || e.ID == "" {
			t.Errorf("%s: audit event %+v, want actor %s action %s target %s at %s", step.name, e, step.actor.Actor(), step.action, target, f.clock.Now())
		}
		before = events
		f.clock.Advance(time.Second)
	}

	// Background operations are audited as the system.
	f.finishOperations()
	events := f.auditEvents(tm.ws, tm.admin)
	if e := events[len(events)-1]; e.Actor != "system" || e.Action != "cluster.deleted" || e.Target != cls.Cluster.ID {
		t.Errorf("audit event of a finished delete operation: %+v", e)
	}
}

func TestAudit_FailedMutationWritesNone(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	ws := tm.ws.Slug
	prj := f.project(tm.ws, tm.owner)
	f.project(tm.ws, tm.owner)
	f.project(tm.ws, tm.owner) // the free plan is now full of projects
	before := f.auditEvents(tm.ws, tm.owner)

	failures := map[string]func() error{
		"quota": func() error {
			_, err := f.svc.CreateProject(f.ctx, tm.owner, ws, service.ProjectInput{Slug: "fourth", Name: "Fourth"})
			return err
		},
		"permission": func() error {
			_, err := f.svc.InviteMember(f.ctx, tm.member, ws, service.MemberInput{Email: "x@example.com", Role: platform.RoleViewer})
			return err
		},
		"not found": func() error { return f.svc.DeleteProject(f.ctx, tm.viewer, ws, prj.Slug, 0) },
		"stale version": func() error {
			_, err := f.svc.UpdateProject(f.ctx, tm.owner, ws, prj.Slug, service.ProjectPatch{Name: new("x")}, prj.Version+7)
			return err
		},
		"invalid in transaction": func() error {
			_, err := f.svc.UpdateProject(f.ctx, tm.owner, ws, prj.Slug, service.ProjectPatch{Slug: new("Bad Slug")}, 0)
			return err
		},
		"already exists": func() error {
			_, err := f.svc.InviteMember(f.ctx, tm.owner, ws, service.MemberInput{Email: tm.viewer.Email, Role: platform.RoleViewer})
			return err
		},
		"last owner": func() error { return f.svc.RemoveMember(f.ctx, tm.owner, ws, tm.owner.Email, 0) },
		"escalation": func() error {
			_, err := f.svc.UpdateMember(f.ctx, tm.admin, ws, tm.viewer.Email, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
			return err
		},
		"non-empty delete": func() error { return f.svc.DeleteWorkspace(f.ctx, tm.owner, ws, false, 0) },
		"override for owner": func() error {
			_, err := f.svc.AddProjectMember(f.ctx, tm.owner, ws, prj.Slug, service.ProjectMemberInput{Email: tm.owner.Email, Role: platform.ProjectRoleAdmin})
			return err
		},
	}
	for name, run := range failures {
		if err := run(); err == nil {
			t.Errorf("%s: succeeded, want an error", name)
		}
	}
	if after := f.auditEvents(tm.ws, tm.owner); len(after) != len(before) {
		t.Errorf("failed mutations wrote %d audit events: %+v", len(after)-len(before), after[len(before):])
	}
}

func TestAudit_ListNeedsWorkspaceUpdate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	for _, who := range []*platform.Principal{tm.member, tm.viewer} {
		_, err := f.svc.ListAuditEvents(f.ctx, who, tm.ws.Slug, service.ListOptions{})
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermWorkspaceUpdate))
	}
	events := f.auditEvents(tm.ws, tm.admin)
	// workspace.create + three invitations, in order.
	var actions []string
	for _, e := range events {
		actions = append(actions, e.Action)
	}
	if want := []string{"workspace.create", "member.create", "member.create", "member.create"}; !reflect.DeepEqual(actions, want) {
		t.Errorf("audit trail: got %v, want %v", actions, want)
	}
}

// sameError fails unless got and want carry the same code, message and details.
func sameError(t *testing.T, what string, got, want error) {
	t.Helper()
	var g, w *platform.Error
	if !errors.As(got, &g) || !errors.As(want, &w) {
		t.Fatalf("%s: dry run error %v, real error %v: want two *platform.Error", what, got, want)
	}
	if g.Code != w.Code || g.Message != w.Message || !reflect.DeepEqual(g.Details, w.Details) {
		t.Errorf("%s: dry run answered %v %+v, the real call %v %+v", what, got, g.Details, want, w.Details)
	}
}

func TestDryRun_CreateReturnsObjectAndWritesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	dry := service.WithValidateOnly(f.ctx)
	events := len(f.auditEvents(tm.ws, tm.owner))
	noNewEvents := func(what string) {
		t.Helper()
		if got := len(f.auditEvents(tm.ws, tm.owner)); got != events {
			t.Errorf("dry run %s wrote %d audit events", what, got-events)
		}
	}

	p, err := f.svc.CreateProject(dry, tm.member, tm.ws.Slug, service.ProjectInput{Slug: "dry", Name: "Dry"})
	must(t, err)
	if p == nil || p.Slug != "dry" || p.Name != "Dry" || p.WorkspaceID != tm.ws.ID || p.Version != 1 {
		t.Errorf("dry-run project: %+v", p)
	}
	_, err = f.svc.GetProject(f.ctx, tm.owner, tm.ws.Slug, "dry")
	wantCode(t, err, platform.CodeNotFound)
	noNewEvents("create project")

	w, err := f.svc.CreateWorkspace(dry, tm.owner, service.WorkspaceInput{Slug: "dry-ws", Name: "Dry"})
	must(t, err)
	if w == nil || w.Slug != "dry-ws" || w.Plan != platform.PlanFree {
		t.Errorf("dry-run workspace: %+v", w)
	}
	_, err = f.svc.GetWorkspace(f.ctx, tm.owner, "dry-ws")
	wantCode(t, err, platform.CodeNotFound)
	if n := len(f.storedAuditEvents(w.ID)); n != 0 {
		t.Errorf("dry-run workspace create wrote %d audit events", n)
	}

	m, err := f.svc.InviteMember(dry, tm.owner, tm.ws.Slug, service.MemberInput{Email: "Dry@Example.com", Role: platform.RoleViewer})
	must(t, err)
	if m == nil || m.Email != "dry@example.com" || m.Status != platform.MemberInvited {
		t.Errorf("dry-run member: %+v", m)
	}
	_, err = f.svc.GetMember(f.ctx, tm.owner, tm.ws.Slug, "dry@example.com")
	wantCode(t, err, platform.CodeNotFound)
	must(t, f.store.View(f.ctx, func(tx platform.Tx) error {
		if _, err := tx.GetUserByEmail("dry@example.com"); !platform.IsCode(err, platform.CodeNotFound) {
			t.Errorf("dry-run invitation left a user behind: %v", err)
		}
		return nil
	}))
	noNewEvents("invite")

	k, err := f.svc.CreateAPIKey(dry, tm.owner, tm.ws.Slug, service.APIKeyInput{Name: "dry", Access: platform.AccessReadWrite})
	must(t, err)
	if k == nil || k.Name != "dry" {
		t.Errorf("dry-run key: %+v", k)
	}
	if k != nil && k.Secret != "" {
		if _, err := f.svc.Authenticate(f.ctx, k.Secret); !platform.IsCode(err, platform.CodeUnauthenticated) {
			t.Errorf("the secret of a dry-run key authenticates: %v", err)
		}
	}
	noNewEvents("create api key")

	ch, err := f.svc.CreateCluster(dry, tm.owner, tm.ws.Slug, f.clusterInput("eu-central-1"))
	must(t, err)
	if ch == nil || ch.Cluster.Status != platform.ClusterProvisioning {
		t.Errorf("dry-run cluster: %+v", ch)
	}
	list, err := f.svc.ListClusters(f.ctx, tm.owner, tm.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 0 {
		t.Errorf("dry-run cluster was stored: %+v", list.Items)
	}
	if n, err := f.svc.AdvanceOperations(f.ctx); err != nil || n != 0 {
		t.Errorf("dry-run cluster left an operation: advanced %d, %v", n, err)
	}
	noNewEvents("create cluster")

	// Updates and deletes are dry too.
	real := f.project(tm.ws, tm.owner)
	events = len(f.auditEvents(tm.ws, tm.owner))
	up, err := f.svc.UpdateProject(dry, tm.owner, tm.ws.Slug, real.Slug, service.ProjectPatch{Name: new("Would be")}, 0)
	must(t, err)
	if up.Name != "Would be" {
		t.Errorf("dry-run update answered %+v", up)
	}
	must(t, f.svc.DeleteProject(dry, tm.owner, tm.ws.Slug, real.Slug, 0))
	got, err := f.svc.GetProject(f.ctx, tm.owner, tm.ws.Slug, real.Slug)
	must(t, err)
	if got.Name != real.Name || got.Version != real.Version {
		t.Errorf("dry-run update/delete changed the project: %+v", got)
	}
	noNewEvents("update/delete project")
}

func TestDryRun_FailsExactlyAsRealCall(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	for range 3 {
		f.project(tm.ws, tm.owner)
	}
	f.member(tm.ws, tm.owner, platform.RoleViewer) // the fifth and last free member seat
	outsider := f.newUser("outsider")
	dry := service.WithValidateOnly(f.ctx)

	cases := map[string]func(ctx context.Context) error{
		"quota": func(ctx context.Context) error {
			_, err := f.svc.CreateProject(ctx, tm.owner, tm.ws.Slug, service.ProjectInput{Slug: "fourth", Name: "Fourth"})
			return err
		},
		"permission": func(ctx context.Context) error {
			_, err := f.svc.CreateProject(ctx, tm.viewer, tm.ws.Slug, service.ProjectInput{Slug: "fourth", Name: "Fourth"})
			return err
		},
		"escalation": func(ctx context.Context) error {
			_, err := f.svc.InviteMember(ctx, tm.admin, tm.ws.Slug, service.MemberInput{Email: "o@example.com", Role: platform.RoleOwner})
			return err
		},
		"invisible": func(ctx context.Context) error {
			_, err := f.svc.CreateProject(ctx, outsider, tm.ws.Slug, service.ProjectInput{Slug: "fourth", Name: "Fourth"})
			return err
		},
		"invalid": func(ctx context.Context) error {
			_, err := f.svc.CreateProject(ctx, tm.owner, tm.ws.Slug, service.ProjectInput{Slug: "X", Name: " "})
			return err
		},
		"last owner": func(ctx context.Context) error {
			return f.svc.RemoveMember(ctx, tm.owner, tm.ws.Slug, tm.owner.Email, 0)
		},
		"non-empty": func(ctx context.Context) error { return f.svc.DeleteWorkspace(ctx, tm.owner, tm.ws.Slug, false, 0) },
		"member quota": func(ctx context.Context) error {
			_, err := f.svc.InviteMember(ctx, tm.owner, tm.ws.Slug, service.MemberInput{Email: "sixth@example.com", Role: platform.RoleViewer})
			return err
		},
	}
	for name, call := range cases {
		dryErr := call(dry)
		realErr := call(f.ctx)
		if dryErr == nil || realErr == nil {
			t.Errorf("%s: dry run %v, real call %v: want both to fail", name, dryErr, realErr)
			continue
		}
		sameError(t, name, dryErr, realErr)
	}
}

func TestOptimisticConcurrency_StaleVersionIsAborted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	ws := tm.ws.Slug
	prj := f.project(tm.ws, tm.owner)

	// Two clients read version 1; the first write wins, the second is aborted.
	p2, err := f.svc.UpdateProject(f.ctx, tm.owner, ws, prj.Slug, service.ProjectPatch{Name: new("first")}, prj.Version)
	must(t, err)
	if p2.Version != prj.Version+1 {
		t.Errorf("version after update: got %d, want %d", p2.Version, prj.Version+1)
	}
	_, err = f.svc.UpdateProject(f.ctx, tm.admin, ws, prj.Slug, service.ProjectPatch{Name: new("second")}, prj.Version)
	wantCode(t, err, platform.CodeAborted)
	wantCode(t, f.svc.DeleteProject(f.ctx, tm.owner, ws, prj.Slug, prj.Version), platform.CodeAborted)
	got, err := f.svc.GetProject(f.ctx, tm.owner, ws, prj.Slug)
	must(t, err)
	if got.Name != "first" {
		t.Errorf("name after the aborted update: %q", got.Name)
	}
	// With the current version it works.
	_, err = f.svc.UpdateProject(f.ctx, tm.admin, ws, prj.Slug, service.ProjectPatch{Name: new("second")}, got.Version)
	must(t, err)

	// Every other kind honours it too.
	reg := f.region(tm.ws, tm.owner)
	key, _ := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	cls := f.cluster(tm.ws, tm.owner)
	wsNow, err := f.svc.GetWorkspace(f.ctx, tm.owner, ws)
	must(t, err)
	member, err := f.svc.GetMember(f.ctx, tm.owner, ws, tm.viewer.Email)
	must(t, err)
	stale := map[string]func(v int64) error{
		"workspace": func(v int64) error {
			_, err := f.svc.UpdateWorkspace(f.ctx, tm.owner, ws, service.WorkspacePatch{Description: new("d")}, v)
			return err
		},
		"member": func(v int64) error {
			_, err := f.svc.UpdateMember(f.ctx, tm.owner, ws, tm.viewer.Email, service.MemberPatch{Role: new(platform.RoleMember)}, v)
			return err
		},
		"region": func(v int64) error {
			_, err := f.svc.UpdateRegion(f.ctx, tm.owner, ws, reg.Name, service.RegionPatch{Description: new("d")}, v)
			return err
		},
		"api key": func(v int64) error {
			_, err := f.svc.UpdateAPIKey(f.ctx, tm.owner, ws, key.ID, service.APIKeyPatch{Name: new("renamed")}, v)
			return err
		},
		"cluster": func(v int64) error {
			_, err := f.svc.UpdateCluster(f.ctx, tm.owner, ws, cls.Cluster.Name, service.ClusterPatch{Name: new("renamed")}, v)
			return err
		},
	}
	current := map[string]int64{"workspace": wsNow.Version, "member": member.Version, "region": reg.Version, "api key": key.Version, "cluster": cls.Cluster.Version}
	for name, call := range stale {
		if err := call(current[name] + 1); !platform.IsCode(err, platform.CodeAborted) {
			t.Errorf("%s with a stale version: %v, want aborted", name, err)
		}
		if err := call(current[name]); err != nil {
			t.Errorf("%s with the current version: %v", name, err)
		}
	}
}
