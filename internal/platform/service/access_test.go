package service_test

import (
	"slices"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Project access rules 1-6 (docs/platform.md section 2), end to end through the service.

var allProjectPerms = []platform.Permission{
	platform.PermProjectRead, platform.PermProjectUpdate, platform.PermProjectDelete, platform.PermProjectMembersManage,
	platform.PermDeploymentsWrite, platform.PermDeploymentsRead, platform.PermLogsRead,
}

var projectViewerPerms = []platform.Permission{platform.PermProjectRead, platform.PermDeploymentsRead, platform.PermLogsRead}

// wantAccess checks GET .../access/{member} for target, asked by caller.
func (f *fixture) wantAccess(caller *platform.Principal, ws *platform.Workspace, prj *platform.Project, target string,
	role string, source platform.Source, perms ...platform.Permission) {
	f.tb.Helper()
	acc, err := f.svc.ProjectAccess(f.ctx, caller, ws.Slug, prj.Slug, target)
	must(f.tb, err)
	if acc.Role != role || acc.Source != source {
		f.tb.Errorf("access of %s on %s: got role %q source %q, want role %q source %q", target, prj.Slug, acc.Role, acc.Source, role, source)
	}
	if perms == nil {
		perms = []platform.Permission{}
	}
	if !slices.Equal(acc.Permissions, perms) {
		f.tb.Errorf("access of %s on %s: got permissions %v, want %v", target, prj.Slug, acc.Permissions, perms)
	}
}

func TestProjectAccess_Rule1_OwnerIsAdminOnEveryProject(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	// A project the owner did not create and has no override on.
	prj := f.project(tm.ws, tm.member)

	got, err := f.svc.GetProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug)
	must(t, err)
	if got.ID != prj.ID {
		t.Fatalf("GetProject: got %s, want %s", got.ID, prj.ID)
	}
	list, err := f.allProjects(tm.ws, tm.owner)
	must(t, err)
	if !slices.Contains(projectIDs(list), prj.ID) {
		t.Errorf("owner's project list %v lacks %s", projectIDs(list), prj.ID)
	}
	_, err = f.svc.UpdateProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, service.ProjectPatch{Name: new("Renamed by owner")}, 0)
	must(t, err)
	f.wantAccess(tm.owner, tm.ws, prj, tm.owner.Email, platform.ProjectRoleAdmin, platform.SourceOwner, allProjectPerms...)
	// Asked by someone else about the owner, the answer is the same.
	f.wantAccess(tm.admin, tm.ws, prj, tm.owner.UserID, platform.ProjectRoleAdmin, platform.SourceOwner, allProjectPerms...)
}

func TestProjectAccess_Rule1_OwnerCannotBeGivenOverride(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	prj := f.project(tm.ws, tm.owner)
	for _, caller := range []*platform.Principal{tm.owner, tm.admin} {
		_, err := f.svc.AddProjectMember(f.ctx, caller, tm.ws.Slug, prj.Slug,
			service.ProjectMemberInput{Email: tm.owner.Email, Role: platform.ProjectRoleViewer})
		wantCode(t, err, platform.CodeFailedPrecondition, "owner")
	}
	// A second owner cannot get one either.
	owner2 := f.member(tm.ws, tm.owner, platform.RoleOwner)
	_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug,
		service.ProjectMemberInput{UserID: owner2.UserID, Role: platform.ProjectRoleViewer})
	wantCode(t, err, platform.CodeFailedPrecondition)
	f.wantAccess(tm.owner, tm.ws, prj, owner2.Email, platform.ProjectRoleAdmin, platform.SourceOwner, allProjectPerms...)
}

func TestProjectAccess_Rule2_OverrideWinsBothDirections(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	prj := f.project(tm.ws, tm.owner)

	t.Run("viewer with admin override administers the project", func(t *testing.T) {
		_, err := f.svc.UpdateProject(f.ctx, tm.viewer, tm.ws.Slug, prj.Slug, service.ProjectPatch{Name: new("x")}, 0)
		wantCode(t, err, platform.CodeNotFound) // invisible before the override
		_, err = f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug,
			service.ProjectMemberInput{Email: tm.viewer.Email, Role: platform.ProjectRoleAdmin})
		must(t, err)
		_, err = f.svc.UpdateProject(f.ctx, tm.viewer, tm.ws.Slug, prj.Slug, service.ProjectPatch{Description: new("edited by a workspace viewer")}, 0)
		must(t, err)
		f.wantAccess(tm.owner, tm.ws, prj, tm.viewer.Email, platform.ProjectRoleAdmin, platform.SourceOverride, allProjectPerms...)
		// The override does not leak into the workspace: still no projects.create.
		_, err = f.svc.CreateProject(f.ctx, tm.viewer, tm.ws.Slug, service.ProjectInput{Slug: "by-viewer", Name: "x"})
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectsCreate))
	})

	t.Run("admin with viewer override is a project viewer until the override goes", func(t *testing.T) {
		_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug,
			service.ProjectMemberInput{Email: tm.admin.Email, Role: platform.ProjectRoleViewer})
		must(t, err)
		_, err = f.svc.UpdateProject(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, service.ProjectPatch{Name: new("by admin")}, 0)
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectUpdate))
		err = f.svc.DeleteProject(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, 0)
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectDelete))
		if _, err := f.svc.GetProject(f.ctx, tm.admin, tm.ws.Slug, prj.Slug); err != nil {
			t.Fatalf("a viewer override still reads the project: %v", err)
		}
		f.wantAccess(tm.owner, tm.ws, prj, tm.admin.Email, platform.ProjectRoleViewer, platform.SourceOverride, projectViewerPerms...)
		// The override cannot be raised by its holder (no escalation) ...
		_, err = f.svc.UpdateProjectMember(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, tm.admin.Email,
			service.ProjectMemberPatch{Role: new(platform.ProjectRoleAdmin)}, 0)
		wantCode(t, err, platform.CodePermissionDenied)
		// ... but members.manage lets them remove it, after which they are admin again.
		must(t, f.svc.RemoveProjectMember(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, tm.admin.Email, 0))
		_, err = f.svc.UpdateProject(f.ctx, tm.admin, tm.ws.Slug, prj.Slug, service.ProjectPatch{Name: new("by admin")}, 0)
		must(t, err)
		f.wantAccess(tm.owner, tm.ws, prj, tm.admin.Email, platform.ProjectRoleAdmin, platform.SourceWorkspaceRole, allProjectPerms...)
	})
}

func TestProjectAccess_Rule3_AdminSeesAllOthersNeedOverride(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	p1, p2 := f.project(tm.ws, tm.owner), f.project(tm.ws, tm.owner)
	outsider := f.newUser("outsider")

	list, err := f.allProjects(tm.ws, tm.admin)
	must(t, err)
	if got, want := projectIDs(list), []string{p1.ID, p2.ID}; !slices.Equal(got, want) {
		t.Errorf("admin's list: got %v, want %v", got, want)
	}
	for _, p := range []*platform.Project{p1, p2} {
		_, err := f.svc.GetProject(f.ctx, tm.admin, tm.ws.Slug, p.ID)
		must(t, err)
		f.wantAccess(tm.owner, tm.ws, p, tm.admin.Email, platform.ProjectRoleAdmin, platform.SourceWorkspaceRole, allProjectPerms...)
	}

	for name, who := range map[string]*platform.Principal{"member": tm.member, "viewer": tm.viewer} {
		t.Run(name, func(t *testing.T) {
			_, err := f.svc.GetProject(f.ctx, who, tm.ws.Slug, p1.Slug)
			wantCode(t, err, platform.CodeNotFound) // 404, not 403
			_, err = f.svc.GetProject(f.ctx, who, tm.ws.Slug, p1.ID)
			wantCode(t, err, platform.CodeNotFound)
			_, err = f.svc.UpdateProject(f.ctx, who, tm.ws.Slug, p1.Slug, service.ProjectPatch{Name: new("x")}, 0)
			wantCode(t, err, platform.CodeNotFound)
			wantCode(t, f.svc.DeleteProject(f.ctx, who, tm.ws.Slug, p1.Slug, 0), platform.CodeNotFound)
			_, err = f.svc.ProjectAccess(f.ctx, who, tm.ws.Slug, p1.Slug, who.Email)
			wantCode(t, err, platform.CodeNotFound)
			list, err := f.allProjects(tm.ws, who)
			must(t, err)
			if len(list) != 0 {
				t.Errorf("list of a %s without overrides: got %v, want none", name, projectIDs(list))
			}
			// The workspace itself is visible.
			_, err = f.svc.GetWorkspace(f.ctx, who, tm.ws.Slug)
			must(t, err)
			// Asked by the owner: no project role, decided by the workspace role.
			f.wantAccess(tm.owner, tm.ws, p1, who.Email, service.NoProjectRole, platform.SourceWorkspaceRole)
		})
	}

	t.Run("non-member", func(t *testing.T) {
		_, err := f.svc.GetWorkspace(f.ctx, outsider, tm.ws.Slug)
		wantCode(t, err, platform.CodeNotFound)
		_, err = f.svc.GetWorkspace(f.ctx, outsider, tm.ws.ID)
		wantCode(t, err, platform.CodeNotFound)
		_, err = f.svc.ListProjects(f.ctx, outsider, tm.ws.Slug, service.ListOptions{})
		wantCode(t, err, platform.CodeNotFound)
		_, err = f.svc.GetProject(f.ctx, outsider, tm.ws.Slug, p1.Slug)
		wantCode(t, err, platform.CodeNotFound)
		_, err = f.svc.ListMembers(f.ctx, outsider, tm.ws.Slug, service.ListOptions{})
		wantCode(t, err, platform.CodeNotFound)
		// Not found exactly like a workspace that does not exist.
		_, errMissing := f.svc.GetWorkspace(f.ctx, outsider, "no-such-ws")
		wantCode(t, errMissing, platform.CodeNotFound)
		// The owner asking about the outsider: not a member.
		_, err = f.svc.ProjectAccess(f.ctx, tm.owner, tm.ws.Slug, p1.Slug, outsider.Email)
		wantCode(t, err, platform.CodeNotFound)
	})
}

// managedWorkspace sets up rule 4: provider owns an organization with a plain member; the
// provider creates a workspace managed by the organization and hands ownership to customer.
type managed struct {
	org                                 *platform.Organization
	ws                                  *platform.Workspace
	provider, orgMember, customer, both *platform.Principal
}

func (f *fixture) managed() *managed {
	f.tb.Helper()
	m := &managed{provider: f.newUser("provider"), orgMember: f.newUser("orgmember"), both: f.newUser("both")}
	var err error
	m.org, err = f.svc.CreateOrganization(f.ctx, m.provider, service.OrganizationInput{Slug: "msp", Name: "Managed Services"})
	must(f.tb, err)
	for _, u := range []*platform.Principal{m.orgMember, m.both} {
		_, err = f.svc.AddOrganizationMember(f.ctx, m.provider, m.org.Slug, service.OrganizationMemberInput{Email: u.Email, Role: platform.OrgRoleMember})
		must(f.tb, err)
	}
	m.ws, err = f.svc.CreateWorkspace(f.ctx, m.provider, service.WorkspaceInput{
		Slug: "customer", Name: "Customer", ManagingOrganizationID: m.org.ID})
	must(f.tb, err)
	m.customer = f.member(m.ws, m.provider, platform.RoleOwner)
	return m
}

func TestProjectAccess_Rule4_ManagingOrganizationMembersAreImplicitAdmins(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := f.managed()
	prj := f.project(m.ws, m.customer)
	// both is an org member and also an explicit workspace viewer: viewer is not higher than admin.
	_, err := f.svc.InviteMember(f.ctx, m.customer, m.ws.Slug, service.MemberInput{Email: m.both.Email, Role: platform.RoleViewer})
	must(t, err)

	for name, who := range map[string]*platform.Principal{"org member": m.orgMember, "org member + ws viewer": m.both} {
		t.Run(name, func(t *testing.T) {
			_, err := f.svc.GetWorkspace(f.ctx, who, m.ws.Slug)
			must(t, err)
			_, err = f.svc.GetProject(f.ctx, who, m.ws.Slug, prj.Slug)
			must(t, err)
			_, err = f.svc.UpdateProject(f.ctx, who, m.ws.Slug, prj.Slug, service.ProjectPatch{Description: new("managed")}, 0)
			must(t, err)
			list, err := f.allProjects(m.ws, who)
			must(t, err)
			if !slices.Contains(projectIDs(list), prj.ID) {
				t.Errorf("managing org member's list %v lacks %s", projectIDs(list), prj.ID)
			}
			f.wantAccess(m.customer, m.ws, prj, who.Email, platform.ProjectRoleAdmin, platform.SourceManagingOrganization, allProjectPerms...)
			// Implicit admins are admins, not owners.
			wantCode(t, f.svc.DeleteWorkspace(f.ctx, who, m.ws.Slug, true, 0), platform.CodePermissionDenied)
		})
	}

	// The workspace appears in the org member's workspace list.
	wss, err := f.svc.ListWorkspaces(f.ctx, m.orgMember, service.ListOptions{})
	must(t, err)
	if len(wss.Items) != 1 || wss.Items[0].ID != m.ws.ID {
		t.Errorf("org member's workspaces: got %+v, want just %s", wss.Items, m.ws.Slug)
	}

	// An org member who is also an explicit member sees the workspace once.
	wss, err = f.svc.ListWorkspaces(f.ctx, m.both, service.ListOptions{})
	must(t, err)
	if len(wss.Items) != 1 || wss.Items[0].ID != m.ws.ID {
		t.Errorf("workspaces of an org member who is also a workspace member: %+v, want %s once", wss.Items, m.ws.Slug)
	}

	// Implicit admins are not listed as members.
	members, err := f.svc.ListMembers(f.ctx, m.customer, m.ws.Slug, service.ListOptions{})
	must(t, err)
	for _, mem := range members.Items {
		if mem.UserID == m.orgMember.UserID {
			t.Errorf("managing-organization member listed as a workspace member: %+v", mem)
		}
	}
	_, err = f.svc.GetMember(f.ctx, m.customer, m.ws.Slug, m.orgMember.Email)
	wantCode(t, err, platform.CodeNotFound)

	// An explicit owner who is also in the organization stays owner.
	f.wantAccess(m.customer, m.ws, prj, m.provider.Email, platform.ProjectRoleAdmin, platform.SourceOwner, allProjectPerms...)
	f.wantAccess(m.customer, m.ws, prj, m.customer.Email, platform.ProjectRoleAdmin, platform.SourceOwner, allProjectPerms...)
}

func TestProjectAccess_Rule4_SettingManagingOrganizationNeedsOrgOwner(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m := f.managed()

	// orgMember owns a workspace of their own but is only a member of the organization.
	own := f.workspace(m.orgMember, platform.PlanFree)
	_, err := f.svc.UpdateWorkspace(f.ctx, m.orgMember, own.Slug, service.WorkspacePatch{ManagingOrganizationID: new(m.org.ID)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "owner")
	_, err = f.svc.CreateWorkspace(f.ctx, m.orgMember, service.WorkspaceInput{Slug: "sneaky", Name: "Sneaky", ManagingOrganizationID: m.org.ID})
	wantCode(t, err, platform.CodePermissionDenied, "owner")

	// A user outside the organization: reported as not found on the field (no existence leak).
	outsider := f.newUser("outsider")
	ows := f.workspace(outsider, platform.PlanFree)
	_, err = f.svc.UpdateWorkspace(f.ctx, outsider, ows.Slug, service.WorkspacePatch{ManagingOrganizationID: new(m.org.ID)}, 0)
	wantFields(t, err, "managing_organization_id")

	// An organization owner who is only a member of the workspace cannot.
	viewerWS := f.workspace(outsider, platform.PlanFree)
	_, err = f.svc.InviteMember(f.ctx, outsider, viewerWS.Slug, service.MemberInput{Email: m.provider.Email, Role: platform.RoleMember})
	must(t, err)
	_, err = f.svc.UpdateWorkspace(f.ctx, m.provider, viewerWS.Slug, service.WorkspacePatch{ManagingOrganizationID: new(m.org.ID)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "only a workspace owner")

	// The organization owner with billing.manage can.
	ws := f.workspace(m.provider, platform.PlanFree)
	got, err := f.svc.UpdateWorkspace(f.ctx, m.provider, ws.Slug, service.WorkspacePatch{ManagingOrganizationID: new(m.org.ID)}, 0)
	must(t, err)
	if got.ManagingOrganizationID != m.org.ID {
		t.Errorf("managing_organization_id: got %q, want %q", got.ManagingOrganizationID, m.org.ID)
	}
	if _, err := f.svc.GetWorkspace(f.ctx, m.orgMember, ws.Slug); err != nil {
		t.Errorf("org member cannot see the newly managed workspace: %v", err)
	}
}

func TestProjectAccess_Rule5_APIKeys(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	prj := f.project(tm.ws, tm.owner)
	_, rw := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	_, ro := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)

	t.Run("read_write", func(t *testing.T) {
		created, err := f.svc.CreateProject(f.ctx, rw, tm.ws.Slug, service.ProjectInput{Slug: "by-key", Name: "By key"})
		must(t, err)
		_, err = f.svc.UpdateProject(f.ctx, rw, tm.ws.Slug, prj.Slug, service.ProjectPatch{Name: new("renamed by key")}, 0)
		must(t, err)
		list, err := f.allProjects(tm.ws, rw)
		must(t, err)
		if got, want := projectIDs(list), []string{prj.ID, created.ID}; !slices.Equal(got, want) {
			t.Errorf("read_write key list: got %v, want %v", got, want)
		}
		// A key gets no override on what it creates.
		pm, err := f.svc.ListProjectMembers(f.ctx, tm.owner, tm.ws.Slug, created.Slug, service.ListOptions{})
		must(t, err)
		if len(pm.Items) != 0 {
			t.Errorf("project created by a key has overrides: %+v", pm.Items)
		}
	})

	t.Run("read_only", func(t *testing.T) {
		_, err := f.svc.GetProject(f.ctx, ro, tm.ws.Slug, prj.Slug)
		must(t, err)
		list, err := f.allProjects(tm.ws, ro)
		must(t, err)
		if !slices.Contains(projectIDs(list), prj.ID) {
			t.Errorf("read_only key list %v lacks %s", projectIDs(list), prj.ID)
		}
		_, err = f.svc.CreateProject(f.ctx, ro, tm.ws.Slug, service.ProjectInput{Slug: "by-ro", Name: "x"})
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectsCreate))
		_, err = f.svc.UpdateProject(f.ctx, ro, tm.ws.Slug, prj.Slug, service.ProjectPatch{Name: new("x")}, 0)
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectUpdate))
		wantCode(t, f.svc.DeleteProject(f.ctx, ro, tm.ws.Slug, prj.Slug, 0), platform.CodePermissionDenied)
		_, err = f.svc.AddProjectMember(f.ctx, ro, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: tm.member.Email, Role: platform.ProjectRoleViewer})
		wantCode(t, err, platform.CodePermissionDenied)
	})

	t.Run("another workspace is not found", func(t *testing.T) {
		other := f.workspace(tm.owner, platform.PlanFree)
		otherPrj := f.project(other, tm.owner)
		for name, key := range map[string]*platform.Principal{"read_write": rw, "read_only": ro} {
			_, err := f.svc.GetWorkspace(f.ctx, key, other.Slug)
			wantCode(t, err, platform.CodeNotFound)
			_, err = f.svc.ListProjects(f.ctx, key, other.Slug, service.ListOptions{})
			wantCode(t, err, platform.CodeNotFound)
			_, err = f.svc.GetProject(f.ctx, key, other.ID, otherPrj.ID)
			wantCode(t, err, platform.CodeNotFound)
			_, err = f.svc.CreateProject(f.ctx, key, other.Slug, service.ProjectInput{Slug: "intruder", Name: "x"})
			wantCode(t, err, platform.CodeNotFound)
			wss, err := f.svc.ListWorkspaces(f.ctx, key, service.ListOptions{})
			must(t, err)
			if len(wss.Items) != 1 || wss.Items[0].ID != tm.ws.ID {
				t.Errorf("%s key lists workspaces %+v, want only its own", name, wss.Items)
			}
		}
	})
}

func TestProjectAccess_Rule6_CreatorGetsAdminOverrideUnlessAlreadyAdmin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)

	byMember := f.project(tm.ws, tm.member)
	pm, err := f.svc.ListProjectMembers(f.ctx, tm.owner, tm.ws.Slug, byMember.Slug, service.ListOptions{})
	must(t, err)
	if len(pm.Items) != 1 || pm.Items[0].UserID != tm.member.UserID || pm.Items[0].Role != platform.ProjectRoleAdmin {
		t.Fatalf("overrides of a project created by a member: got %+v, want the creator as admin", pm.Items)
	}
	if pm.Items[0].Email != tm.member.Email {
		t.Errorf("override e-mail: got %q, want %q", pm.Items[0].Email, tm.member.Email)
	}
	f.wantAccess(tm.owner, tm.ws, byMember, tm.member.Email, platform.ProjectRoleAdmin, platform.SourceOverride, allProjectPerms...)
	_, err = f.svc.UpdateProject(f.ctx, tm.member, tm.ws.Slug, byMember.Slug, service.ProjectPatch{Name: new("mine")}, 0)
	must(t, err)
	list, err := f.allProjects(tm.ws, tm.member)
	must(t, err)
	if got := projectIDs(list); !slices.Equal(got, []string{byMember.ID}) {
		t.Errorf("member's list: got %v, want only their project", got)
	}

	for name, who := range map[string]*platform.Principal{"admin": tm.admin, "owner": tm.owner} {
		p := f.project(tm.ws, who)
		pm, err := f.svc.ListProjectMembers(f.ctx, tm.owner, tm.ws.Slug, p.Slug, service.ListOptions{})
		must(t, err)
		if len(pm.Items) != 0 {
			t.Errorf("project created by the %s has overrides %+v, want none", name, pm.Items)
		}
	}

	_, err = f.svc.CreateProject(f.ctx, tm.viewer, tm.ws.Slug, service.ProjectInput{Slug: "by-viewer", Name: "x"})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectsCreate))
}

func TestProjectAccess_AccessEndpointNeedsProjectVisibility(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	prj := f.project(tm.ws, tm.owner)
	_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: tm.viewer.Email, Role: platform.ProjectRoleViewer})
	must(t, err)
	// A project viewer can ask about others on that project.
	f.wantAccess(tm.viewer, tm.ws, prj, tm.admin.Email, platform.ProjectRoleAdmin, platform.SourceWorkspaceRole, allProjectPerms...)
	f.wantAccess(tm.viewer, tm.ws, prj, tm.viewer.UserID, platform.ProjectRoleViewer, platform.SourceOverride, projectViewerPerms...)
	// Unknown member.
	_, err = f.svc.ProjectAccess(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, "nobody@example.com")
	wantCode(t, err, platform.CodeNotFound)
}
