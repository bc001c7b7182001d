package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// githubInstallationsFixture: acme is connected to GitHub installations 111 (selected
// repositories) and 222 (all, suspended); other to 333.
type githubInstallationsFixture struct {
	ws, other *client.Workspace
	selected  *client.GitHubInstallation
}

func newGitHubInstallationsFixture(t *testing.T, e *testEnv) githubInstallationsFixture {
	t.Helper()
	ctx := testCtx(t)
	f := githubInstallationsFixture{ws: e.workspace(t, "acme"), other: e.workspace(t, "other")}
	// Pro: the free plan connects one installation.
	pro := client.PlanPro
	if _, err := e.Client.Workspaces.Update(ctx, "acme", client.WorkspaceUpdateOptions{Plan: &pro}); err != nil {
		t.Fatal(err)
	}
	var err error
	f.selected, err = e.Client.GitHubInstallations.Create(ctx, "acme", client.GitHubInstallationCreateOptions{InstallationID: 111,
		AccountLogin: "acme", AccountType: client.GitHubAccountOrganization, RepositorySelection: client.RepositorySelectionSelected,
		Repositories: []string{"acme/web", "acme/api"}})
	if err != nil {
		t.Fatal(err)
	}
	all, err := e.Client.GitHubInstallations.Create(ctx, "acme", client.GitHubInstallationCreateOptions{InstallationID: 222,
		AccountLogin: "alice", AccountType: client.GitHubAccountUser, RepositorySelection: client.RepositorySelectionAll})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.clientFor(t, e.Server.AdminToken).GitHubInstallations.Suspend(ctx, all.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.GitHubInstallations.Create(ctx, "other", client.GitHubInstallationCreateOptions{InstallationID: 333,
		AccountLogin: "other", AccountType: client.GitHubAccountUser, RepositorySelection: client.RepositorySelectionAll}); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestAccGitHubInstallationDataSource_lookups looks a connection up by GitHub's installation id
// (in the default workspace) and by id; another workspace's is not found.
func TestAccGitHubInstallationDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newGitHubInstallationsFixture(t, e)
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_github_installation" "g" { installation_id = 333 }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      provider + `data "platform_github_installation" "g" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,installation_id]"),
			},
			{
				Config: provider + `
data "platform_github_installation" "by_github_id" {
  installation_id = 111
}

data "platform_github_installation" "by_id" {
  id = "` + f.selected.ID + `"
}

data "platform_github_installation" "suspended" {
  installation_id = 222
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_github_installation.by_github_id", tfjsonpath.New("id"), knownvalue.StringExact(f.selected.ID)),
					statecheck.ExpectKnownValue("data.platform_github_installation.by_github_id", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_github_installation.by_github_id", tfjsonpath.New("repositories"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("acme/api"), knownvalue.StringExact("acme/web")})),
					statecheck.ExpectKnownValue("data.platform_github_installation.by_id", tfjsonpath.New("installation_id"), knownvalue.Int64Exact(111)),
					statecheck.ExpectKnownValue("data.platform_github_installation.by_id", tfjsonpath.New("account_type"), knownvalue.StringExact("Organization")),
					statecheck.ExpectKnownValue("data.platform_github_installation.by_id", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_github_installation.suspended", tfjsonpath.New("status"), knownvalue.StringExact("suspended")),
					statecheck.ExpectKnownValue("data.platform_github_installation.suspended", tfjsonpath.New("repositories"), knownvalue.SetSizeExact(0)),
				},
			},
		},
	})
}
