package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccWorkspaceUsageDataSource_basic reads the plan, limits and usage of the provider's
// default workspace (free) and of another one (enterprise).
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
					"products": knownvalue.Int64Exact(1), "installations": knownvalue.Int64Exact(3), "deployments": knownvalue.Int64Exact(5),
					"secrets": knownvalue.Int64Exact(10), "github_installations": knownvalue.Int64Exact(1),
				})),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.default", tfjsonpath.New("paid_listed_products_allowed"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.default", tfjsonpath.New("usage"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"projects": knownvalue.Int64Exact(0), "members": knownvalue.Int64Exact(1), "api_keys": knownvalue.Int64Exact(1),
					"regions": knownvalue.Int64Exact(1), "clusters": knownvalue.Int64Exact(0), "custom_roles": knownvalue.Int64Exact(0),
					"products": knownvalue.Int64Exact(0), "installations": knownvalue.Int64Exact(0), "deployments": knownvalue.Int64Exact(0),
					"secrets": knownvalue.Int64Exact(0), "github_installations": knownvalue.Int64Exact(0),
				})),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.other", tfjsonpath.New("plan"), knownvalue.StringExact("enterprise")),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.other", tfjsonpath.New("limits").AtMapKey("custom_roles"), knownvalue.Int64Exact(100)),
				statecheck.ExpectKnownValue("data.platform_workspace_usage.other", tfjsonpath.New("paid_listed_products_allowed"), knownvalue.Bool(true)),
			},
		}},
	})
}
