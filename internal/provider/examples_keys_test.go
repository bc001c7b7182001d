package provider

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

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
