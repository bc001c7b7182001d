package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var roleTests = []test{
	{"roles/create_get_by_id_and_name_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		auditor := e.role(w, "auditor", platform.PermWorkspaceRead, platform.PermMembersRead, platform.PermProjectRead)
		empty := e.role(w, "nothing")
		same(t, "GetRole", get(e, func(tx platform.Tx) (*platform.Role, error) { return tx.GetRole(w.ID, auditor.ID) }), auditor)
		same(t, "GetRoleByName (nil permissions read back empty)", get(e, func(tx platform.Tx) (*platform.Role, error) {
			return tx.GetRoleByName(w.ID, "nothing")
		}), empty)
		same(t, "ListRoles", get(e, func(tx platform.Tx) ([]platform.Role, error) {
			return tx.ListRoles(w.ID, platform.Page{Limit: 10})
		}), []platform.Role{*auditor, *empty})

		auditor.Name, auditor.Description = "reader", "reads"
		auditor.Permissions = []platform.Permission{platform.PermClustersRead}
		e.touch(&auditor.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateRole(auditor) })
		same(t, "role after update", get(e, func(tx platform.Tx) (*platform.Role, error) { return tx.GetRoleByName(w.ID, "reader") }), auditor)

		e.update(func(tx platform.Tx) error { return tx.DeleteRole(w.ID, auditor.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Role, error) { return tx.GetRole(w.ID, auditor.ID) }),
			platform.CodeNotFound, "role", q(auditor.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Role, error) { return tx.GetRoleByName(w.ID, "reader") }),
			platform.CodeNotFound, "role", q("reader"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteRole(w.ID, auditor.ID) }), platform.CodeNotFound, q(auditor.ID))
	}},
	{"roles/name_already_exists_stale_update_other_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		r := e.role(w, "auditor", platform.PermWorkspaceRead)
		r2 := e.role(w, "deployer")
		e.role(other, "auditor") // the same name in another workspace is fine
		dup := &platform.Role{ID: platform.NewID(platform.PrefixRole), WorkspaceID: w.ID, Name: "auditor"}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateRole(dup) }), platform.CodeAlreadyExists, "role", q("auditor"))
		r2.Name = "auditor"
		e.touch(&r2.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateRole(r2) }), platform.CodeAlreadyExists, "role", q("auditor"))
		stale := *r
		stale.Version = 3
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateRole(&stale) }), platform.CodeAborted, "role", q(r.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Role, error) { return tx.GetRole(other.ID, r.ID) }),
			platform.CodeNotFound, q(r.ID))
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
