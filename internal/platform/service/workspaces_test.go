package service_test

import (
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Workspaces and organizations (docs/platform.md section 4).

func TestWorkspace_CreateNeedsUserToken(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	_, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	_, err := f.svc.CreateWorkspace(f.ctx, key, service.WorkspaceInput{Slug: "by-key", Name: "By key"})
	wantCode(t, err, platform.CodePermissionDenied, "user token")
	_, err = f.svc.CreateOrganization(f.ctx, key, service.OrganizationInput{Slug: "by-key", Name: "By key"})
	wantCode(t, err, platform.CodePermissionDenied)

	// A user becomes owner of what they create; plan defaults to free.
	u := f.newUser("creator")
	ws, err := f.svc.CreateWorkspace(f.ctx, u, service.WorkspaceInput{Slug: "mine", Name: "Mine", Settings: map[string]string{"team": "a"}})
	must(t, err)
	if ws.Plan != platform.PlanFree || ws.Version != 1 || ws.Settings["team"] != "a" || !ws.CreatedAt.Equal(t0) {
		t.Errorf("created workspace: %+v", ws)
	}
	if got := f.memberRole(ws, u); got != platform.RoleOwner {
		t.Errorf("creator's role: %q", got)
	}
	// Slugs are unique.
	_, err = f.svc.CreateWorkspace(f.ctx, tm.owner, service.WorkspaceInput{Slug: "mine", Name: "Again"})
	wantCode(t, err, platform.CodeAlreadyExists)
}

func TestWorkspace_UpdateNeedsWorkspaceUpdate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	_, ro := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	_, rw := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	for name, who := range map[string]*platform.Principal{"member": tm.member, "viewer": tm.viewer, "read_only key": ro} {
		_, err := f.svc.UpdateWorkspace(f.ctx, who, tm.ws.Slug, service.WorkspacePatch{Name: new("Hijacked")}, 0)
		if !platform.IsCode(err, platform.CodePermissionDenied) {
			t.Errorf("%s renaming the workspace: got %v, want permission_denied", name, err)
		}
	}
	for _, who := range []*platform.Principal{tm.admin, rw} {
		_, err := f.svc.UpdateWorkspace(f.ctx, who, tm.ws.Slug, service.WorkspacePatch{Description: new("ok"), Settings: &map[string]string{"k": "v"}}, 0)
		must(t, err)
	}
}

// TestWorkspace_EmptyPatchByViewerChangesNothing: a PATCH that changes nothing must not let
// a caller without workspace.update bump the version or write an audit event.
func TestWorkspace_EmptyPatchByViewerChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	_, ro := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	before, err := f.svc.GetWorkspace(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	events := len(f.auditEvents(tm.ws, tm.owner))

	// One rule for every field (docs/platform.md section 7): a PATCH needs the permission of
	// every field it names, whether or not the value changes; an empty one needs none.
	for name, patch := range map[string]service.WorkspacePatch{
		"empty":             {},
		"same plan":         {Plan: new(before.Plan)},
		"same managing org": {ManagingOrganizationID: new("")},
		"same name":         {Name: new(before.Name)},
	} {
		for who, caller := range map[string]*platform.Principal{"viewer": tm.viewer, "read_only key": ro} {
			_, err := f.svc.UpdateWorkspace(f.ctx, caller, tm.ws.Slug, patch, 0)
			switch {
			case name == "empty" && err != nil:
				t.Errorf("empty patch by %s: %v, want success without change", who, err)
			case name != "empty" && !platform.IsCode(err, platform.CodePermissionDenied):
				t.Errorf("%s patch by %s: got %v, want permission_denied (the field is named, changed or not)", name, who, err)
			}
		}
	}
	// The owner may name every field unchanged: nothing is written.
	same, err := f.svc.UpdateWorkspace(f.ctx, tm.owner, tm.ws.Slug, service.WorkspacePatch{Plan: new(before.Plan),
		Name: new(before.Name), ManagingOrganizationID: new("")}, 0)
	must(t, err)
	if same.Version != before.Version {
		t.Errorf("an unchanged patch by the owner moved the version to %d", same.Version)
	}
	after, err := f.svc.GetWorkspace(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if after.Version != before.Version {
		t.Errorf("no-op PATCHes by a viewer and a read_only key moved the workspace from version %d to %d", before.Version, after.Version)
	}
	if got := len(f.auditEvents(tm.ws, tm.owner)); got != events {
		t.Errorf("no-op PATCHes by a viewer and a read_only key wrote %d audit events", got-events)
	}
}

func TestWorkspace_DeleteNonEmptyIsRefusedListingCounts(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	f.project(tm.ws, tm.owner)
	f.project(tm.ws, tm.owner)
	f.region(tm.ws, tm.owner)
	f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	f.cluster(tm.ws, tm.owner)
	f.role(tm.ws, tm.owner, platform.PermWorkspaceRead)

	wantCode(t, f.svc.DeleteWorkspace(f.ctx, tm.admin, tm.ws.Slug, true, 0), platform.CodePermissionDenied, string(platform.PermWorkspaceDelete))
	err := f.svc.DeleteWorkspace(f.ctx, tm.owner, tm.ws.Slug, false, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "2 projects", "1 cluster ", "1 region ", "1 api key ", "1 custom role ", "force")
	if _, err := f.svc.GetWorkspace(f.ctx, tm.owner, tm.ws.Slug); err != nil {
		t.Fatalf("workspace gone after a refused delete: %v", err)
	}
	// An empty workspace (members only) goes without force.
	empty := f.workspace(tm.owner, platform.PlanFree)
	f.member(empty, tm.owner, platform.RoleViewer)
	must(t, f.svc.DeleteWorkspace(f.ctx, tm.owner, empty.Slug, false, 0))
	_, err = f.svc.GetWorkspace(f.ctx, tm.owner, empty.Slug)
	wantCode(t, err, platform.CodeNotFound)
}

func TestWorkspace_ForceDeleteRemovesEverythingButAudit(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	prj := f.project(tm.ws, tm.member)
	reg := f.region(tm.ws, tm.owner)
	k, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	ch := f.cluster(tm.ws, tm.owner)
	role := f.role(tm.ws, tm.owner, platform.PermWorkspaceRead)
	eventsBefore := len(f.auditEvents(tm.ws, tm.owner))
	if eventsBefore == 0 {
		t.Fatal("no audit events before the delete")
	}

	must(t, f.svc.DeleteWorkspace(f.ctx, tm.owner, tm.ws.Slug, true, tm.ws.Version))

	for name, who := range map[string]*platform.Principal{"owner": tm.owner, "admin": tm.admin, "member": tm.member} {
		_, err := f.svc.GetWorkspace(f.ctx, who, tm.ws.ID)
		if !platform.IsCode(err, platform.CodeNotFound) {
			t.Errorf("GetWorkspace as %s after force delete: %v, want not_found", name, err)
		}
		wss, err := f.svc.ListWorkspaces(f.ctx, who, service.ListOptions{})
		must(t, err)
		if len(wss.Items) != 0 {
			t.Errorf("%s still lists %+v", name, wss.Items)
		}
	}
	// Its API keys stop authenticating.
	_, err := f.svc.Authenticate(f.ctx, k.Secret)
	wantCode(t, err, platform.CodeUnauthenticated)
	_, err = f.svc.GetWorkspace(f.ctx, key, tm.ws.ID)
	wantCode(t, err, platform.CodeNotFound)
	_, err = f.svc.GetOperation(f.ctx, tm.owner, ch.OperationID)
	wantCode(t, err, platform.CodeNotFound)

	// Children are gone from the store.
	must(t, f.store.View(f.ctx, func(tx platform.Tx) error {
		checks := map[string]error{}
		_, checks["project"] = tx.GetProject(tm.ws.ID, prj.ID)
		_, checks["region"] = tx.GetRegion(tm.ws.ID, reg.ID)
		_, checks["api key"] = tx.GetAPIKey(tm.ws.ID, key.APIKeyID)
		_, checks["cluster"] = tx.GetCluster(tm.ws.ID, ch.Cluster.ID)
		_, checks["role"] = tx.GetRole(tm.ws.ID, role.ID)
		_, checks["member"] = tx.GetWorkspaceMember(tm.ws.ID, tm.viewer.UserID)
		_, checks["project member"] = tx.GetProjectMember(prj.ID, tm.member.UserID)
		_, checks["workspace"] = tx.GetWorkspace(tm.ws.ID)
		for what, err := range checks {
			if !platform.IsCode(err, platform.CodeNotFound) {
				t.Errorf("%s after force delete: %v, want not_found", what, err)
			}
		}
		// Users survive: they exist outside workspaces.
		if _, err := tx.GetUser(tm.member.UserID); err != nil {
			t.Errorf("user deleted with the workspace: %v", err)
		}
		return nil
	}))

	// Audit events remain, ending with the delete itself.
	events := f.storedAuditEvents(tm.ws.ID)
	if len(events) != eventsBefore+1 {
		t.Fatalf("audit events after force delete: got %d, want %d", len(events), eventsBefore+1)
	}
	last := events[len(events)-1]
	if last.Action != "workspace.delete" || last.Actor != tm.owner.UserID || last.Target != tm.ws.ID {
		t.Errorf("last audit event: %+v", last)
	}
	// The slug is free again.
	_, err = f.svc.CreateWorkspace(f.ctx, tm.owner, service.WorkspaceInput{Slug: tm.ws.Slug, Name: "Again"})
	must(t, err)
}

func TestOrganization_DeleteRefusedWhileManagingWorkspace(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := f.managed()

	// Leaving the organization ends the implicit access at once.
	_, err := f.svc.GetProject(f.ctx, m.both, m.ws.Slug, f.project(m.ws, m.customer).Slug)
	must(t, err)
	must(t, f.svc.RemoveOrganizationMember(f.ctx, m.provider, m.org.Slug, m.both.Email, 0))
	_, err = f.svc.GetWorkspace(f.ctx, m.both, m.ws.Slug)
	wantCode(t, err, platform.CodeNotFound)
	// The last organization owner stays.
	wantCode(t, f.svc.RemoveOrganizationMember(f.ctx, m.provider, m.org.Slug, m.provider.Email, 0), platform.CodeFailedPrecondition)

	// Members cannot delete it at all.
	wantCode(t, f.svc.DeleteOrganization(f.ctx, m.orgMember, m.org.Slug, 0), platform.CodePermissionDenied)
	err = f.svc.DeleteOrganization(f.ctx, m.provider, m.org.Slug, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "1 workspace")
	if _, err := f.svc.GetOrganization(f.ctx, m.provider, m.org.ID); err != nil {
		t.Fatalf("organization gone after refused delete: %v", err)
	}
	// Once the workspace lets go of it, it can be deleted.
	_, err = f.svc.UpdateWorkspace(f.ctx, m.customer, m.ws.Slug, service.WorkspacePatch{ManagingOrganizationID: new("")}, 0)
	must(t, err)
	_, err = f.svc.GetWorkspace(f.ctx, m.orgMember, m.ws.Slug)
	wantCode(t, err, platform.CodeNotFound)
	must(t, f.svc.DeleteOrganization(f.ctx, m.provider, m.org.Slug, 0))
	_, err = f.svc.GetOrganization(f.ctx, m.provider, m.org.ID)
	wantCode(t, err, platform.CodeNotFound)
	// Outsiders never see organizations.
	_, err = f.svc.GetOrganization(f.ctx, f.newUser("x"), "msp")
	wantCode(t, err, platform.CodeNotFound)
}

// Only owners transfer ownership; a custom role holding ownership.transfer gets a message that
// says so (not "missing permission", which it holds).
func TestWorkspace_TransferOwnershipOnlyByOwners(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	transferer := f.role(tm.ws, tm.owner, platform.PermWorkspaceRead, platform.PermOwnershipTransfer)
	holder := f.member(tm.ws, tm.owner, transferer.ID)
	_, err := f.svc.TransferOwnership(f.ctx, holder, tm.ws.Slug, service.TransferOwnershipInput{Email: tm.admin.Email})
	wantCode(t, err, platform.CodePermissionDenied, "only a workspace owner can transfer ownership",
		"a custom role holding ownership.transfer is not enough")
	if strings.Contains(err.Error(), "missing permission") {
		t.Errorf("message %q claims a missing permission", err)
	}
}
