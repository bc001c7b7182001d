package storetest

import (
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Messages name a GitHub App installation with the word "installation" (whatever precedes
// it) and GitHub's id as a number.

var githubInstallationTests = []test{
	{"github_installations/create_get_by_id_and_github_id_find_list_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		g1 := e.githubInstallation(w, 1001)
		g2 := e.githubInstallation(w, 1002, func(g *platform.GitHubInstallation) {
			g.AccountLogin, g.AccountType = "alice", platform.GitHubAccountUser
			g.RepositorySelection, g.Repositories = platform.RepositorySelectionAll, nil
		})
		g3 := e.githubInstallation(other, 1003)
		same(t, "GetGitHubInstallation", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.GetGitHubInstallation(w.ID, g1.ID)
		}), g1)
		g2.Repositories = []string{}
		same(t, "GetGitHubInstallationByGitHubID (nil repositories read back empty)", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.GetGitHubInstallationByGitHubID(w.ID, 1002)
		}), g2)
		same(t, "ListGitHubInstallations", get(e, func(tx platform.Tx) ([]platform.GitHubInstallation, error) {
			return tx.ListGitHubInstallations(w.ID, platform.Page{Limit: 10})
		}), []platform.GitHubInstallation{*g1, *g2})
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.GetGitHubInstallation(other.ID, g1.ID)
		}), platform.CodeNotFound, "installation", q(g1.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.GetGitHubInstallationByGitHubID(w.ID, 1003)
		}), platform.CodeNotFound, "installation", "1003")

		// Find looks in every workspace, by either id.
		same(t, "FindGitHubInstallation by id", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.FindGitHubInstallation(g3.ID, 0)
		}), g3)
		same(t, "FindGitHubInstallation by GitHub id", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.FindGitHubInstallation("", 1003)
		}), g3)
		same(t, "FindGitHubInstallation by GitHub id", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.FindGitHubInstallation("", 1001)
		}), g1)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.FindGitHubInstallation("ghi_missing", 0)
		}), platform.CodeNotFound, "installation", q("ghi_missing"))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) { return tx.FindGitHubInstallation("", 9999) }),
			platform.CodeNotFound, "installation", "9999")

		// GitHub suspends the installation and narrows it to one repository; then widens it to all.
		g1.Status, g1.AccountLogin, g1.Repositories = platform.GitHubSuspended, "acme-renamed", []string{"acme/web"}
		e.touch(&g1.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateGitHubInstallation(g1) })
		same(t, "github installation after update", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.GetGitHubInstallation(w.ID, g1.ID)
		}), g1)
		g1.Status, g1.RepositorySelection, g1.Repositories = platform.GitHubActive, platform.RepositorySelectionAll, nil
		e.touch(&g1.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateGitHubInstallation(g1) })
		g1.Repositories = []string{}
		same(t, "github installation after selecting all repositories", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.FindGitHubInstallation("", 1001)
		}), g1)

		stale := *g1
		stale.Version = 2
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateGitHubInstallation(&stale) }),
			platform.CodeAborted, "installation", q(g1.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteGitHubInstallation(other.ID, g1.ID) }), platform.CodeNotFound, q(g1.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteGitHubInstallation(w.ID, g1.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.GetGitHubInstallation(w.ID, g1.ID)
		}), platform.CodeNotFound, "installation", q(g1.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) { return tx.FindGitHubInstallation("", 1001) }),
			platform.CodeNotFound, "installation", "1001")
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteGitHubInstallation(w.ID, g1.ID) }), platform.CodeNotFound, q(g1.ID))
		e.touch(&g1.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateGitHubInstallation(g1) }), platform.CodeNotFound, q(g1.ID))
		same(t, "ListGitHubInstallations after delete", get(e, func(tx platform.Tx) ([]platform.GitHubInstallation, error) {
			return tx.ListGitHubInstallations(w.ID, platform.Page{Limit: 10})
		}), []platform.GitHubInstallation{*g2})
		// GitHub's installation can be connected again, to any workspace.
		e.githubInstallation(other, 1001)
	}},
	{"github_installations/github_id_already_exists_in_any_workspace_and_missing_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		e.githubInstallation(w, 1001)
		for _, ws := range []*platform.Workspace{w, other} {
			dup := newGitHubInstallation(ws, 1001)
			dup.Stamp(e.now())
			wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateGitHubInstallation(dup) }),
				platform.CodeAlreadyExists, "installation", "1001")
		}
		noWS := newGitHubInstallation(w, 1002)
		noWS.WorkspaceID = "ws_missing"
		noWS.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateGitHubInstallation(noWS) }),
			platform.CodeNotFound, "workspace", q("ws_missing"))
	}},
	{"github_installations/dependents_and_delete_refused_while_deployments_use_it", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		c := e.cluster(w, "prod")
		web, api := e.project(w, "web"), e.project(w, "api")
		g := e.githubInstallation(w, 1001)
		unused := e.githubInstallation(w, 1002)
		site := e.deployment(web, c, "site", fromGitHub(g, "acme/web", "main"))
		worker := e.deployment(api, c, "worker", fromGitHub(g, "acme/api", "release/v2"))
		e.deployment(api, c, "plain")
		sameDependents(t, "GitHubInstallationDependents", get(e, func(tx platform.Tx) (platform.Dependents, error) {
			return tx.GitHubInstallationDependents(g.ID)
		}), platform.Dependents{Deployments: []string{"web/site", "api/worker"}})
		sameDependents(t, "GitHubInstallationDependents of an unused connection", get(e, func(tx platform.Tx) (platform.Dependents, error) {
			return tx.GitHubInstallationDependents(unused.ID)
		}), none)

		for _, d := range []*platform.Deployment{site, worker} {
			wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteGitHubInstallation(w.ID, g.ID) }),
				platform.CodeFailedPrecondition, "installation", q(g.ID))
			same(t, "github installation after refused delete", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
				return tx.GetGitHubInstallation(w.ID, g.ID)
			}), g)
			same(t, "deployment after refused delete", get(e, func(tx platform.Tx) (*platform.Deployment, error) {
				return tx.GetDeployment(w.ID, d.ID)
			}), d)
			e.update(func(tx platform.Tx) error { return tx.DeleteDeployment(w.ID, d.ID) })
		}
		e.update(func(tx platform.Tx) error { return tx.DeleteGitHubInstallation(w.ID, g.ID) })
		e.update(func(tx platform.Tx) error { return tx.DeleteGitHubInstallation(w.ID, unused.ID) })
	}},
	{"github_installations/deliveries_recorded_once_and_forgotten_by_age", func(t *testing.T, e *env) {
		t0 := e.now()
		record := func(id string, at time.Time) error {
			return e.try(func(tx platform.Tx) error { return tx.RecordGitHubDelivery(id, at) })
		}
		for i, id := range []string{"72d3162e-cc78-11e3-81ab-4c9367dc0958", "d2", "d3", "d4"} {
			if err := record(id, t0.Add(time.Duration(i)*time.Hour)); err != nil {
				t.Fatalf("RecordGitHubDelivery(%s): %v", id, err)
			}
		}
		// A redelivery, even received later, is one already seen.
		wantErr(t, record("72d3162e-cc78-11e3-81ab-4c9367dc0958", t0.Add(5*time.Hour)),
			platform.CodeAlreadyExists, q("72d3162e-cc78-11e3-81ab-4c9367dc0958"))
		wantErr(t, record("d2", t0), platform.CodeAlreadyExists, q("d2"))

		// Deliveries received strictly before the cutoff are forgotten; the one at the cutoff stays.
		forget := func(before time.Time) int {
			var n int
			e.update(func(tx platform.Tx) (err error) {
				n, err = tx.DeleteGitHubDeliveriesBefore(before)
				return err
			})
			return n
		}
		if n := forget(t0.Add(2 * time.Hour)); n != 2 {
			t.Errorf("DeleteGitHubDeliveriesBefore = %d, want 2", n)
		}
		if err := record("d2", t0.Add(6*time.Hour)); err != nil {
			t.Errorf("RecordGitHubDelivery of a forgotten delivery: %v", err)
		}
		wantErr(t, record("d3", t0.Add(6*time.Hour)), platform.CodeAlreadyExists, q("d3"))
		// A cutoff in another time zone means the same instant.
		if n := forget(t0.Add(4 * time.Hour).In(time.FixedZone("X", -7*3600))); n != 2 {
			t.Errorf("DeleteGitHubDeliveriesBefore in another zone = %d, want 2 (d3, d4)", n)
		}
		if n := forget(t0.Add(24 * time.Hour)); n != 1 {
			t.Errorf("DeleteGitHubDeliveriesBefore of the rest = %d, want 1", n)
		}
	}},
}
