package service_test

import (
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// No escalation, only owners make owners, and the last-owner rule (docs/platform.md section 2).

func (f *fixture) memberRole(ws *platform.Workspace, who *platform.Principal) string {
	f.tb.Helper()
	m, err := f.svc.GetMember(f.ctx, who, ws.Slug, who.Email)
	must(f.tb, err)
	return m.Role
}

func TestNoEscalation_AdminCannotMakeOwners(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)

	_, err := f.svc.InviteMember(f.ctx, tm.admin, tm.ws.Slug, service.MemberInput{Email: f.email("x"), Role: platform.RoleOwner})
	wantCode(t, err, platform.CodePermissionDenied, "owner")
	_, err = f.svc.UpdateMember(f.ctx, tm.admin, tm.ws.Slug, tm.member.Email, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "owner")
	// An admin cannot promote themselves either.
	_, err = f.svc.UpdateMember(f.ctx, tm.admin, tm.ws.Slug, tm.admin.Email, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "owner")
	if got := f.memberRole(tm.ws, tm.member); got != platform.RoleMember {
		t.Errorf("member's role after refused promotion: %q", got)
	}
	// Dry run gives the same answer.
	_, err = f.svc.UpdateMember(service.WithValidateOnly(f.ctx), tm.admin, tm.ws.Slug, tm.member.Email, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
	wantCode(t, err, platform.CodePermissionDenied)
	// Admins can still manage non-owners.
	_, err = f.svc.UpdateMember(f.ctx, tm.admin, tm.ws.Slug, tm.member.Email, service.MemberPatch{Role: new(platform.RoleAdmin)}, 0)
	must(t, err)
}

func TestNoEscalation_OwnerCanMakeOwners(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	m, err := f.svc.InviteMember(f.ctx, tm.owner, tm.ws.Slug, service.MemberInput{Email: f.email("new-owner"), Role: platform.RoleOwner})
	must(t, err)
	if m.Role != platform.RoleOwner {
		t.Errorf("invited owner has role %q", m.Role)
	}
	m, err = f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, tm.admin.UserID, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
	must(t, err)
	if m.Role != platform.RoleOwner {
		t.Errorf("promoted admin has role %q", m.Role)
	}
	// The promoted owner now holds owner permissions.
	_, err = f.svc.UpdateMember(f.ctx, tm.admin, tm.ws.Slug, tm.viewer.Email, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
	must(t, err)
}

func TestNoEscalation_AdminCannotDemoteOrRemoveOwner(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	owner2 := f.member(tm.ws, tm.owner, platform.RoleOwner) // so the last-owner rule is not what refuses

	_, err := f.svc.UpdateMember(f.ctx, tm.admin, tm.ws.Slug, owner2.Email, service.MemberPatch{Role: new(platform.RoleViewer)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "owner")
	wantCode(t, f.svc.RemoveMember(f.ctx, tm.admin, tm.ws.Slug, owner2.Email, 0), platform.CodePermissionDenied, "owner")
	wantCode(t, f.svc.RemoveMember(f.ctx, tm.admin, tm.ws.Slug, tm.owner.UserID, 0), platform.CodePermissionDenied)
	if got := f.memberRole(tm.ws, owner2); got != platform.RoleOwner {
		t.Errorf("owner2's role: got %q, want owner", got)
	}
	// A read_write key holds members.manage but is no owner either.
	_, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	wantCode(t, f.svc.RemoveMember(f.ctx, key, tm.ws.Slug, owner2.Email, 0), platform.CodePermissionDenied)
	_, err = f.svc.InviteMember(f.ctx, key, tm.ws.Slug, service.MemberInput{Email: f.email("x"), Role: platform.RoleOwner})
	wantCode(t, err, platform.CodePermissionDenied)
	// Nor can the key make admins: an admin holds billing.manage, a key does not.
	_, err = f.svc.UpdateMember(f.ctx, key, tm.ws.Slug, tm.viewer.Email, service.MemberPatch{Role: new(platform.RoleAdmin)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermBillingManage))
	wantCode(t, f.svc.RemoveMember(f.ctx, key, tm.ws.Slug, tm.admin.Email, 0), platform.CodePermissionDenied)
	_, err = f.svc.UpdateMember(f.ctx, key, tm.ws.Slug, tm.viewer.Email, service.MemberPatch{Role: new(platform.RoleMember)}, 0)
	must(t, err)
	// Members and viewers cannot manage members at all.
	for _, who := range []*platform.Principal{tm.member, tm.viewer} {
		wantCode(t, f.svc.RemoveMember(f.ctx, who, tm.ws.Slug, tm.admin.Email, 0), platform.CodePermissionDenied, string(platform.PermMembersManage))
		_, err := f.svc.InviteMember(f.ctx, who, tm.ws.Slug, service.MemberInput{Email: f.email("x"), Role: platform.RoleViewer})
		wantCode(t, err, platform.CodePermissionDenied, string(platform.PermMembersManage))
	}
	// The owner can demote the other owner.
	_, err = f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, owner2.Email, service.MemberPatch{Role: new(platform.RoleViewer)}, 0)
	must(t, err)
}

func TestNoEscalation_CustomRoleCannotAssignRoleWithPermissionItLacks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanEnterprise)
	manager := f.role(ws, owner, append(viewerReads, platform.PermMembersManage)...)
	roleAdmin := f.role(ws, owner, platform.PermMembersRead, platform.PermRolesManage)
	mgr := f.member(ws, owner, manager.ID)
	target := f.member(ws, owner, platform.RoleViewer)

	_, err := f.svc.InviteMember(f.ctx, mgr, ws.Slug, service.MemberInput{Email: f.email("x"), Role: roleAdmin.ID})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermRolesManage))
	_, err = f.svc.UpdateMember(f.ctx, mgr, ws.Slug, target.Email, service.MemberPatch{Role: new(roleAdmin.ID)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermRolesManage))
	// Nor a built-in role holding more than the manager has.
	_, err = f.svc.UpdateMember(f.ctx, mgr, ws.Slug, target.Email, service.MemberPatch{Role: new(platform.RoleAdmin)}, 0)
	wantCode(t, err, platform.CodePermissionDenied)
	// Nor can they create or widen roles: they lack roles.manage.
	_, err = f.svc.CreateRole(f.ctx, mgr, ws.Slug, service.RoleInput{Name: "sneaky", Permissions: []platform.Permission{platform.PermRolesManage}})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermRolesManage))
	// Within their own permissions the manager works: a viewer, or their own role.
	_, err = f.svc.InviteMember(f.ctx, mgr, ws.Slug, service.MemberInput{Email: f.email("v"), Role: platform.RoleViewer})
	must(t, err)
	_, err = f.svc.UpdateMember(f.ctx, mgr, ws.Slug, target.Email, service.MemberPatch{Role: new(manager.ID)}, 0)
	must(t, err)
	// And cannot change someone who holds more than they do.
	admin := f.member(ws, owner, platform.RoleAdmin)
	wantCode(t, f.svc.RemoveMember(f.ctx, mgr, ws.Slug, admin.Email, 0), platform.CodePermissionDenied)
}

func TestNoEscalation_ProjectMembersManagedByProjectAdminsOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	prj := f.project(tm.ws, tm.member) // member becomes project admin via an override (rule 6)
	helper := f.member(tm.ws, tm.owner, platform.RoleMember)

	// A project admin through an override can add project admins.
	pm, err := f.svc.AddProjectMember(f.ctx, tm.member, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: tm.viewer.Email, Role: platform.ProjectRoleAdmin})
	must(t, err)
	if pm.Role != platform.ProjectRoleAdmin || pm.UserID != tm.viewer.UserID {
		t.Errorf("added override: %+v", pm)
	}
	// The workspace viewer, now project admin, can manage project members too.
	_, err = f.svc.AddProjectMember(f.ctx, tm.viewer, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{UserID: helper.UserID, Role: platform.ProjectRoleMember})
	must(t, err)

	// A project "member" cannot manage project members.
	_, err = f.svc.AddProjectMember(f.ctx, helper, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: tm.admin.Email, Role: platform.ProjectRoleViewer})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectMembersManage))
	_, err = f.svc.UpdateProjectMember(f.ctx, helper, tm.ws.Slug, prj.Slug, helper.Email, service.ProjectMemberPatch{Role: new(platform.ProjectRoleAdmin)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermProjectMembersManage))
	wantCode(t, f.svc.RemoveProjectMember(f.ctx, helper, tm.ws.Slug, prj.Slug, tm.viewer.Email, 0), platform.CodePermissionDenied)
	// But a project member can update the project itself.
	_, err = f.svc.UpdateProject(f.ctx, helper, tm.ws.Slug, prj.Slug, service.ProjectPatch{Description: new("by project member")}, 0)
	must(t, err)
	wantCode(t, f.svc.DeleteProject(f.ctx, helper, tm.ws.Slug, prj.Slug, 0), platform.CodePermissionDenied, string(platform.PermProjectDelete))

	// Project members must be workspace members.
	_, err = f.svc.AddProjectMember(f.ctx, tm.member, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: "stranger@example.com", Role: platform.ProjectRoleViewer})
	wantCode(t, err, platform.CodeFailedPrecondition)
	stranger := f.newUser("stranger")
	_, err = f.svc.AddProjectMember(f.ctx, tm.member, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{UserID: stranger.UserID, Role: platform.ProjectRoleViewer})
	wantCode(t, err, platform.CodeFailedPrecondition)
}

func TestNoEscalation_APIKeyCreation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanEnterprise)
	admin := f.member(ws, owner, platform.RoleAdmin)

	k, err := f.svc.CreateAPIKey(f.ctx, admin, ws.Slug, service.APIKeyInput{Name: "ci", Access: platform.AccessReadWrite})
	must(t, err)
	if k.Access != platform.AccessReadWrite || k.CreatedBy != admin.UserID {
		t.Errorf("key created by admin: %+v", k.APIKey)
	}

	// Everything a read_write key can do except members.manage, plus api_keys.manage.
	keyMinter := f.role(ws, owner,
		platform.PermAPIKeysManage, platform.PermWorkspaceUpdate, platform.PermMembersRead, platform.PermRolesManage,
		platform.PermProjectsCreate, platform.PermRegionsManage, platform.PermClustersManage, platform.PermClustersRead,
		platform.PermRegionsRead, platform.PermProjectRead, platform.PermProjectUpdate, platform.PermProjectDelete,
		platform.PermProjectMembersManage, platform.PermProductsManage, platform.PermInstallationsManage,
		platform.PermSecretsManage, platform.PermProductsRead, platform.PermInstallationsRead, platform.PermSecretsRead,
		platform.PermIntegrationsRead, platform.PermDeploymentsWrite, platform.PermDeploymentsRead, platform.PermLogsRead)
	minter := f.member(ws, owner, keyMinter.ID)
	_, err = f.svc.CreateAPIKey(f.ctx, minter, ws.Slug, service.APIKeyInput{Name: "rw", Access: platform.AccessReadWrite})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermMembersManage))
	// A read_only key grants nothing the minter lacks.
	_, err = f.svc.CreateAPIKey(f.ctx, minter, ws.Slug, service.APIKeyInput{Name: "ro", Access: platform.AccessReadOnly})
	must(t, err)

	// Keys never mint keys, members never do.
	_, rwKey := f.apiKey(ws, owner, platform.AccessReadWrite)
	_, err = f.svc.CreateAPIKey(f.ctx, rwKey, ws.Slug, service.APIKeyInput{Name: "child", Access: platform.AccessReadOnly})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermAPIKeysManage))
	member := f.member(ws, owner, platform.RoleMember)
	_, err = f.svc.CreateAPIKey(f.ctx, member, ws.Slug, service.APIKeyInput{Name: "m", Access: platform.AccessReadOnly})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermAPIKeysManage))
}

func TestLastOwner_RemovingOrDemotingOnlyOwnerIsRefused(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)

	wantCode(t, f.svc.RemoveMember(f.ctx, tm.owner, tm.ws.Slug, tm.owner.Email, 0), platform.CodeFailedPrecondition, "last owner")
	_, err := f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, tm.owner.Email, service.MemberPatch{Role: new(platform.RoleAdmin)}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "last owner")
	_, err = f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, tm.owner.Email, service.MemberPatch{Role: new(platform.RoleViewer)}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition)
	if got := f.memberRole(tm.ws, tm.owner); got != platform.RoleOwner {
		t.Fatalf("only owner's role: got %q", got)
	}

	// With two owners, demoting and removing work (including oneself).
	owner2 := f.member(tm.ws, tm.owner, platform.RoleOwner)
	_, err = f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, owner2.Email, service.MemberPatch{Role: new(platform.RoleAdmin)}, 0)
	must(t, err)
	// Now owner2 is admin and tm.owner the only owner again.
	wantCode(t, f.svc.RemoveMember(f.ctx, tm.owner, tm.ws.Slug, tm.owner.Email, 0), platform.CodeFailedPrecondition)
	_, err = f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, owner2.Email, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
	must(t, err)
	must(t, f.svc.RemoveMember(f.ctx, tm.owner, tm.ws.Slug, tm.owner.Email, 0))
	_, err = f.svc.GetWorkspace(f.ctx, tm.owner, tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound)
	// owner2 is now the last owner.
	wantCode(t, f.svc.RemoveMember(f.ctx, owner2, tm.ws.Slug, owner2.Email, 0), platform.CodeFailedPrecondition)
}

func TestTransferOwnership_TargetBecomesOwnerCallerAdmin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)

	// Only owners transfer.
	_, err := f.svc.TransferOwnership(f.ctx, tm.admin, tm.ws.Slug, service.TransferOwnershipInput{Email: tm.admin.Email})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermOwnershipTransfer))
	// Only to members.
	_, err = f.svc.TransferOwnership(f.ctx, tm.owner, tm.ws.Slug, service.TransferOwnershipInput{Email: "nobody@example.com"})
	wantCode(t, err, platform.CodeNotFound)

	m, err := f.svc.TransferOwnership(f.ctx, tm.owner, tm.ws.Slug, service.TransferOwnershipInput{UserID: tm.member.UserID})
	must(t, err)
	if m.UserID != tm.member.UserID || m.Role != platform.RoleOwner {
		t.Errorf("TransferOwnership answer: %+v", m)
	}
	if got := f.memberRole(tm.ws, tm.member); got != platform.RoleOwner {
		t.Errorf("new owner's role: %q", got)
	}
	if got := f.memberRole(tm.ws, tm.owner); got != platform.RoleAdmin {
		t.Errorf("previous owner's role: got %q, want admin", got)
	}
	// The previous owner lost owner powers.
	wantCode(t, f.svc.DeleteWorkspace(f.ctx, tm.owner, tm.ws.Slug, false, 0), platform.CodePermissionDenied)
	_, err = f.svc.TransferOwnership(f.ctx, tm.owner, tm.ws.Slug, service.TransferOwnershipInput{Email: tm.owner.Email})
	wantCode(t, err, platform.CodePermissionDenied)
	// Bad input.
	_, err = f.svc.TransferOwnership(f.ctx, tm.member, tm.ws.Slug, service.TransferOwnershipInput{})
	wantCode(t, err, platform.CodeInvalidArgument)
	_, err = f.svc.TransferOwnership(f.ctx, tm.member, tm.ws.Slug, service.TransferOwnershipInput{UserID: tm.admin.UserID, Email: tm.admin.Email})
	wantCode(t, err, platform.CodeInvalidArgument)
}

// TestTransferOwnership_OnlyOwnersMakeOwners: a custom role may hold ownership.transfer (an owner
// can grant any permission they hold), but "only owners can make owners": its holder must not be
// able to crown someone owner, and certainly not be promoted to admin on the way.
func TestTransferOwnership_OnlyOwnersMakeOwners(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanEnterprise)
	transferer := f.role(ws, owner, append(viewerReads, platform.PermOwnershipTransfer, platform.PermMembersManage)...)
	holder := f.member(ws, owner, transferer.ID)
	buddy := f.member(ws, owner, platform.RoleViewer)

	// The holder cannot make owners through UpdateMember (only owners make owners) ...
	_, err := f.svc.UpdateMember(f.ctx, holder, ws.Slug, buddy.Email, service.MemberPatch{Role: new(platform.RoleOwner)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "only owners can make owners")
	// ... and must not through TransferOwnership either.
	_, err = f.svc.TransferOwnership(f.ctx, holder, ws.Slug, service.TransferOwnershipInput{Email: buddy.Email})
	if !platform.IsCode(err, platform.CodePermissionDenied) {
		t.Errorf("TransferOwnership by a non-owner holding ownership.transfer: got %v, want permission_denied", err)
	}
	if got := f.memberRole(ws, buddy); got != platform.RoleViewer {
		t.Errorf("the non-owner made %s %q", buddy.Email, got)
	}
	if got := f.memberRole(ws, holder); got != transferer.ID {
		t.Errorf("the custom-role caller's role became %q (was %s)", got, transferer.ID)
	}
}

func TestMembers_RemovingMemberDropsProjectOverrides(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	prj := f.project(tm.ws, tm.owner)
	_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, service.ProjectMemberInput{Email: tm.viewer.Email, Role: platform.ProjectRoleAdmin})
	must(t, err)
	// Leaving is always allowed, even for a viewer.
	must(t, f.svc.RemoveMember(f.ctx, tm.viewer, tm.ws.Slug, tm.viewer.Email, 0))
	_, err = f.svc.GetWorkspace(f.ctx, tm.viewer, tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound)
	pm, err := f.svc.ListProjectMembers(f.ctx, tm.owner, tm.ws.Slug, prj.Slug, service.ListOptions{})
	must(t, err)
	if len(pm.Items) != 0 {
		t.Errorf("overrides of a removed member survive: %+v", pm.Items)
	}
	// Re-invited, they start from their workspace role again.
	_, err = f.svc.InviteMember(f.ctx, tm.owner, tm.ws.Slug, service.MemberInput{Email: tm.viewer.Email, Role: platform.RoleViewer})
	must(t, err)
	_, err = f.svc.GetProject(f.ctx, tm.viewer, tm.ws.Slug, prj.Slug)
	wantCode(t, err, platform.CodeNotFound)
}

func TestRoles_AssignedRoleCannotBeDeleted(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanEnterprise)
	r := f.role(ws, owner, platform.PermProjectRead, platform.PermProjectUpdate)
	prj := f.project(ws, owner)
	m := f.member(ws, owner, platform.RoleMember)
	_, err := f.svc.AddProjectMember(f.ctx, owner, ws.Slug, prj.Slug, service.ProjectMemberInput{Email: m.Email, Role: r.ID})
	must(t, err)
	// A custom override counts only its project permissions.
	acc, err := f.svc.ProjectAccess(f.ctx, owner, ws.Slug, prj.Slug, m.Email)
	must(t, err)
	if acc.Role != r.ID || acc.Source != platform.SourceOverride || len(acc.Permissions) != 2 {
		t.Errorf("access through a custom override: %+v", acc)
	}
	wantCode(t, f.svc.DeleteRole(f.ctx, owner, ws.Slug, r.Name, 0), platform.CodeFailedPrecondition, "1 member")
	must(t, f.svc.RemoveProjectMember(f.ctx, owner, ws.Slug, prj.Slug, m.Email, 0))
	must(t, f.svc.DeleteRole(f.ctx, owner, ws.Slug, r.ID, 0))
	_, err = f.svc.GetRole(f.ctx, owner, ws.Slug, r.ID)
	wantCode(t, err, platform.CodeNotFound)
}

// A repeated invitation names the e-mail and the workspace (or organization, or project), not
// an internal user id.
func TestMembers_DuplicateNamesEmailAndContainer(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	email := platform.NormalizeEmail(f.email("dup"))
	_, err := f.svc.InviteMember(f.ctx, tm.owner, tm.ws.Slug, service.MemberInput{Email: email, Role: platform.RoleViewer})
	must(t, err)
	_, err = f.svc.InviteMember(f.ctx, tm.owner, tm.ws.Slug, service.MemberInput{Email: strings.ToUpper(email), Role: platform.RoleAdmin})
	wantCode(t, err, platform.CodeAlreadyExists, email+" is already a member of workspace "+tm.ws.Slug)
	if strings.Contains(err.Error(), "usr_") {
		t.Errorf("message names a user id: %v", err)
	}

	p := f.project(tm.ws, tm.owner)
	in := service.ProjectMemberInput{Email: email, Role: platform.ProjectRoleMember}
	_, err = f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, p.Slug, in)
	must(t, err)
	_, err = f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, p.Slug, in)
	wantCode(t, err, platform.CodeAlreadyExists, email+" is already a member of project "+p.Slug+" in workspace "+tm.ws.Slug)

	org, err := f.svc.CreateOrganization(f.ctx, tm.owner, service.OrganizationInput{Slug: "msp-dup", Name: "MSP"})
	must(t, err)
	oin := service.OrganizationMemberInput{Email: email, Role: platform.OrgRoleMember}
	_, err = f.svc.AddOrganizationMember(f.ctx, tm.owner, org.Slug, oin)
	must(t, err)
	_, err = f.svc.AddOrganizationMember(f.ctx, tm.owner, org.Slug, oin)
	wantCode(t, err, platform.CodeAlreadyExists, email+" is already a member of organization msp-dup")
}

// Promoting a member to owner removes their project overrides: an owner is admin on every
// project, so an override would only mislead, and would come back into force on a demotion.
func TestMembers_PromotionToOwnerRemovesOverrides(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	p1, p2 := f.project(tm.ws, tm.owner), f.project(tm.ws, tm.owner)
	for _, p := range []*platform.Project{p1, p2} {
		_, err := f.svc.AddProjectMember(f.ctx, tm.owner, tm.ws.Slug, p.Slug,
			service.ProjectMemberInput{UserID: tm.member.UserID, Role: platform.ProjectRoleViewer})
		must(t, err)
	}
	_, err := f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, tm.member.UserID, service.MemberPatch{Role: ptr(platform.RoleOwner)}, 0)
	must(t, err)
	for _, p := range []*platform.Project{p1, p2} {
		_, err := f.svc.GetProjectMember(f.ctx, tm.owner, tm.ws.Slug, p.Slug, tm.member.UserID)
		wantCode(t, err, platform.CodeNotFound)
	}
	// Demoted again, they have no override left to fall back on.
	_, err = f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, tm.member.UserID, service.MemberPatch{Role: ptr(platform.RoleMember)}, 0)
	must(t, err)
	acc, err := f.svc.ProjectAccess(f.ctx, tm.owner, tm.ws.Slug, p1.Slug, tm.member.UserID)
	must(t, err)
	if acc.Source == platform.SourceOverride {
		t.Errorf("after demotion the member's access still comes from an override: %+v", acc)
	}
}
