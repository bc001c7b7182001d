package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var workspaceMemberTests = []test{
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
}
