package storetest

import (
	"testing"
	"time"

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
	{"cascade/workspace_delete_removes_applications", func(t *testing.T, e *env) {
		w := e.workspace("doomed")
		keep := e.workspace("keep")
		p := e.project(w, "web")
		c := e.cluster(w, "prod")
		kc := e.cluster(keep, "prod")
		// The workspace installs its own product and another workspace's listed product.
		prod := e.product(w, "redis", listed(900))
		rel := e.release(prod, "1.0.0")
		keptProduct := e.product(keep, "postgres", listed(0))
		keptRelease := e.release(keptProduct, "16.0.0")
		own := e.installation(c, "redis", fromRelease(rel), installationSecrets("DB_PASSWORD"))
		foreign := e.installation(c, "pg", fromRelease(keptRelease))
		keptInstallation := e.installation(kc, "pg", fromRelease(keptRelease))
		sec := e.secret(w, "DB_PASSWORD")
		gh := e.githubInstallation(w, 1001)
		acct := e.stripeAccount(w, "billing@shop.example")
		d := e.deployment(p, c, "site", fromGitHub(gh, "acme/web", "main"), deploymentSecrets("DB_PASSWORD"))
		e.deploymentLog(d, e.now(), "deploying revision 1")
		op := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: w.ID,
			Kind: platform.OpInstallationCreate, Status: platform.OpRunning, TargetID: own.ID}
		if err := op.SetTarget(own); err != nil {
			t.Fatal(err)
		}
		op.Stamp(e.now())
		op.DueAt = op.CreatedAt
		e.update(func(tx platform.Tx) error { return tx.CreateOperation(op) })

		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspace(w.ID) })

		gone := []struct {
			what string
			err  error
		}{
			{"workspace", getErr(e, func(tx platform.Tx) (*platform.Workspace, error) { return tx.GetWorkspace(w.ID) })},
			{"product", getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetProduct(w.ID, prod.ID) })},
			{"listed product", getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetListedProduct(prod.ID) })},
			{"release", getErr(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(prod.ID, rel.ID) })},
			{"installation of its own product", getErr(e, func(tx platform.Tx) (*platform.Installation, error) {
				return tx.GetInstallation(w.ID, own.ID)
			})},
			{"installation of another workspace's product", getErr(e, func(tx platform.Tx) (*platform.Installation, error) {
				return tx.GetInstallation(w.ID, foreign.ID)
			})},
			{"secret", getErr(e, func(tx platform.Tx) (*platform.Secret, error) { return tx.GetSecret(w.ID, sec.ID) })},
			{"github installation", getErr(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
				return tx.FindGitHubInstallation(gh.ID, 0)
			})},
			{"deployment", getErr(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeployment(w.ID, d.ID) })},
			{"stripe account", getErr(e, func(tx platform.Tx) (*platform.StripeAccount, error) { return tx.GetStripeAccount(acct.WorkspaceID) })},
			{"project", getErr(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(w.ID, p.ID) })},
			{"cluster", getErr(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(w.ID, c.ID) })},
			{"operation", getErr(e, func(tx platform.Tx) (*platform.Operation, error) { return tx.GetOperation(op.ID) })},
		}
		for _, g := range gone {
			if !platform.IsCode(g.err, platform.CodeNotFound) {
				t.Errorf("%s after workspace delete: got %v, want not_found", g.what, g.err)
			}
		}
		same(t, "releases of the deleted product", get(e, func(tx platform.Tx) ([]platform.Release, error) {
			return tx.ListReleases(prod.ID, platform.Page{Limit: 10})
		}), []platform.Release{})
		same(t, "logs of the deleted deployment", get(e, func(tx platform.Tx) ([]platform.DeploymentLogLine, error) {
			return tx.ListDeploymentLogs(d.ID, time.Time{}, platform.MaxLogLines)
		}), []platform.DeploymentLogLine{})
		same(t, "deployments following the deleted connection", get(e, func(tx platform.Tx) ([]platform.Deployment, error) {
			return tx.ListDeploymentsForSource(gh.ID, "acme/web", "main")
		}), []platform.Deployment{})
		// The other workspace keeps its product, now installed once, and its installation.
		wantKept := *keptProduct
		wantKept.InstallCount = 1
		same(t, "ListListedProducts", get(e, func(tx platform.Tx) ([]platform.Product, error) {
			return tx.ListListedProducts(platform.Page{Limit: 10})
		}), []platform.Product{wantKept})
		same(t, "release of the other workspace", get(e, func(tx platform.Tx) (*platform.Release, error) {
			return tx.GetRelease(keptProduct.ID, keptRelease.ID)
		}), keptRelease)
		same(t, "installation of the other workspace", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(keep.ID, keptInstallation.ID)
		}), keptInstallation)
		// GitHub's installation can be connected again.
		e.githubInstallation(keep, 1001)
	}},
	{"cascade/workspace_delete_refused_while_its_product_is_installed_elsewhere", func(t *testing.T, e *env) {
		vendor := e.workspace("vendor")
		customer := e.workspace("customer")
		p := e.project(vendor, "web")
		c := e.cluster(vendor, "prod")
		cc := e.cluster(customer, "prod")
		prod := e.product(vendor, "redis", listed(900))
		rel := e.release(prod, "1.0.0")
		own := e.installation(c, "redis", fromRelease(rel))
		sec := e.secret(vendor, "DB_PASSWORD")
		gh := e.githubInstallation(vendor, 1001)
		d := e.deployment(p, c, "site", fromGitHub(gh, "acme/web", "main"))
		line := e.deploymentLog(d, e.now(), "deploying revision 1")
		sold := e.installation(cc, "cache", fromRelease(rel))

		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteWorkspace(vendor.ID) }),
			platform.CodeFailedPrecondition, "product")

		same(t, "workspace after refused delete", get(e, func(tx platform.Tx) (*platform.Workspace, error) {
			return tx.GetWorkspace(vendor.ID)
		}), vendor)
		same(t, "project after refused delete", get(e, func(tx platform.Tx) (*platform.Project, error) { return tx.GetProject(vendor.ID, p.ID) }), p)
		same(t, "cluster after refused delete", get(e, func(tx platform.Tx) (*platform.Cluster, error) { return tx.GetCluster(vendor.ID, c.ID) }), c)
		wantProd := *prod
		wantProd.InstallCount = 2
		same(t, "product after refused delete", get(e, func(tx platform.Tx) (*platform.Product, error) {
			return tx.GetProduct(vendor.ID, prod.ID)
		}), &wantProd)
		same(t, "release after refused delete", get(e, func(tx platform.Tx) (*platform.Release, error) { return tx.GetRelease(prod.ID, rel.ID) }), rel)
		same(t, "installation after refused delete", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(vendor.ID, own.ID)
		}), own)
		same(t, "secret after refused delete", get(e, func(tx platform.Tx) (*platform.Secret, error) { return tx.GetSecret(vendor.ID, sec.ID) }), sec)
		same(t, "github installation after refused delete", get(e, func(tx platform.Tx) (*platform.GitHubInstallation, error) {
			return tx.GetGitHubInstallation(vendor.ID, gh.ID)
		}), gh)
		same(t, "deployment after refused delete", get(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeployment(vendor.ID, d.ID) }), d)
		same(t, "deployment logs after refused delete", get(e, func(tx platform.Tx) ([]platform.DeploymentLogLine, error) {
			return tx.ListDeploymentLogs(d.ID, time.Time{}, platform.MaxLogLines)
		}), []platform.DeploymentLogLine{*line})
		same(t, "customer's installation after refused delete", get(e, func(tx platform.Tx) (*platform.Installation, error) {
			return tx.GetInstallation(customer.ID, sold.ID)
		}), sold)

		// Once the customer uninstalls, the workspace goes with everything in it.
		e.update(func(tx platform.Tx) error { return tx.DeleteInstallation(customer.ID, sold.ID) })
		e.update(func(tx platform.Tx) error { return tx.DeleteWorkspace(vendor.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Product, error) { return tx.GetListedProduct(prod.ID) }), platform.CodeNotFound)
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Deployment, error) { return tx.GetDeployment(vendor.ID, d.ID) }), platform.CodeNotFound)
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
