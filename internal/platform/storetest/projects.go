package storetest

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var projectTests = []test{
	{"projects/create_get_by_id_and_slug_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		web := e.project(w, "web")
		api := e.project(w, "api")
		same(t, "GetProject", get(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w.ID, web.ID) }), web)
		same(t, "GetProjectBySlug", get(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProjectBySlug(w.ID, "api") }), api)
		same(t, "ListProjects", get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjects(w.ID, platform.Page{Limit: 10})
		}), []platform.Project{*web, *api})

		web.Slug, web.Name, web.Description = "website", "Website", ""
		e.touch(&web.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateProject(web) })
		same(t, "project after update", get(e, func(tx platform.Tx) (*platform.Project, error) {
			return tx.GetProjectBySlug(w.ID, "website")
		}), web)

		e.update(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, web.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w.ID, web.ID) }),
			platform.CodeNotFound, "project", q(web.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, web.ID) }),
			platform.CodeNotFound, "project", q(web.ID))
		same(t, "ListProjects after delete", get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjects(w.ID, platform.Page{Limit: 10})
		}), []platform.Project{*api})
	}},
	{"projects/scoped_to_their_workspace", func(t *testing.T, e *env) {
		w1 := e.workspace("one")
		w2 := e.workspace("two")
		p1 := e.project(w1, "web")
		p2 := e.project(w2, "web") // the same slug in another workspace is fine
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w2.ID, p1.ID) }),
			platform.CodeNotFound, "project", q(p1.ID))
		same(t, "GetProjectBySlug in w2", get(e, func(tx platform.Tx) (*platform.Project, error) {
			return tx.GetProjectBySlug(w2.ID, "web")
		}), p2)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProjectBySlug(w1.ID, "nope") }),
			platform.CodeNotFound, "project", q("nope"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteProject(w2.ID, p1.ID) }), platform.CodeNotFound, q(p1.ID))
		moved := *p1
		moved.WorkspaceID = w2.ID
		e.touch(&moved.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProject(&moved) }), platform.CodeNotFound, q(p1.ID))
		same(t, "project in w1", get(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w1.ID, p1.ID) }), p1)
	}},
	{"projects/slug_already_exists_stale_update_missing_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		web := e.project(w, "web")
		api := e.project(w, "api")
		dup := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID, Slug: "web"}
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProject(dup) }),
			platform.CodeAlreadyExists, "project", q("web"))
		renamed := *api
		renamed.Slug = "web"
		e.touch(&renamed.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProject(&renamed) }),
			platform.CodeAlreadyExists, "project", q("web"))

		stale := *web
		web.Name = "winner"
		e.touch(&web.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateProject(web) })
		stale.Name = "loser"
		e.touch(&stale.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateProject(&stale) }),
			platform.CodeAborted, "project", q(web.ID))
		same(t, "project", get(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w.ID, web.ID) }), web)

		orphan := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: "ws_missing", Slug: "web"}
		orphan.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateProject(orphan) }),
			platform.CodeNotFound, "workspace", q("ws_missing"))
	}},
	{"projects/list_for_member", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		e.member(w, alice, platform.RoleViewer)
		e.member(w, bob, platform.RoleViewer)
		p1, p2, p3 := e.project(w, "zz"), e.project(w, "aa"), e.project(w, "mm")
		e.projectMember(p3, alice, platform.ProjectRoleViewer)
		e.projectMember(p1, alice, platform.ProjectRoleAdmin)
		e.projectMember(p2, bob, platform.ProjectRoleAdmin)
		same(t, "ListProjectsForMember(alice)", get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjectsForMember(w.ID, alice.ID, platform.Page{Limit: 10})
		}), []platform.Project{*p1, *p3})
		same(t, "ListProjectsForMember(nobody)", get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjectsForMember(w.ID, "usr_nobody", platform.Page{Limit: 10})
		}), []platform.Project{})
	}},
}
