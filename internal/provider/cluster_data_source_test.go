package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccClusterDataSource_lookup reads clusters made through the client: one by name (in the
// provider's default workspace), one by id, and the whole list across pages.
func TestAccClusterDataSource_lookup(t *testing.T) {
	e := newTestEnv(t)
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
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.config(`data "platform_cluster" "c" { workspace_id = "` + ws.ID + `" }`),
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,name]"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_cluster" "by_name" {
  name = "beta"
}

data "platform_cluster" "by_id" {
  workspace_id = "` + ws.ID + `"
  id           = "` + ids[2] + `"
}

data "platform_clusters" "all" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("id"), knownvalue.StringExact(ids[1])),
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("cloud"), knownvalue.StringExact("gcp")),
					statecheck.ExpectKnownValue("data.platform_cluster.by_name", tfjsonpath.New("node_pools").AtSliceIndex(0).AtMapKey("machine_type"),
						knownvalue.StringExact("e2-standard-4")),
					statecheck.ExpectKnownValue("data.platform_cluster.by_id", tfjsonpath.New("name"), knownvalue.StringExact("gamma")),
					statecheck.ExpectKnownValue("data.platform_cluster.by_id", tfjsonpath.New("kubernetes_version"), knownvalue.StringExact("1.32")),
					statecheck.ExpectKnownValue("data.platform_clusters.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_clusters.all", tfjsonpath.New("clusters"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[0]), "name": knownvalue.StringExact("alpha")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[1])}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(ids[2])}),
					})),
				},
			},
		},
	})
}

// TestAccOrganizationDataSources_lookup reads the caller's organizations and an organization's
// members, one by e-mail and the whole list.
func TestAccOrganizationDataSources_lookup(t *testing.T) {
	e := newTestEnv(t)
	first := e.organization(t, "acme")
	second := e.organization(t, "acme-msp")
	bob, err := e.Client.OrganizationMembers.Create(testCtx(t), first.ID, client.OrganizationMemberCreateOptions{
		Email: "bob@example.com", Role: client.OrganizationRoleMember,
	})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.config(`
data "platform_organization_member" "m" {
  organization_id = "acme"
  email           = "bob@example.com"
}
`),
				PlanOnly:    true,
				ExpectError: errorText("organization_id must be an organization id (org_...)"),
			},
			{
				Config: e.config(`
data "platform_organizations" "all" {}

data "platform_organization_member" "bob" {
  organization_id = "` + first.ID + `"
  email           = "Bob@Example.com"
}

data "platform_organization_members" "all" {
  organization_id = "` + first.ID + `"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_organizations.all", tfjsonpath.New("organizations"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(first.ID), "slug": knownvalue.StringExact("acme")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(second.ID), "slug": knownvalue.StringExact("acme-msp")}),
					})),
					statecheck.ExpectKnownValue("data.platform_organization_member.bob", tfjsonpath.New("user_id"), knownvalue.StringExact(bob.UserID)),
					statecheck.ExpectKnownValue("data.platform_organization_member.bob", tfjsonpath.New("role"), knownvalue.StringExact("member")),
					statecheck.ExpectKnownValue("data.platform_organization_member.bob", tfjsonpath.New("email"), knownvalue.StringExact("Bob@Example.com")),
					statecheck.ExpectKnownValue("data.platform_organization_members.all", tfjsonpath.New("members"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact(testOwnerEmail), "role": knownvalue.StringExact("owner")}),
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact("bob@example.com"), "user_id": knownvalue.StringExact(bob.UserID)}),
					})),
				},
			},
		},
	})
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
