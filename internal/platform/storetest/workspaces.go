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
		c := e.cluster(w, "prod", inRegion(r))
		oc := e.cluster(other, "prod")
		e.role(w, "auditor", platform.PermWorkspaceRead)
		// Applications: only listed products with a price are paid; releases are not counted;
		// an installation counts where it runs, not where its product is.
		e.product(w, "private-free")
		e.product(w, "private-priced", func(p *platform.Product) { p.Price.AmountCents = 500 })
		free := e.product(w, "listed-free", listed(0))
		paid := e.product(w, "listed-paid", listed(1500))
		e.product(other, "other-paid", listed(1500))
		e.release(paid, "1.0.0")
		otherRelease := e.release(e.product(other, "other-free", listed(0)), "1.0.0")
		e.installation(c, "own", fromRelease(e.release(free, "1.0.0")))
		e.installation(c, "bought", fromRelease(otherRelease))
		e.installation(oc, "sold", fromRelease(e.release(paid, "2.0.0")))
		e.deployment(p1, c, "site")
		e.deployment(p1, c, "worker")
		e.deployment(e.project(other, "api"), oc, "site")
		e.secret(w, "DB_PASSWORD")
		e.secret(w, "API_TOKEN")
		e.secret(w, "SMTP_PASSWORD")
		e.secret(other, "DB_PASSWORD")
		e.githubInstallation(w, 1001)
		e.githubInstallation(other, 1002)
		got := get(e, func(tx platform.Tx) (platform.Usage, error) { return tx.WorkspaceUsage(w.ID) })
		want := platform.Usage{Projects: 3, Members: 2, APIKeys: 1, Regions: 2, Clusters: 1, CustomRoles: 1,
			Products: 4, Installations: 2, Deployments: 2, Secrets: 3, GitHubInstallations: 1, PaidListedProducts: 1}
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
}
