package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const githubInstallationAddr = "platform_github_installation.g"

// githubInstallationConfig connects GitHub installation id to the default workspace acme.
func githubInstallationConfig(e *testEnv, id int64, login, body string) string {
	return e.providerBlockWith(e.Token, "acme") + fmt.Sprintf(`
resource "platform_github_installation" "g" {
  installation_id = %d
  account_login   = %q
  account_type    = "Organization"
%s
}
`, id, login, body)
}

const selectedRepos = `  repository_selection = "selected"
  repositories         = ["acme/web", "acme/api"]`

// TestAccGitHubInstallationResource_basic connects an installation to selected repositories,
// imports it by GitHub's id (command and import block), changes it in place to all
// repositories, and replaces it for another GitHub installation id.
func TestAccGitHubInstallationResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: githubInstallationConfig(e, 12345678, "acme", selectedRepos),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("ghi_"))),
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("repositories"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("acme/api"), knownvalue.StringExact("acme/web"),
					})),
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				ResourceName:      githubInstallationAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme/12345678",
			},
			{
				Config:          e.providerBlockWith(e.Token, "acme"),
				ResourceName:    githubInstallationAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/12345678",
				GenerateConfig:  true,
			},
			{
				Config:           githubInstallationConfig(e, 12345678, "acme-corp", `  repository_selection = "all"`),
				ConfigPlanChecks: expectAction(githubInstallationAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("repositories"), knownvalue.Null()),
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("account_login"), knownvalue.StringExact("acme-corp")),
				},
				Check: checkOutOfBand(t, "read installation", func(ctx context.Context) error {
					g, err := e.Client.GitHubInstallations.Get(ctx, "acme", "12345678")
					if err == nil && (g.RepositorySelection != "all" || len(g.Repositories) != 0) {
						return fmt.Errorf("installation: %+v", g)
					}
					return err
				}),
			},
			{
				Config:           githubInstallationConfig(e, 12345678, "acme-corp", selectedRepos),
				ConfigPlanChecks: expectAction(githubInstallationAddr, plancheck.ResourceActionUpdate),
			},
			{
				Config:           githubInstallationConfig(e, 87654321, "acme-corp", selectedRepos),
				ConfigPlanChecks: expectAction(githubInstallationAddr, plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("installation_id"), knownvalue.Int64Exact(87654321)),
				},
			},
		},
	})
}

// TestAccGitHubInstallationResource_drift: a change outside Terraform is planned back, a
// suspension by the platform administrator only refreshes status, and a connection deleted
// outside Terraform is connected again.
func TestAccGitHubInstallationResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	cfg := githubInstallationConfig(e, 4242, "acme", selectedRepos)
	admin := e.clientFor(t, e.Server.AdminToken)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "change repositories", func(ctx context.Context) error {
					_, err := e.Client.GitHubInstallations.Update(ctx, "acme", "4242", client.GitHubInstallationUpdateOptions{
						Repositories: &[]string{"acme/other"}})
					return err
				}),
				Config:           cfg,
				ConfigPlanChecks: expectAction(githubInstallationAddr, plancheck.ResourceActionUpdate),
			},
			{
				PreConfig: outOfBand(t, "suspend", func(ctx context.Context) error {
					g, err := e.Client.GitHubInstallations.Get(ctx, "acme", "4242")
					if err == nil {
						_, err = admin.GitHubInstallations.Suspend(ctx, g.ID)
					}
					return err
				}),
				RefreshState: true,
				Check:        resource.TestCheckResourceAttr(githubInstallationAddr, "status", "suspended"),
			},
			{Config: cfg, PlanOnly: true}, // a suspension is not a change of the configuration
			{
				PreConfig: outOfBand(t, "delete", func(ctx context.Context) error {
					return e.Client.GitHubInstallations.Delete(ctx, "acme", "4242", 0)
				}),
				Config:           cfg,
				ConfigPlanChecks: expectAction(githubInstallationAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(githubInstallationAddr, tfjsonpath.New("status"), knownvalue.StringExact("active")),
				},
			},
		},
	})
}

// TestAccGitHubInstallationResource_badInput: every rule fails the plan with the rule; one
// GitHub installation connected twice fails the apply with the server's already_exists.
func TestAccGitHubInstallationResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	other := e.workspace(t, "other")
	if _, err := e.Client.GitHubInstallations.Create(testCtx(t), other.ID, client.GitHubInstallationCreateOptions{InstallationID: 99,
		AccountLogin: "x", AccountType: client.GitHubAccountUser, RepositorySelection: client.RepositorySelectionAll}); err != nil {
		t.Fatal(err)
	}
	step := func(id int64, login, body, want string) resource.TestStep {
		return resource.TestStep{Config: githubInstallationConfig(e, id, login, body), PlanOnly: true, ExpectError: errorText(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(1, "acme", `  repository_selection = "selected"`, `repositories is required when repository_selection is "selected"`),
			step(1, "acme", `  repository_selection = "all"
  repositories = ["acme/web"]`, `repositories must not be set when repository_selection is "all"`),
			step(1, "acme", `  repository_selection = "selected"
  repositories = ["not a repo"]`, `must be a GitHub repository "owner/name"`),
			step(1, "acme", `  repository_selection = "some"`, `repository_selection value must be one of`),
			step(0, "acme", `  repository_selection = "all"`, "installation_id value must be at least 1"),
			step(1, "-acme", `  repository_selection = "all"`, "account_login must be a GitHub login"),
			{
				Config:      githubInstallationConfig(e, 99, "acme", `  repository_selection = "all"`),
				ExpectError: errorText("GitHub installation 99 is already connected to a workspace"),
			},
		},
	})
}
