package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// deploymentsDataFixture is newDeploymentFixture with the GitHub installation 12345678 (all
// repositories) and two deployments in web, oldest first: frontend (two replicas, env, the
// secret DB_PASSWORD, deployed from acme/web's main branch) and worker (stopped).
type deploymentsDataFixture struct {
	deploymentFixture
	github           *client.GitHubInstallation
	frontend, worker *client.Deployment
}

func newDeploymentsDataFixture(t *testing.T, e *testEnv) deploymentsDataFixture {
	t.Helper()
	f := deploymentsDataFixture{deploymentFixture: newDeploymentFixture(t, e)}
	var err error
	f.github, err = e.Client.GitHubInstallations.Create(testCtx(t), "acme", client.GitHubInstallationCreateOptions{
		InstallationID: testGitHubInstallation, AccountLogin: "acme", AccountType: client.GitHubAccountOrganization,
		RepositorySelection: client.RepositorySelectionAll})
	if err != nil {
		t.Fatal(err)
	}
	f.frontend = e.deployment(t, "acme", "web", client.DeploymentCreateOptions{Name: "frontend", ClusterID: f.cluster.ID, Image: testImage,
		Replicas: client.Ptr(2), Env: map[string]string{"LOG_LEVEL": "info"}, Secrets: []string{"DB_PASSWORD"},
		Source: &client.DeploymentSource{GitHubInstallationID: f.github.ID, Repository: "acme/web", Branch: "main"}})
	f.worker = e.deployment(t, "acme", "web", client.DeploymentCreateOptions{Name: "worker", ClusterID: f.cluster.ID,
		Image: "ghcr.io/acme/worker:2.0.0", Replicas: client.Ptr(0)})
	return f
}

// TestAccDeploymentDataSource_lookups looks a deployment up by name (in the default workspace)
// and by id (in a workspace given by id); an unknown name is not found.
func TestAccDeploymentDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentsDataFixture(t, e)
	provider := e.providerBlockWith(e.Token, "acme")
	const byName, byID = "data.platform_deployment.by_name", "data.platform_deployment.by_id"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_deployment" "d" {` + "\n  project_id = \"" + f.project.ID + "\"\n  name = \"nope\"\n}",
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      provider + `data "platform_deployment" "d" {` + "\n  project_id = \"" + f.project.ID + "\"\n}",
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,name]"),
			},
			{
				Config: provider + `
data "platform_deployment" "by_name" {
  project_id = "` + f.project.ID + `"
  name       = "frontend"
}

data "platform_deployment" "by_id" {
  workspace_id = "` + f.ws.ID + `"
  project_id   = "` + f.project.ID + `"
  id           = "` + f.worker.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("id"), knownvalue.StringExact(f.frontend.ID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("cluster_id"), knownvalue.StringExact(f.cluster.ID)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("image"), knownvalue.StringExact(testImage)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("replicas"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("env"), knownvalue.MapExact(map[string]knownvalue.Check{
						"LOG_LEVEL": knownvalue.StringExact("info")})),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("secrets"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("DB_PASSWORD")})),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("source"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"github_installation_id": knownvalue.StringExact(f.github.ID),
						"repository":             knownvalue.StringExact("acme/web"),
						"branch":                 knownvalue.StringExact("main"),
					})),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("revision"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("commit_sha"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("url"), knownvalue.StringExact(f.frontend.URL)),
					statecheck.ExpectKnownValue(byName, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("name"), knownvalue.StringExact("worker")),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("status"), knownvalue.StringExact("stopped")),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("source"), knownvalue.Null()),
					statecheck.ExpectKnownValue(byID, tfjsonpath.New("env"), knownvalue.MapSizeExact(0)),
				},
			},
		},
	})
}

// deploymentsExampleFixture adds what the deployment data source examples look up to
// TestAccExamples' workspace acme: the deployment frontend in the project web, on the cluster
// prod-eu (which it waits for).
func deploymentsExampleFixture(t *testing.T, e *testEnv) {
	t.Helper()
	c, err := e.Client.Clusters.WaitForStatus(testCtx(t), "acme", "prod-eu", client.ClusterRunning)
	if err != nil {
		t.Fatalf("wait for cluster prod-eu: %v", err)
	}
	e.deployment(t, "acme", "web", client.DeploymentCreateOptions{Name: "frontend", ClusterID: c.ID, Image: testImage})
}
