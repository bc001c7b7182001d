package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var workspaceTests = []test{
	{"workspaces/create_get_by_id_and_slug", func(t *testing.T, e *env) {
		acme := e.org("acme")
		w := e.workspace("shop", managedBy(acme), func(w *platform.Workspace) {
			w.Settings = map[string]string{"region": "eu", "empty": "", "quote": `"x"`}
		})
		same(t, "GetWorkspace", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) }), w)
		same(t, "GetWorkspaceBySlug", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspaceBySlug("shop") }), w)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace("ws_missing") }),
			platform.CodeNotFound, "workspace", q("ws_missing"))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspaceBySlug("nope") }),
			platform.CodeNotFound, "workspace", q("nope"))
	}},
	{"workspaces/nil_settings_and_no_managing_organization_read_back_empty", func(t *testing.T, e *env) {
		w := e.workspace("plain", func(w *platform.Workspace) { w.Settings = nil; w.Plan = platform.PlanFree })
		got := get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) })
		if got.Settings == nil || len(got.Settings) != 0 {
			t.Errorf("Settings = %#v, want an empty non-nil map", got.Settings)
		}
		if got.ManagingOrganizationID != "" {
			t.Errorf("ManagingOrganizationID = %q, want empty", got.ManagingOrganizationID)
		}
		w.Settings = map[string]string{}
		same(t, "workspace", got, w)
	}},
	{"workspaces/update_settings_plan_and_managing_organization", func(t *testing.T, e *env) {
		acme := e.org("acme")
		w := e.workspace("shop")
		w.Slug, w.Name, w.Description, w.Plan = "shop-two", "Shop 2", "", platform.PlanPro
		w.Settings = map[string]string{"a": "1", "b": "2"}
		w.ManagingOrganizationID = acme.ID
		e.touch(&w.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateWorkspace(w) })
		same(t, "workspace after update", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) }), w)

		w.ManagingOrganizationID = ""
		w.Settings = nil
		e.touch(&w.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateWorkspace(w) })
		w.Settings = map[string]string{}
		same(t, "workspace after clearing", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) }), w)
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountWorkspacesManagedBy(acme.ID) }); n != 0 {
			t.Errorf("CountWorkspacesManagedBy = %d, want 0", n)
		}
	}},
	{"workspaces/slug_already_exists_and_missing_managing_organization", func(t *testing.T, e *env) {
		e.workspace("shop")
		other := e.workspace("other")
		dup := &platform.Workspace{ID: platform.NewID(platform.PrefixWorkspace), Slug: "shop", Plan: platform.PlanFree}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateWorkspace(dup) }),
			platform.CodeAlreadyExists, "workspace", q("shop"))
		other.Slug = "shop"
		e.touch(&other.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateWorkspace(other) }),
			platform.CodeAlreadyExists, "workspace", q("shop"))
		orphan := &platform.Workspace{ID: platform.NewID(platform.PrefixWorkspace), Slug: "orphan", Plan: platform.PlanFree,
			ManagingOrganizationID: "org_missing"}
		orphan.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateWorkspace(orphan) }),
			platform.CodeNotFound, "organization", q("org_missing"))
	}},
	{"workspaces/stale_update_aborted_missing_not_found_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		stale := *w
		w.Name = "new"
		e.touch(&w.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateWorkspace(w) })
		stale.Name = "lost"
		e.touch(&stale.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateWorkspace(&stale) }),
			platform.CodeAborted, "workspace", q(w.ID))
		same(t, "workspace", get(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) }), w)

		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspace(w.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) }),
			platform.CodeNotFound, "workspace", q(w.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteWorkspace(w.ID) }), platform.CodeNotFound, q(w.ID))
		e.touch(&w.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateWorkspace(w) }), platform.CodeNotFound, q(w.ID))
	}},
	{"workspaces/list_for_user_members_and_managing_organization_without_duplicates", func(t *testing.T, e *env) {
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		acme := e.org("acme")
		e.orgMember(acme, alice, platform.OrgRoleMember)
		direct := e.workspace("direct")
		e.member(direct, alice, platform.RoleViewer)
		e.workspace("unrelated")
		managed := e.workspace("managed", managedBy(acme))
		both := e.workspace("both", managedBy(acme))
		e.member(both, alice, platform.RoleOwner)
		e.member(both, bob, platform.RoleAdmin)
		list := func(u *platform.User) []platform.Workspace {
			return get(e, func(tx platform.Tx) ([]platform.Workspace, error) {
				return tx.ListWorkspacesForUser(u.ID, platform.Page{Limit: 10})
			})
		}
		same(t, "ListWorkspacesForUser(alice)", list(alice), []platform.Workspace{*direct, *managed, *both})
		same(t, "ListWorkspacesForUser(bob)", list(bob), []platform.Workspace{*both})

		e.update(func(tx platform.Tx) error { return tx.DeleteOrganizationMember(acme.ID, alice.ID) })
		same(t, "ListWorkspacesForUser(alice) after leaving the organization", list(alice), []platform.Workspace{*direct, *both})
	}},
	{"workspace_members/create_get_list_update_delete_with_email_and_status", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		alice := e.activeUser("alice@example.com")
		bob := e.user("bob@example.com")
		ma := e.member(w, alice, platform.RoleOwner)
		mb := e.member(w, bob, platform.RoleViewer)
		if ma.Status != platform.MemberActive || mb.Status != platform.MemberInvited {
			t.Fatalf("fixture statuses %q %q", ma.Status, mb.Status)
		}
		same(t, "GetWorkspaceMember", get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) {
			return tx.GetWorkspaceMember(w.ID, bob.ID)
		}), mb)
		same(t, "ListWorkspaceMembers", get(e, func(tx platform.Tx) ([]platform.WorkspaceMember, error) {
			return tx.ListWorkspaceMembers(w.ID, platform.Page{Limit: 10})
		}), []platform.WorkspaceMember{*ma, *mb})

		mb.Role = platform.RoleAdmin
		e.touch(&mb.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateWorkspaceMember(mb) })
		same(t, "member after update", get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) {
			return tx.GetWorkspaceMember(w.ID, bob.ID)
		}), mb)

		stale := *ma
		stale.Version = 7
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateWorkspaceMember(&stale) }),
			platform.CodeAborted, "workspace member", q(alice.ID))

		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspaceMember(w.ID, bob.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) { return tx.GetWorkspaceMember(w.ID, bob.ID) }),
			platform.CodeNotFound, "workspace member", q(bob.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteWorkspaceMember(w.ID, bob.ID) }),
			platform.CodeNotFound, q(bob.ID))
		e.touch(&mb.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateWorkspaceMember(mb) }), platform.CodeNotFound, q(bob.ID))
		// The user stays: memberships do not own users.
		get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser(bob.ID) })
	}},
	{"workspace_members/workspace_with_member_by_id_or_slug", func(t *testing.T, e *env) {
		acme := e.org("acme")
		w := e.workspace("shop", managedBy(acme))
		e.workspace("other")
		alice := e.activeUser("alice@example.com")
		bob := e.user("bob@example.com")
		carol := e.user("carol@example.com")
		ma := e.member(w, alice, platform.RoleOwner)
		mb := e.member(w, bob, platform.RoleViewer)
		for _, c := range []struct {
			ref    string
			user   *platform.User
			member *platform.WorkspaceMember
		}{{w.ID, alice, ma}, {w.Slug, alice, ma}, {w.Slug, bob, mb}, {w.ID, carol, nil}, {w.Slug, carol, nil}} {
			var (
				gotWS *platform.Workspace
				gotM  *platform.WorkspaceMember
			)
			e.view(func(tx platform.Tx) (err error) {
				gotWS, gotM, err = tx.GetWorkspaceWithMember(c.ref, c.user.ID)
				return err
			})
			same(t, "GetWorkspaceWithMember("+c.ref+", "+c.user.Email+") workspace", gotWS, w)
			same(t, "GetWorkspaceWithMember("+c.ref+", "+c.user.Email+") member", gotM, c.member)
		}
		for _, ref := range []string{"missing", "ws_missing"} {
			err := e.s.View(e.ctx, func(tx platform.Tx) error {
				_, _, err := tx.GetWorkspaceWithMember(ref, alice.ID)
				return err
			})
			wantErr(t, err, platform.CodeNotFound, q(ref))
		}
	}},
	{"workspace_members/status_is_stored_with_the_membership", func(t *testing.T, e *env) {
		shop, lab := e.workspace("shop"), e.workspace("lab")
		bob := e.user("bob@example.com")
		mb := e.member(shop, bob, platform.RoleMember)
		e.member(lab, bob, platform.RoleMember)
		// The user's own activation changes no membership.
		bob.Active = true
		e.touch(&bob.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateUser(bob) })
		same(t, "membership after the user's activation", get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) {
			return tx.GetWorkspaceMember(shop.ID, bob.ID)
		}), mb)
		// Activating one membership changes only its status, and leaves the user's others invited.
		e.update(func(tx platform.Tx) error { return tx.SetWorkspaceMemberStatus(shop.ID, bob.ID, platform.MemberActive) })
		mb.Status = platform.MemberActive
		same(t, "activated membership", get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) {
			return tx.GetWorkspaceMember(shop.ID, bob.ID)
		}), mb)
		wantErr(t, e.try(func(tx platform.Tx) error {
			return tx.SetWorkspaceMemberStatus(shop.ID, "usr_missing", platform.MemberActive)
		}), platform.CodeNotFound)
		// A role change keeps the stored status.
		mb.Role = platform.RoleAdmin
		e.touch(&mb.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateWorkspaceMember(mb) })
		same(t, "after a role change", get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) {
			return tx.GetWorkspaceMember(shop.ID, bob.ID)
		}), mb)
		list := get(e, func(tx platform.Tx) ([]platform.WorkspaceMember, error) {
			return tx.ListWorkspaceMembers(shop.ID, platform.Page{Limit: 10})
		})
		if len(list) != 1 || list[0].Status != platform.MemberActive {
			t.Errorf("listed member %+v, want status %q", list, platform.MemberActive)
		}
		var withMember *platform.WorkspaceMember
		e.view(func(tx platform.Tx) (err error) {
			_, withMember, err = tx.GetWorkspaceWithMember("lab", bob.ID)
			return err
		})
		if withMember == nil || withMember.Status != platform.MemberInvited {
			t.Errorf("the other membership is %+v, want invited", withMember)
		}
	}},
	{"workspace_members/duplicate_and_missing_references_and_owner_count", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		e.member(w, alice, platform.RoleOwner)
		e.member(w, bob, platform.RoleOwner)
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountWorkspaceOwners(w.ID) }); n != 2 {
			t.Errorf("CountWorkspaceOwners = %d, want 2", n)
		}
		dup := &platform.WorkspaceMember{WorkspaceID: w.ID, UserID: alice.ID, Role: platform.RoleViewer}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateWorkspaceMember(dup) }),
			platform.CodeAlreadyExists, q(alice.ID))
		noWS := &platform.WorkspaceMember{WorkspaceID: "ws_missing", UserID: alice.ID, Role: platform.RoleViewer}
		noWS.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateWorkspaceMember(noWS) }),
			platform.CodeNotFound, "workspace", q("ws_missing"))
		noUser := &platform.WorkspaceMember{WorkspaceID: w.ID, UserID: "usr_missing", Role: platform.RoleViewer}
		noUser.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateWorkspaceMember(noUser) }),
			platform.CodeNotFound, "user", q("usr_missing"))
	}},
	{"workspaces/usage_counts_every_kind", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		alice := e.activeUser("alice@example.com")
		bob := e.user("bob@example.com")
		e.member(w, alice, platform.RoleOwner)
		e.member(w, bob, platform.RoleViewer)
		e.member(other, bob, platform.RoleOwner)
		p1 := e.project(w, "web")
		e.project(w, "api")
		e.project(w, "db")
		e.project(other, "web")
		e.projectMember(p1, bob, platform.ProjectRoleAdmin)
		e.apiKey(w, "ci", "pk_usage-one")
		r := e.region(w, "eu")
		e.region(w, "us")
		e.cluster(w, "prod", inRegion(r))
		e.cluster(other, "prod")
		e.role(w, "auditor", platform.PermWorkspaceRead)
		got := get(e, func(tx platform.Tx) (platform.Usage, error) { return tx.WorkspaceUsage(w.ID) })
		want := platform.Usage{Projects: 3, Members: 2, APIKeys: 1, Regions: 2, Clusters: 1, CustomRoles: 1}
		if got != want {
			t.Errorf("WorkspaceUsage = %+v, want %+v", got, want)
		}
		empty := e.workspace("empty")
		if got := get(e, func(tx platform.Tx) (platform.Usage, error) { return tx.WorkspaceUsage(empty.ID) }); got != (platform.Usage{}) {
			t.Errorf("WorkspaceUsage(empty) = %+v, want zero", got)
		}
		wantErr(t, getErr(e, func(tx platform.Tx) (platform.Usage, error) { return tx.WorkspaceUsage("ws_missing") }),
			platform.CodeNotFound, "workspace", q("ws_missing"))
	}},
	{"roles/count_role_assignments_in_workspace_and_projects", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		auditor := e.role(w, "auditor", platform.PermWorkspaceRead)
		deployer := e.role(w, "deployer", platform.PermProjectUpdate)
		users := make([]*platform.User, 4)
		for i := range users {
			users[i] = e.user(string(rune('a'+i)) + "@example.com")
		}
		e.member(w, users[0], auditor.ID)
		e.member(w, users[1], auditor.ID)
		e.member(w, users[2], platform.RoleMember)
		e.member(w, users[3], platform.RoleOwner)
		e.member(other, users[0], auditor.ID) // another workspace: not counted
		p := e.project(w, "web")
		e.projectMember(p, users[2], auditor.ID)
		e.projectMember(p, users[3], deployer.ID)
		count := func(role string) int {
			return get(e, func(tx platform.Tx) (int, error) { return tx.CountRoleAssignments(w.ID, role) })
		}
		if n := count(auditor.ID); n != 3 {
			t.Errorf("CountRoleAssignments(auditor) = %d, want 3", n)
		}
		if n := count(deployer.ID); n != 1 {
			t.Errorf("CountRoleAssignments(deployer) = %d, want 1", n)
		}
		if n := count("role_unused"); n != 0 {
			t.Errorf("CountRoleAssignments(unused) = %d, want 0", n)
		}
	}},
}
