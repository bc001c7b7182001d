package storetest

import (
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var deploymentTests = []test{
	{"deployments/create_get_by_id_and_name_list_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		c := e.cluster(w, "prod")
		web, api := e.project(w, "web"), e.project(w, "api")
		g := e.githubInstallation(w, 1001)
		site := e.deployment(web, c, "site", deploymentSecrets("DB_PASSWORD", "API_TOKEN"), func(d *platform.Deployment) {
			d.Env = map[string]string{"LOG_LEVEL": "debug", "EMPTY": "", "QUOTE": `"x"`, "UNICODE": "ünïcödé"}
		})
		// Nil env and secrets read back empty; the source comes back as given.
		worker := e.deployment(web, c, "worker", fromGitHub(g, "acme/web", "feature/x"), func(d *platform.Deployment) {
			d.Env, d.Secrets, d.Replicas = nil, nil, 0
		})
		e.deployment(api, c, "site") // the same name in another project is fine, and never listed here
		worker.Env, worker.Secrets = map[string]string{}, []string{}
		same(t, "GetDeployment", get(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeployment(w.ID, site.ID) }), site)
		same(t, "GetDeploymentByName (GitHub source, nil env and secrets)", get(e, func(tx platform.Tx) (*platform.Deployment, error) {
			return tx.GetDeploymentByName(web.ID, "worker")
		}), worker)
		same(t, "ListDeployments", get(e, func(tx platform.Tx) ([]platform.Deployment, error) {
			return tx.ListDeployments(web.ID, platform.Page{Limit: 10})
		}), []platform.Deployment{*site, *worker})
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeployment(other.ID, site.ID) }),
			platform.CodeNotFound, "deployment", q(site.ID))

		// A new revision: another image, scaled, new env and secrets, now following GitHub.
		site.Image = "registry.example.com/web/site@sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
		site.Replicas, site.Env, site.Secrets = 5, map[string]string{"LOG_LEVEL": "warn"}, []string{"API_TOKEN"}
		fromGitHub(g, "acme/web", "main")(site)
		site.Status, site.Revision, site.URL = platform.DeploymentRunning, 2, "https://www.example.com"
		e.touch(&site.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateDeployment(site) })
		same(t, "deployment after update", get(e, func(tx platform.Tx) (*platform.Deployment, error) {
			return tx.GetDeployment(w.ID, site.ID)
		}), site)
		// Back to a plain image: no source, no env, no secrets.
		site.Source, site.CommitSHA, site.Env, site.Secrets = nil, "", nil, nil
		site.Status, site.Revision = platform.DeploymentStopped, 3
		e.touch(&site.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateDeployment(site) })
		site.Env, site.Secrets = map[string]string{}, []string{}
		same(t, "deployment after dropping its source", get(e, func(tx platform.Tx) (*platform.Deployment, error) {
			return tx.GetDeploymentByName(web.ID, "site")
		}), site)

		stale := *site
		stale.Version = 2
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateDeployment(&stale) }), platform.CodeAborted, "deployment", q(site.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteDeployment(other.ID, site.ID) }), platform.CodeNotFound, q(site.ID))
		e.update(func(tx platform.Tx) error { return tx.DeleteDeployment(w.ID, site.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeployment(w.ID, site.ID) }),
			platform.CodeNotFound, "deployment", q(site.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeploymentByName(web.ID, "site") }),
			platform.CodeNotFound, "deployment", q("site"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteDeployment(w.ID, site.ID) }), platform.CodeNotFound, q(site.ID))
		e.touch(&site.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateDeployment(site) }), platform.CodeNotFound, q(site.ID))
		same(t, "ListDeployments after delete", get(e, func(tx platform.Tx) ([]platform.Deployment, error) {
			return tx.ListDeployments(web.ID, platform.Page{Limit: 10})
		}), []platform.Deployment{*worker})
		// The name is free again.
		e.deployment(web, c, "site")
	}},
	{"deployments/name_already_exists_and_missing_references", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		c := e.cluster(w, "prod")
		web := e.project(w, "web")
		g := e.githubInstallation(w, 1001)
		e.deployment(web, c, "site")
		dup := newDeployment(web, c, "site")
		dup.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateDeployment(dup) }), platform.CodeAlreadyExists, "deployment", q("site"))
		for _, m := range []struct {
			kind, id string
			set      func(*platform.Deployment)
		}{
			{"workspace", "ws_missing", func(d *platform.Deployment) { d.WorkspaceID = "ws_missing" }},
			{"project", "prj_missing", func(d *platform.Deployment) { d.ProjectID = "prj_missing" }},
			{"cluster", "cls_missing", func(d *platform.Deployment) { d.ClusterID = "cls_missing" }},
			{"installation", "ghi_missing", func(d *platform.Deployment) {
				fromGitHub(g, "acme/web", "main")(d)
				d.Source.GitHubInstallationID = "ghi_missing"
			}},
		} {
			d := newDeployment(web, c, "lost")
			m.set(d)
			d.Stamp(e.now())
			wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateDeployment(d) }), platform.CodeNotFound, m.kind, q(m.id))
		}
	}},
	{"deployments/list_for_source_across_workspaces", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other")
		c, oc := e.cluster(w, "prod"), e.cluster(other, "prod")
		web, api := e.project(w, "web"), e.project(w, "api")
		op := e.project(other, "web")
		g := e.githubInstallation(w, 1001)
		g2 := e.githubInstallation(w, 1002)
		site := e.deployment(web, c, "site", fromGitHub(g, "acme/web", "main"))
		e.deployment(web, c, "preview", fromGitHub(g, "acme/web", "preview"))
		e.deployment(web, c, "plain")
		e.deployment(api, c, "worker", fromGitHub(g, "acme/api", "main"))
		mirror := e.deployment(api, c, "mirror", fromGitHub(g2, "acme/web", "main"))
		apiSite := e.deployment(api, c, "site", fromGitHub(g, "acme/web", "main"))
		elsewhere := e.deployment(op, oc, "site", fromGitHub(g, "acme/web", "main"))
		list := func(gid, repository, branch string) []platform.Deployment {
			return get(e, func(tx platform.Tx) ([]platform.Deployment, error) {
				return tx.ListDeploymentsForSource(gid, repository, branch)
			})
		}
		same(t, "ListDeploymentsForSource(acme/web, main)", list(g.ID, "acme/web", "main"), []platform.Deployment{*site, *apiSite, *elsewhere})
		same(t, "ListDeploymentsForSource(acme/web, main) through the other connection", list(g2.ID, "acme/web", "main"),
			[]platform.Deployment{*mirror})
		same(t, "ListDeploymentsForSource of a branch nothing follows", list(g.ID, "acme/web", "develop"), []platform.Deployment{})
		same(t, "ListDeploymentsForSource of a branch of another repository", list(g.ID, "acme/api", "preview"), []platform.Deployment{})
	}},
	{"deployments/logs_since_limit_oldest_first_removed_with_the_deployment", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		c := e.cluster(w, "prod")
		web := e.project(w, "web")
		d := e.deployment(web, c, "site")
		keep := e.deployment(web, c, "worker")
		t0 := e.now()
		at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
		a := e.deploymentLog(d, at(0), "deploying revision 1")
		e.deploymentLog(keep, at(0), "another deployment's line")
		b := e.deploymentLog(d, at(1), `pulled image "registry.example.com/web/site:1.0.0"`)
		dd := e.deploymentLog(d, at(3), "running: 2/2 replicas ready")
		// Appended late, but older: lines come back by time; lines at the same time in the
		// order appended.
		cc := e.deploymentLog(d, at(2), "scheduled 2 replicas")
		d.Revision = 2
		ee := e.deploymentLog(d, at(3), "deploying revision 2 ✓")
		kept := get(e, func(tx platform.Tx) ([]platform.DeploymentLogLine, error) {
			return tx.ListDeploymentLogs(keep.ID, time.Time{}, platform.MaxLogLines)
		})

		logs := func(since time.Time, limit int) []platform.DeploymentLogLine {
			return get(e, func(tx platform.Tx) ([]platform.DeploymentLogLine, error) {
				return tx.ListDeploymentLogs(d.ID, since, limit)
			})
		}
		same(t, "ListDeploymentLogs", logs(time.Time{}, platform.MaxLogLines), []platform.DeploymentLogLine{*a, *b, *cc, *dd, *ee})
		same(t, "ListDeploymentLogs limit 2", logs(time.Time{}, 2), []platform.DeploymentLogLine{*a, *b})
		same(t, "ListDeploymentLogs since a line's time (included)", logs(at(2), platform.MaxLogLines), []platform.DeploymentLogLine{*cc, *dd, *ee})
		same(t, "ListDeploymentLogs since, limit 2", logs(at(2), 2), []platform.DeploymentLogLine{*cc, *dd})
		same(t, "ListDeploymentLogs since in another time zone", logs(at(3).In(time.FixedZone("X", 5*3600)), platform.MaxLogLines),
			[]platform.DeploymentLogLine{*dd, *ee})
		same(t, "ListDeploymentLogs since just after a line", logs(at(3).Add(time.Microsecond), platform.MaxLogLines),
			[]platform.DeploymentLogLine{})

		noDeployment := &platform.DeploymentLogLine{DeploymentID: "dep_missing", At: e.now(), Revision: 1, Message: "lost"}
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.AppendDeploymentLog(noDeployment) }),
			platform.CodeNotFound, "deployment", q("dep_missing"))

		e.update(func(tx platform.Tx) error { return tx.DeleteDeployment(w.ID, d.ID) })
		same(t, "ListDeploymentLogs of a deleted deployment", logs(time.Time{}, platform.MaxLogLines), []platform.DeploymentLogLine{})
		same(t, "logs of another deployment", get(e, func(tx platform.Tx) ([]platform.DeploymentLogLine, error) {
			return tx.ListDeploymentLogs(keep.ID, time.Time{}, platform.MaxLogLines)
		}), kept)
		if len(kept) != 1 {
			t.Errorf("another deployment has %d log lines, want 1", len(kept))
		}
		// A new deployment of the same name starts with no logs.
		again := e.deployment(web, c, "site")
		same(t, "ListDeploymentLogs of a new deployment of the same name", get(e, func(tx platform.Tx) ([]platform.DeploymentLogLine, error) {
			return tx.ListDeploymentLogs(again.ID, time.Time{}, platform.MaxLogLines)
		}), []platform.DeploymentLogLine{})
	}},
	{"deployments/project_and_cluster_dependents_and_refused_deletes", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		alice := e.user("alice@example.com")
		e.member(w, alice, platform.RoleMember)
		web, api := e.project(w, "web"), e.project(w, "api")
		pm := e.projectMember(web, alice, platform.ProjectRoleAdmin)
		prod := e.cluster(w, "prod", inProject(web))
		staging := e.cluster(w, "staging")
		empty := e.cluster(w, "empty", inProject(web))
		redis := e.installation(prod, "redis")
		pg := e.installation(prod, "pg")
		site := e.deployment(web, prod, "site")
		worker := e.deployment(api, staging, "worker")
		apiSite := e.deployment(api, prod, "site")

		clusterDeps := func(c *platform.Cluster) platform.Dependents {
			return get(e, func(tx platform.Tx) (platform.Dependents, error) { return tx.ClusterDependents(w.ID, c.ID) })
		}
		projectDeps := func(p *platform.Project) platform.Dependents {
			return get(e, func(tx platform.Tx) (platform.Dependents, error) { return tx.ProjectDependents(p.ID) })
		}
		sameDependents(t, "ClusterDependents(prod)", clusterDeps(prod),
			platform.Dependents{Installations: []string{"redis", "pg"}, Deployments: []string{"web/site", "api/site"}})
		sameDependents(t, "ClusterDependents(staging)", clusterDeps(staging), platform.Dependents{Deployments: []string{"api/worker"}})
		sameDependents(t, "ClusterDependents(empty)", clusterDeps(empty), none)
		sameDependents(t, "ProjectDependents(web)", projectDeps(web), platform.Dependents{Deployments: []string{"web/site"}})
		sameDependents(t, "ProjectDependents(api)", projectDeps(api), platform.Dependents{Deployments: []string{"api/worker", "api/site"}})

		// A refused delete changes nothing: the cluster, what runs on it, the project's members
		// and its clusters all stay as they were.
		unchanged := func(when string) {
			t.Helper()
			for _, c := range []*platform.Cluster{prod, staging, empty} {
				same(t, c.Name+" cluster "+when, get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) }), c)
			}
			for _, in := range []*platform.Installation{redis, pg} {
				same(t, "installation "+in.Name+" "+when, get(e, func(tx platform.Tx) (*platform.Installation, error) {
					return tx.GetInstallation(w.ID, in.ID)
				}), in)
			}
			same(t, "deployments of web "+when, get(e, func(tx platform.Tx) ([]platform.Deployment, error) {
				return tx.ListDeployments(web.ID, platform.Page{Limit: 10})
			}), []platform.Deployment{*site})
			same(t, "project "+when, get(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w.ID, web.ID) }), web)
			same(t, "project member "+when, get(e, func(tx platform.Tx) (*platform.ProjectMember, error) {
				return tx.GetProjectMember(web.ID, alice.ID)
			}), pm)
		}
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteCluster(w.ID, prod.ID) }),
			platform.CodeFailedPrecondition, "cluster", q(prod.ID))
		unchanged("after a refused cluster delete (installations and deployments)")
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteCluster(w.ID, staging.ID) }),
			platform.CodeFailedPrecondition, "cluster", q(staging.ID))
		unchanged("after a refused cluster delete (a deployment)")
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, web.ID) }),
			platform.CodeFailedPrecondition, "project", q(web.ID))
		unchanged("after a refused project delete")

		// Installations alone still hold the cluster.
		e.update(func(tx platform.Tx) error {
			if err := tx.DeleteDeployment(w.ID, site.ID); err != nil {
				return err
			}
			return tx.DeleteDeployment(w.ID, apiSite.ID)
		})
		sameDependents(t, "ClusterDependents(prod) without deployments", clusterDeps(prod),
			platform.Dependents{Installations: []string{"redis", "pg"}})
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteCluster(w.ID, prod.ID) }),
			platform.CodeFailedPrecondition, "cluster", q(prod.ID))

		// Once nothing uses them, the deletes go through.
		e.update(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, web.ID) })
		e.update(func(tx platform.Tx) error {
			if err := tx.DeleteInstallation(w.ID, redis.ID); err != nil {
				return err
			}
			if err := tx.DeleteInstallation(w.ID, pg.ID); err != nil {
				return err
			}
			return tx.DeleteCluster(w.ID, prod.ID)
		})
		e.update(func(tx platform.Tx) error {
			if err := tx.DeleteDeployment(w.ID, worker.ID); err != nil {
				return err
			}
			return tx.DeleteCluster(w.ID, staging.ID)
		})
		sameDependents(t, "ProjectDependents(api) at the end", projectDeps(api), none)
	}},
}
