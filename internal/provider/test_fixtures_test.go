package provider

import (
	"fmt"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Fixtures shared by the data source tests (one test file per data source) and TestAccExamples:
// objects made through the client, as another tool or person would make them.

// membersFixture is a workspace "acme" (owned by testOwnerEmail) with projects web and docs,
// alice (workspace member) and bob (workspace viewer with an admin override on web).
type membersFixture struct {
	ws        *client.Workspace
	web, docs *client.Project
	alice     *client.WorkspaceMember
	bob       *client.WorkspaceMember
}

func newMembersFixture(t *testing.T, e *testEnv) membersFixture {
	t.Helper()
	ctx := testCtx(t)
	f := membersFixture{ws: e.workspace(t, "acme")}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var err error
	f.web, err = e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web", Description: "The site."})
	must(err)
	f.docs, err = e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "docs", Name: "Docs"})
	must(err)
	f.alice, err = e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "alice@example.com", Role: client.RoleMember})
	must(err)
	f.bob, err = e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: client.RoleViewer})
	must(err)
	_, err = e.Client.ProjectMembers.Create(ctx, "acme", "web", client.ProjectMemberCreateOptions{Email: "bob@example.com", Role: client.ProjectRoleAdmin})
	must(err)
	return f
}

// newRolesFixture is an enterprise workspace "acme" (custom roles need the plan) with the
// custom roles deployer (described, two permissions) and auditor, in that order.
func newRolesFixture(t *testing.T, e *testEnv) (*client.Workspace, *client.Role) {
	t.Helper()
	ws := e.enterpriseWorkspace(t, "acme")
	ctx := testCtx(t)
	deployer, err := e.Client.Roles.Create(ctx, "acme", client.RoleCreateOptions{
		Name: "deployer", Description: "Ships releases.", Permissions: []string{"projects.create", "project.read"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.Roles.Create(ctx, "acme", client.RoleCreateOptions{Name: "auditor", Permissions: []string{"members.read"}}); err != nil {
		t.Fatal(err)
	}
	return ws, deployer
}

// regionsFixture is two workspaces, acme with the region prod-eu ("Europe.") and other with the
// region prod-us.
type regionsFixture struct {
	ws, other *client.Workspace
	eu        *client.Region
}

func newRegionsFixture(t *testing.T, e *testEnv) regionsFixture {
	t.Helper()
	f := regionsFixture{ws: e.workspace(t, "acme"), other: e.workspace(t, "other")}
	ctx := testCtx(t)
	var err error
	if f.eu, err = e.Client.Regions.Create(ctx, "acme", client.RegionCreateOptions{Name: "prod-eu", Description: "Europe."}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.Regions.Create(ctx, "other", client.RegionCreateOptions{Name: "prod-us"}); err != nil {
		t.Fatal(err)
	}
	return f
}

// newAPIKeysFixture is an enterprise workspace "acme" with n read-only API keys named "key 0",
// "key 1", ... in that order; it returns the workspace and the first key.
func newAPIKeysFixture(t *testing.T, e *testEnv, n int) (*client.Workspace, *client.CreatedAPIKey) {
	t.Helper()
	ws := e.enterpriseWorkspace(t, "acme")
	ctx := testCtx(t)
	var first *client.CreatedAPIKey
	for i := range n {
		k, err := e.Client.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: fmt.Sprintf("key %d", i), Access: client.AccessReadOnly})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = k
		}
	}
	return ws, first
}

// newClustersFixture is a pro workspace "acme" with the GCP clusters alpha, beta and gamma
// (Kubernetes 1.32, one e2-standard-4 node pool), in that order; it returns the workspace and
// the clusters' ids.
func newClustersFixture(t *testing.T, e *testEnv) (*client.Workspace, []string) {
	t.Helper()
	ws, err := e.Client.Workspaces.Create(testCtx(t), client.WorkspaceCreateOptions{Slug: "acme", Name: "Acme", Plan: client.PlanPro})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, name := range []string{"alpha", "beta", "gamma"} {
		c, _, err := e.Client.Clusters.Create(testCtx(t), ws.ID, client.ClusterCreateOptions{
			Name: name, Cloud: client.CloudGCP, Location: "europe-west3", KubernetesVersion: "1.32",
			NodePools: []client.NodePool{{Name: "default", MachineType: "e2-standard-4", MinNodes: 1, MaxNodes: 2}},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	return ws, ids
}

// cluster creates a cluster through the client, as a fixture (it does not wait for it to run).
func (e *testEnv) cluster(t *testing.T, ws, name string) *client.Cluster {
	t.Helper()
	c, _, err := e.Client.Clusters.Create(testCtx(t), ws, client.ClusterCreateOptions{
		Name: name, Cloud: client.CloudAWS, Location: "eu-central-1", KubernetesVersion: "1.31",
		NodePools: []client.NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 3}},
	})
	if err != nil {
		t.Fatalf("create cluster %s: %v", name, err)
	}
	return c
}

// membersExampleFixture adds what the project and member data source examples look up to the
// TestAccExamples workspace acme: project web, workspace member alice with a project override on
// web.
func membersExampleFixture(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := testCtx(t)
	if _, err := e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web shop"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "alice@example.com", Role: client.RoleMember}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.ProjectMembers.Create(ctx, "acme", "web", client.ProjectMemberCreateOptions{Email: "alice@example.com", Role: client.ProjectRoleAdmin}); err != nil {
		t.Fatal(err)
	}
}

// examplesFixtureKeys adds what the role, region and API key data source examples look up to
// TestAccExamples' workspace acme: the enterprise plan (custom roles need it), the role
// deployer, the region prod-eu and the API key "CI pipeline".
func examplesFixtureKeys(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := testCtx(t)
	if _, err := e.Client.Workspaces.Update(ctx, "acme", client.WorkspaceUpdateOptions{Plan: client.Ptr(client.PlanEnterprise)}); err != nil {
		t.Fatalf("upgrade acme: %v", err)
	}
	if _, err := e.Client.Roles.Create(ctx, "acme", client.RoleCreateOptions{Name: "deployer", Permissions: []string{"projects.create", "project.read"}}); err != nil {
		t.Fatalf("create role: %v", err)
	}
	if _, err := e.Client.Regions.Create(ctx, "acme", client.RegionCreateOptions{Name: "prod-eu"}); err != nil {
		t.Fatalf("create region: %v", err)
	}
	if _, err := e.Client.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "CI pipeline", Access: client.AccessReadWrite}); err != nil {
		t.Fatalf("create api key: %v", err)
	}
}

// productsFixture is a pro workspace "acme" with the listed product shop (releases 1.4.0,
// 1.10.0-rc.1 and 1.3.0, the last yanked) and the private product internal, and a workspace
// "other" with the listed product tool.
type productsFixture struct {
	ws, other            *client.Workspace
	shop, internal, tool *client.Product
	release              *client.Release // shop 1.4.0
}

func newProductsFixture(t *testing.T, e *testEnv) productsFixture {
	t.Helper()
	ctx := testCtx(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var f productsFixture
	var err error
	f.ws, err = e.Client.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: "acme", Name: "Acme", Plan: client.PlanPro})
	must(err)
	f.other = e.workspace(t, "other")
	f.shop, err = e.Client.Products.Create(ctx, "acme", client.ProductCreateOptions{Slug: "shop", Name: "Shop", Description: "Sells things.",
		Visibility: client.VisibilityListed, Price: &client.PriceOptions{Currency: client.String("eur")}})
	must(err)
	for _, tag := range []string{"1.4.0", "1.10.0-rc.1", "1.3.0"} {
		r, err := e.Client.Releases.Create(ctx, "acme", "shop", client.ReleaseCreateOptions{Tag: tag,
			Chart: "oci://charts.example.com/shop:" + tag, Notes: "Release " + tag + "."})
		must(err)
		if f.release == nil {
			f.release = r
		}
	}
	_, err = e.Client.Releases.Update(ctx, "acme", "shop", "1.3.0", client.ReleaseUpdateOptions{Yanked: client.Ptr(true)})
	must(err)
	f.internal, err = e.Client.Products.Create(ctx, "acme", client.ProductCreateOptions{Slug: "internal", Name: "Internal",
		Price: &client.PriceOptions{AmountCents: client.Ptr(int64(9900))}})
	must(err)
	f.tool, err = e.Client.Products.Create(ctx, "other", client.ProductCreateOptions{Slug: "tool", Name: "Tool", Visibility: client.VisibilityListed})
	must(err)
	return f
}

// productsExampleFixture adds what the product data source examples look up to
// TestAccExamples' workspace acme: the listed product shop with the release 1.4.0.
func productsExampleFixture(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := testCtx(t)
	if _, err := e.Client.Products.Create(ctx, "acme", client.ProductCreateOptions{Slug: "shop", Name: "Shop", Visibility: client.VisibilityListed}); err != nil {
		t.Fatalf("create product: %v", err)
	}
	if _, err := e.Client.Releases.Create(ctx, "acme", "shop", client.ReleaseCreateOptions{Tag: "1.4.0", Chart: "oci://charts.example.com/shop:1.4.0"}); err != nil {
		t.Fatalf("create release: %v", err)
	}
}

// runningCluster creates a cluster through the client and waits until it runs: installations
// and deployments need a running cluster.
func (e *testEnv) runningCluster(t *testing.T, ws, name string) *client.Cluster {
	t.Helper()
	c := e.cluster(t, ws, name)
	c, err := e.Client.Clusters.WaitForStatus(testCtx(t), ws, c.ID, client.ClusterRunning)
	if err != nil {
		t.Fatalf("cluster %s: %v", name, err)
	}
	return c
}
