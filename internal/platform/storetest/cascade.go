package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var cascadeTests = []test{
	{"cascade/workspace_delete_removes_children_keeps_audit_events_and_other_workspaces", func(t *testing.T, e *env) {
		acme := e.org("acme")
		alice := e.activeUser("alice@example.com")
		e.orgMember(acme, alice, platform.OrgRoleOwner)
		w := e.workspace("doomed", managedBy(acme))
		keep := e.workspace("keep")
		e.member(w, alice, platform.RoleOwner)
		e.member(keep, alice, platform.RoleOwner)
		p := e.project(w, "web")
		keptProject := e.project(keep, "web")
		e.projectMember(p, alice, platform.ProjectRoleAdmin)
		r := e.role(w, "auditor")
		k := e.apiKey(w, "ci", "pk_doomed")
		reg := e.region(w, "eu")
		c := e.cluster(w, "prod", inRegion(reg), inProject(p))
		keptCluster := e.cluster(keep, "prod")
		op := e.operation(w, platform.OpPending, c)
		keptOp := e.operation(keep, platform.OpRunning, keptCluster)
		ev := e.auditEvent(w.ID, "", "workspace.create")

		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspace(w.ID) })

		gone := []struct {
			what string
			err  error
		}{
			{"workspace", getErr(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) })},
			{"workspace member", getErr(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) { return tx.GetWorkspaceMember(w.ID, alice.ID) })},
			{"project", getErr(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w.ID, p.ID) })},
			{"project member", getErr(e, func(tx platform.Tx) (*platform.ProjectMember, error) { return tx.GetProjectMember(p.ID, alice.ID) })},
			{"role", getErr(e, func(tx platform.Tx) (*platform.Role, error) { return tx.GetRole(w.ID, r.ID) })},
			{"api key", getErr(e, func(tx platform.Tx) (*platform.APIKey, error) { return tx.GetAPIKey(w.ID, k.ID) })},
			{"api key by secret", getErr(e, func(tx platform.Tx) (*platform.APIKey, error) {
				return tx.GetAPIKeyBySecretHash(platform.HashSecret("pk_doomed"))
			})},
			{"region", getErr(e, func(tx platform.Tx) (*platform.Region, error) { return tx.GetRegion(w.ID, reg.ID) })},
			{"cluster", getErr(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) })},
			{"operation", getErr(e, func(tx platform.Tx) (*platform.Operation, error) { return tx.GetOperation(op.ID) })},
		}
		for _, g := range gone {
			if !platform.IsCode(g.err, platform.CodeNotFound) {
				t.Errorf("%s after workspace delete: got %v, want not_found", g.what, g.err)
			}
		}
		same(t, "audit events of the deleted workspace", get(e, func(tx platform.Tx) ([]platform.AuditEvent, error) {
			return tx.ListAuditEvents(w.ID, platform.Page{Limit: 10})
		}), []platform.AuditEvent{*ev})
		same(t, "ListUnfinishedOperations", get(e, func(tx platform.Tx) ([]platform.Operation, error) {
			return tx.ListUnfinishedOperations(10)
		}), []platform.Operation{*keptOp})
		same(t, "ListWorkspacesForUser", get(e, func(tx platform.Tx) ([]platform.Workspace, error) {
			return tx.ListWorkspacesForUser(alice.ID, platform.Page{Limit: 10})
		}), []platform.Workspace{*keep})
		// What is not in the workspace stays.
		get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser(alice.ID) })
		get(e, func(tx platform.Tx) (*platform.Organization, error) { return tx.GetOrganization(acme.ID) })
		get(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(acme.ID, alice.ID)
		})
		same(t, "project of the other workspace", get(e, func(tx platform.Tx) (*platform.Project, error) {
			return tx.GetProject(keep.ID, keptProject.ID)
		}), keptProject)
		same(t, "cluster of the other workspace", get(e, func(tx platform.Tx) (*platform.Cluster, error) {
			return tx.GetCluster(keep.ID, keptCluster.ID)
		}), keptCluster)
		if n := get(e, func(tx platform.Tx) (int, error) { return tx.CountWorkspacesManagedBy(acme.ID) }); n != 0 {
			t.Errorf("CountWorkspacesManagedBy = %d, want 0", n)
		}
		// The slug is free again.
		e.workspace("doomed")
	}},
	{"cascade/workspace_member_delete_removes_their_project_overrides", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		e.member(w, alice, platform.RoleViewer)
		e.member(w, bob, platform.RoleViewer)
		e.member(other, alice, platform.RoleViewer)
		p1, p2 := e.project(w, "one"), e.project(w, "two")
		po := e.project(other, "one")
		e.projectMember(p1, alice, platform.ProjectRoleAdmin)
		e.projectMember(p2, alice, platform.ProjectRoleViewer)
		mb := e.projectMember(p1, bob, platform.ProjectRoleMember)
		mo := e.projectMember(po, alice, platform.ProjectRoleAdmin)

		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspaceMember(w.ID, alice.ID) })

		for _, p := range []*platform.Project{p1, p2} {
			err := getErr(e, func(tx platform.Tx) (*platform.ProjectMember, error) { return tx.GetProjectMember(p.ID, alice.ID) })
			wantErr(t, err, platform.CodeNotFound)
		}
		same(t, "ListProjectsForMember(alice)", get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjectsForMember(w.ID, alice.ID, platform.Page{Limit: 10})
		}), []platform.Project{})
		same(t, "ListProjectMembers(p1)", get(e, func(tx platform.Tx) ([]platform.ProjectMember, error) {
			return tx.ListProjectMembers(p1.ID, platform.Page{Limit: 10})
		}), []platform.ProjectMember{*mb})
		same(t, "alice's override in the other workspace", get(e, func(tx platform.Tx) (*platform.ProjectMember, error) {
			return tx.GetProjectMember(po.ID, alice.ID)
		}), mo)
		// Re-adding the member does not bring old overrides back.
		e.member(w, alice, platform.RoleMember)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.ProjectMember, error) { return tx.GetProjectMember(p1.ID, alice.ID) }),
			platform.CodeNotFound)
	}},
	{"cascade/project_delete_removes_members_and_detaches_clusters", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		alice := e.user("alice@example.com")
		e.member(w, alice, platform.RoleViewer)
		p := e.project(w, "web")
		keep := e.project(w, "api")
		e.projectMember(p, alice, platform.ProjectRoleAdmin)
		mk := e.projectMember(keep, alice, platform.ProjectRoleViewer)
		reg := e.region(w, "eu")
		c := e.cluster(w, "prod", inProject(p), inRegion(reg))
		ck := e.cluster(w, "api", inProject(keep))

		e.update(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, p.ID) })

		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.ProjectMember, error) { return tx.GetProjectMember(p.ID, alice.ID) }),
			platform.CodeNotFound)
		got := get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) })
		if got.ProjectID != "" {
			t.Errorf("cluster ProjectID = %q after its project was deleted, want empty", got.ProjectID)
		}
		if got.RegionID != reg.ID || got.Name != c.Name {
			t.Errorf("detached cluster changed otherwise: %+v", got)
		}
		same(t, "cluster of another project", get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, ck.ID) }), ck)
		same(t, "member of another project", get(e, func(tx platform.Tx) (*platform.ProjectMember, error) {
			return tx.GetProjectMember(keep.ID, alice.ID)
		}), mk)
		get(e, func(tx platform.Tx) (*platform.WorkspaceMember, error) { return tx.GetWorkspaceMember(w.ID, alice.ID) })
	}},
	{"cascade/organization_delete_removes_memberships", func(t *testing.T, e *env) {
		acme := e.org("acme")
		keep := e.org("keep")
		alice := e.user("alice@example.com")
		e.orgMember(acme, alice, platform.OrgRoleOwner)
		mk := e.orgMember(keep, alice, platform.OrgRoleMember)
		e.update(func(tx platform.Tx) error { return tx.DeleteOrganization(acme.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(acme.ID, alice.ID)
		}),
			platform.CodeNotFound)
		same(t, "ListOrganizationsForUser", get(e, func(tx platform.Tx) ([]platform.Organization, error) {
			return tx.ListOrganizationsForUser(alice.ID, platform.Page{Limit: 10})
		}), []platform.Organization{*keep})
		same(t, "membership of the other organization", get(e, func(tx platform.Tx) (*platform.OrganizationMember, error) {
			return tx.GetOrganizationMember(keep.ID, alice.ID)
		}), mk)
		get(e, func(tx platform.Tx) (*platform.User, error) { return tx.GetUser(alice.ID) })
	}},
}
