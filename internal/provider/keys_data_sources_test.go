package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Data sources of roles, regions, API keys and workspace usage, against fixtures made
// through the client.

func TestAccRoleDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
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
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_role" "r" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,name]"),
			},
			{
				Config:      provider + `data "platform_role" "r" { name = "missing" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: provider + `
data "platform_role" "by_name" {
  name = "deployer"
}

data "platform_role" "by_id" {
  workspace_id = "` + ws.ID + `"
  id           = "` + deployer.ID + `"
}

data "platform_roles" "all" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_role.by_name", tfjsonpath.New("id"), knownvalue.StringExact(deployer.ID)),
					statecheck.ExpectKnownValue("data.platform_role.by_name", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_role.by_name", tfjsonpath.New("permissions"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("projects.create"), knownvalue.StringExact("project.read"),
					})),
					statecheck.ExpectKnownValue("data.platform_role.by_id", tfjsonpath.New("name"), knownvalue.StringExact("deployer")),
					statecheck.ExpectKnownValue("data.platform_role.by_id", tfjsonpath.New("description"), knownvalue.StringExact("Ships releases.")),
					statecheck.ExpectKnownValue("data.platform_roles.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_roles.all", tfjsonpath.New("roles"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.platform_roles.all", tfjsonpath.New("roles").AtSliceIndex(1).AtMapKey("name"), knownvalue.StringExact("auditor")),
				},
			},
		},
	})
}

func TestAccRegionDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	other := e.workspace(t, "other")
	ctx := testCtx(t)
	eu, err := e.Client.Regions.Create(ctx, "acme", client.RegionCreateOptions{Name: "prod-eu", Description: "Europe."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.Regions.Create(ctx, "other", client.RegionCreateOptions{Name: "prod-us"}); err != nil {
		t.Fatal(err)
	}
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_region" "r" { name = "prod-us" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: provider + `
data "platform_region" "by_name" {
  name = "prod-eu"
}

data "platform_region" "by_id" {
  id = "` + eu.ID + `"
}

data "platform_regions" "default" {}

data "platform_regions" "other" {
  workspace_id = "` + other.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_region.by_name", tfjsonpath.New("id"), knownvalue.StringExact(eu.ID)),
					statecheck.ExpectKnownValue("data.platform_region.by_name", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_region.by_name", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_region.by_id", tfjsonpath.New("description"), knownvalue.StringExact("Europe.")),
					statecheck.ExpectKnownValue("data.platform_regions.default", tfjsonpath.New("regions"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("prod-eu")}),
					})),
					statecheck.ExpectKnownValue("data.platform_regions.other", tfjsonpath.New("regions").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("prod-us")),
				},
			},
		},
	})
}

// TestAccAPIKeyDataSource_lookups also checks that platform_api_keys pages through a list
// longer than the API's largest page (200).
func TestAccAPIKeyDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	ws := e.enterpriseWorkspace(t, "acme")
	ctx := testCtx(t)
	const n = client.MaxPageSize + 3
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
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_api_key" "k" { id = "ci" }`,
				PlanOnly:    true,
				ExpectError: errorText("id must be an api_key id (key_...)"),
			},
			{
				Config: provider + `
data "platform_api_key" "first" {
  id = "` + first.ID + `"
}

data "platform_api_keys" "all" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("name"), knownvalue.StringExact("key 0")),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("access"), knownvalue.StringExact("read_only")),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("prefix"), knownvalue.StringExact(first.Prefix)),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("expires_at"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.platform_api_key.first", tfjsonpath.New("created_by"), knownvalue.StringRegexp(prefixRegexp("usr_"))),
					statecheck.ExpectKnownValue("data.platform_api_keys.all", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(n)),
					statecheck.ExpectKnownValue("data.platform_api_keys.all", tfjsonpath.New("api_keys").AtSliceIndex(n-1).AtMapKey("name"),
						knownvalue.StringExact(fmt.Sprintf("key %d", n-1))),
				},
			},
		},
	})
}

func TestAccWorkspaceUsageDataSource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	other := e.enterpriseWorkspace(t, "other")
	ctx := testCtx(t)
	if _, err := e.Client.Regions.Create(ctx, "acme", client.RegionCreateOptions{Name: "prod-eu"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "CI", Access: client.AccessReadOnly}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_workspace_usage" "default" {}

data "platform_workspace_usage" "other" {
  workspace_id = "` + other.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_workspace_usage.default", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.default", tfjsonpath.New("plan"), knownvalue.StringExact("free")),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.default", tfjsonpath.New("limits"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"projects": knownvalue.Int64Exact(3), "members": knownvalue.Int64Exact(5), "api_keys": knownvalue.Int64Exact(2),
					"regions": knownvalue.Int64Exact(2), "clusters": knownvalue.Int64Exact(1), "custom_roles": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.default", tfjsonpath.New("usage"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"projects": knownvalue.Int64Exact(0), "members": knownvalue.Int64Exact(1), "api_keys": knownvalue.Int64Exact(1),
					"regions": knownvalue.Int64Exact(1), "clusters": knownvalue.Int64Exact(0), "custom_roles": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.other", tfjsonpath.New("plan"), knownvalue.StringExact("enterprise")),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.other", tfjsonpath.New("limits").AtMapKey("custom_roles"), knownvalue.Int64Exact(100)),
			},
		}},
	})
}
