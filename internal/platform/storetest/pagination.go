package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// item is what paging checks need of a listed object.
type item struct {
	id  string
	seq int64
}

// lister lists one page of some list as items.
type lister func(tx platform.Tx, page platform.Page) ([]item, error)

func items[T any](list []T, err error, id func(*T) string, seq func(*T) int64) ([]item, error) {
	if err != nil {
		return nil, err
	}
	out := make([]item, len(list))
	for i := range list {
		out[i] = item{id(&list[i]), seq(&list[i])}
	}
	return out, nil
}

// checkPaging walks list page by page with several page sizes and checks that the pages
// together give exactly want (ids in creation order), each page at most Limit long, Seq
// strictly increasing, and that a page after the last item is empty.
func checkPaging(t *testing.T, e *env, name string, want []string, list lister) {
	t.Helper()
	for _, size := range []int{1, 2, 3, len(want), len(want) + 5} {
		var got []string
		var after int64
		for pages := 0; ; pages++ {
			if pages > len(want)+1 {
				t.Fatalf("%s: page size %d: paging does not end", name, size)
			}
			page := get(e, func(tx platform.Tx) ([]item, error) { return list(tx, platform.Page{After: after, Limit: size}) })
			if len(page) > size {
				t.Fatalf("%s: page size %d: got %d items", name, size, len(page))
			}
			for _, it := range page {
				if it.seq <= after {
					t.Fatalf("%s: page size %d: Seq %d after %d: not increasing", name, size, it.seq, after)
				}
				after = it.seq
				got = append(got, it.id)
			}
			if len(page) < size {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: page size %d: got ids in order %v, want %v", name, size, got, want)
		}
	}
}

const pageItems = 7

var paginationTests = []test{
	{"pagination/every_list_pages_in_creation_order", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		other := e.workspace("other") // interleaved objects of another parent must not show
		acme := e.org("acme")
		owner := e.user("owner@example.com")
		e.orgMember(acme, owner, platform.OrgRoleOwner)
		e.member(w, owner, platform.RoleOwner)
		hub := e.project(w, "hub")
		hubProduct := e.product(w, "hub")
		otherProduct := e.product(w, "other")
		gw := e.cluster(w, "gw")
		gOther := e.cluster(other, "gw")

		var ws, tokens, orgs, orgMembers, wsMembers, projects, memberProjects, projectMembers, roles, keys, regions, clusters, events []string
		var products, listedProducts, releases, secrets, githubs, installations, deployments []string
		products = append(products, hubProduct.ID, otherProduct.ID)
		clusters = append(clusters, gw.ID)
		ws = append(ws, w.ID)
		orgMembers = append(orgMembers, owner.ID)
		wsMembers = append(wsMembers, owner.ID)
		projects = append(projects, hub.ID)
		for i := range pageItems {
			// Names run backwards so that creation order differs from name and id order.
			n := fmt.Sprintf("z%02d", pageItems-i)
			u := e.user(n + "@example.com")
			tokens = append(tokens, e.userToken(owner, n, "pt_"+n).ID)
			e.userToken(u, n, "pt_other-"+n)
			o := e.org("org-" + n)
			e.orgMember(o, owner, platform.OrgRoleMember)
			orgs = append(orgs, o.ID)
			e.orgMember(acme, u, platform.OrgRoleMember)
			orgMembers = append(orgMembers, u.ID)
			mw := e.workspace("ws-"+n, managedBy(acme))
			ws = append(ws, mw.ID)
			e.member(w, u, platform.RoleMember)
			e.member(other, u, platform.RoleMember)
			wsMembers = append(wsMembers, u.ID)
			e.projectMember(hub, u, platform.ProjectRoleViewer)
			projectMembers = append(projectMembers, u.ID)
			p := e.project(w, "p-"+n)
			e.project(other, "p-"+n)
			projects = append(projects, p.ID)
			e.projectMember(p, owner, platform.ProjectRoleAdmin)
			memberProjects = append(memberProjects, p.ID)
			roles = append(roles, e.role(w, "r-"+n).ID)
			e.role(other, "r-"+n)
			keys = append(keys, e.apiKey(w, n, "pk_"+n).ID)
			e.apiKey(other, n, "pk_other-"+n)
			regions = append(regions, e.region(w, "reg-"+n).ID)
			e.region(other, "reg-"+n)
			clusters = append(clusters, e.cluster(w, "c-"+n).ID)
			e.cluster(other, "c-"+n)
			events = append(events, e.auditEvent(w.ID, "", "a-"+n).ID)
			e.auditEvent(other.ID, "", "a-"+n)
			// The marketplace lists every workspace's listed products: other's every second one.
			lp := e.product(w, "prod-"+n, listed(0))
			products = append(products, lp.ID)
			listedProducts = append(listedProducts, lp.ID)
			if i%2 == 0 {
				listedProducts = append(listedProducts, e.product(other, "prod-"+n, listed(100)).ID)
			} else {
				e.product(other, "prod-"+n)
			}
			tag := fmt.Sprintf("%d.0.0", pageItems-i)
			releases = append(releases, e.release(hubProduct, tag).ID)
			e.release(otherProduct, tag)
			secret := fmt.Sprintf("S_Z%02d", pageItems-i)
			secrets = append(secrets, e.secret(w, secret).ID)
			e.secret(other, secret)
			githubs = append(githubs, e.githubInstallation(w, int64(1000+pageItems-i)).ID)
			e.githubInstallation(other, int64(2000+pageItems-i))
			installations = append(installations, e.installation(gw, "i-"+n).ID)
			e.installation(gOther, "i-"+n)
			deployments = append(deployments, e.deployment(hub, gw, "d-"+n).ID)
			e.deployment(p, gw, "d-"+n)
		}

		checkPaging(t, e, "ListUserTokens", tokens, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListUserTokens(owner.ID, p)
			return items(l, err, func(x *platform.UserToken) string { return x.ID }, func(x *platform.UserToken) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListOrganizationsForUser", append([]string{acme.ID}, orgs...), func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListOrganizationsForUser(owner.ID, p)
			return items(l, err, func(x *platform.Organization) string { return x.ID }, func(x *platform.Organization) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListOrganizationMembers", orgMembers, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListOrganizationMembers(acme.ID, p)
			return items(l, err, func(x *platform.OrganizationMember) string { return x.UserID }, func(x *platform.OrganizationMember) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListWorkspacesForUser", ws, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListWorkspacesForUser(owner.ID, p)
			return items(l, err, func(x *platform.Workspace) string { return x.ID }, func(x *platform.Workspace) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListWorkspaceMembers", wsMembers, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListWorkspaceMembers(w.ID, p)
			return items(l, err, func(x *platform.WorkspaceMember) string { return x.UserID }, func(x *platform.WorkspaceMember) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListProjects", projects, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListProjects(w.ID, p)
			return items(l, err, func(x *platform.Project) string { return x.ID }, func(x *platform.Project) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListProjectsForMember", memberProjects, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListProjectsForMember(w.ID, owner.ID, p)
			return items(l, err, func(x *platform.Project) string { return x.ID }, func(x *platform.Project) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListProjectMembers", projectMembers, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListProjectMembers(hub.ID, p)
			return items(l, err, func(x *platform.ProjectMember) string { return x.UserID }, func(x *platform.ProjectMember) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListRoles", roles, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListRoles(w.ID, p)
			return items(l, err, func(x *platform.Role) string { return x.ID }, func(x *platform.Role) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListAPIKeys", keys, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListAPIKeys(w.ID, p)
			return items(l, err, func(x *platform.APIKey) string { return x.ID }, func(x *platform.APIKey) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListRegions", regions, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListRegions(w.ID, p)
			return items(l, err, func(x *platform.Region) string { return x.ID }, func(x *platform.Region) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListClusters", clusters, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListClusters(w.ID, p)
			return items(l, err, func(x *platform.Cluster) string { return x.ID }, func(x *platform.Cluster) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListProducts", products, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListProducts(w.ID, p)
			return items(l, err, func(x *platform.Product) string { return x.ID }, func(x *platform.Product) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListListedProducts", listedProducts, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListListedProducts(p)
			return items(l, err, func(x *platform.Product) string { return x.ID }, func(x *platform.Product) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListReleases", releases, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListReleases(hubProduct.ID, p)
			return items(l, err, func(x *platform.Release) string { return x.ID }, func(x *platform.Release) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListSecrets", secrets, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListSecrets(w.ID, p)
			return items(l, err, func(x *platform.Secret) string { return x.ID }, func(x *platform.Secret) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListGitHubInstallations", githubs, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListGitHubInstallations(w.ID, p)
			return items(l, err, func(x *platform.GitHubInstallation) string { return x.ID }, func(x *platform.GitHubInstallation) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListInstallations", installations, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListInstallations(w.ID, p)
			return items(l, err, func(x *platform.Installation) string { return x.ID }, func(x *platform.Installation) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListDeployments", deployments, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListDeployments(hub.ID, p)
			return items(l, err, func(x *platform.Deployment) string { return x.ID }, func(x *platform.Deployment) int64 { return x.Seq })
		})
		checkPaging(t, e, "ListAuditEvents", events, func(tx platform.Tx, p platform.Page) ([]item, error) {
			l, err := tx.ListAuditEvents(w.ID, p)
			return items(l, err, func(x *platform.AuditEvent) string { return x.ID }, func(x *platform.AuditEvent) int64 { return x.Seq })
		})
	}},
	{"pagination/deleted_items_leave_no_gap_and_new_items_come_last", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		var ids []string
		var ps []*platform.Project
		for i := range 6 {
			p := e.project(w, fmt.Sprintf("p%d", i))
			ps = append(ps, p)
			ids = append(ids, p.ID)
		}
		// Delete the item a client's page token points at, and the last one.
		e.update(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, ps[2].ID) })
		e.update(func(tx platform.Tx) error { return tx.DeleteProject(w.ID, ps[5].ID) })
		late := e.project(w, "late")
		if late.Seq <= ps[5].Seq {
			t.Errorf("new project Seq %d <= deleted last Seq %d: a Seq was reused", late.Seq, ps[5].Seq)
		}
		next := get(e, func(tx platform.Tx) ([]platform.Project, error) {
			return tx.ListProjects(w.ID, platform.Page{After: ps[2].Seq, Limit: 10})
		})
		var got []string
		for _, p := range next {
			got = append(got, p.ID)
		}
		if want := []string{ids[3], ids[4], late.ID}; !slices.Equal(got, want) {
			t.Errorf("page after a deleted item = %v, want %v", got, want)
		}
	}},
}
