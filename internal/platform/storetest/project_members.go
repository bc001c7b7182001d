package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var projectMemberTests = []test{
	{"project_members/create_get_list_update_delete_with_email", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		p := e.project(w, "web")
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		e.member(w, alice, platform.RoleViewer)
		e.member(w, bob, platform.RoleMember)
		mb := e.projectMember(p, bob, platform.ProjectRoleViewer)
		ma := e.projectMember(p, alice, platform.ProjectRoleAdmin)
		same(t, "GetProjectMember", get(e, func(tx platform.Tx) (*platform.ProjectMember, error) {
			return tx.GetProjectMember(p.ID, alice.ID)
		}), ma)
		same(t, "ListProjectMembers", get(e, func(tx platform.Tx) ([]platform.ProjectMember, error) {
			return tx.ListProjectMembers(p.ID, platform.Page{Limit: 10})
		}), []platform.ProjectMember{*mb, *ma})

		mb.Role = platform.ProjectRoleMember
		e.touch(&mb.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateProjectMember(mb) })
		same(t, "project member after update", get(e, func(tx platform.Tx) (*platform.ProjectMember, error) {
			return tx.GetProjectMember(p.ID, bob.ID)
		}), mb)
		stale := *ma
		stale.Version = 9
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProjectMember(&stale) }),
			platform.CodeAborted, "project member", q(alice.ID))

		e.update(func(tx platform.Tx) error { return tx.DeleteProjectMember(p.ID, alice.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.ProjectMember, error) { return tx.GetProjectMember(p.ID, alice.ID) }),
			platform.CodeNotFound, "project member", q(alice.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteProjectMember(p.ID, alice.ID) }),
			platform.CodeNotFound, q(alice.ID))
		e.touch(&ma.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProjectMember(ma) }), platform.CodeNotFound, q(alice.ID))
		// Removing the override keeps the workspace membership.
		get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) { return tx.GetWorkspaceMember(w.ID, alice.ID) })
	}},
	{"project_members/duplicate_non_member_and_missing_project", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		p := e.project(w, "web")
		alice := e.user("alice@example.com")
		carol := e.user("carol@example.com")
		e.member(w, alice, platform.RoleViewer)
		e.member(other, carol, platform.RoleOwner)
		e.projectMember(p, alice, platform.ProjectRoleAdmin)
		dup := &platform.ProjectMember{WorkspaceID: w.ID, ProjectID: p.ID, UserID: alice.ID, Role: platform.ProjectRoleViewer}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProjectMember(dup) }),
			platform.CodeAlreadyExists, q(alice.ID))
		// carol is a member of another workspace only.
		outsider := &platform.ProjectMember{WorkspaceID: w.ID, ProjectID: p.ID, UserID: carol.ID, Role: platform.ProjectRoleViewer}
		outsider.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProjectMember(outsider) }),
			platform.CodeFailedPrecondition, q(carol.ID))
		noProject := &platform.ProjectMember{WorkspaceID: w.ID, ProjectID: "prj_missing", UserID: alice.ID, Role: platform.ProjectRoleViewer}
		noProject.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProjectMember(noProject) }),
			platform.CodeNotFound, "project", q("prj_missing"))
	}},
}
