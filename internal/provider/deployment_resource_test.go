package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

const (
	deploymentAddr = "platform_deployment.d"
	testImage      = "ghcr.io/acme/web:1.4.0"
	// testGitHubInstallation is GitHub's id of the installation the source tests connect.
	testGitHubInstallation = 12345678
)

// deploymentFixture is the workspace acme (the provider's default workspace in these tests)
// with the project web, the running cluster prod-eu and the secrets DB_PASSWORD and API_TOKEN.
type deploymentFixture struct {
	ws      *client.Workspace
	project *client.Project
	cluster *client.Cluster
}

func newDeploymentFixture(t *testing.T, e *testEnv) deploymentFixture {
	t.Helper()
	ctx := testCtx(t)
	f := deploymentFixture{ws: e.workspace(t, "acme")}
	var err error
	if f.project, err = e.Client.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}); err != nil {
		t.Fatal(err)
	}
	f.cluster = e.runningCluster(t, "acme", "prod-eu")
	for _, name := range []string{"DB_PASSWORD", "API_TOKEN"} {
		if _, err := e.Client.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: name, Value: client.Secret("s3cret-" + name)}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// deployment creates a deployment through the client and waits until it runs.
func (e *testEnv) deployment(t *testing.T, ws, prj string, opts client.DeploymentCreateOptions) *client.Deployment {
	t.Helper()
	ctx := testCtx(t)
	d, _, err := e.Client.Deployments.Create(ctx, ws, prj, opts)
	if err == nil {
		d, err = e.Client.Deployments.WaitForStatus(ctx, ws, prj, d.ID, client.DeploymentRunning, client.DeploymentStopped)
	}
	if err != nil {
		t.Fatalf("create deployment %s: %v", opts.Name, err)
	}
	return d
}

// config is a platform_deployment "d" in the project web on prod-eu, with name, image and body
// (more arguments and blocks), after the provider block with acme as the default workspace.
func (f deploymentFixture) config(e *testEnv, name, image, body string) string {
	return e.providerBlockWith(e.Token, "acme") + fmt.Sprintf(`
resource "platform_deployment" "d" {
  project_id = %q
  cluster_id = %q
  name       = %q
  image      = %q
%s
}
`, f.project.ID, f.cluster.ID, name, image, body)
}

// deploymentsGone checks (as CheckDestroy) that the project has no deployments left.
func deploymentsGone(t *testing.T, e *testEnv, ws, prj string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		list, err := client.Collect(e.Client.Deployments.All(testCtx(t), ws, prj))
		if err != nil {
			return err
		}
		if len(list) != 0 {
			return fmt.Errorf("deployments left after destroy: %+v", list)
		}
		return nil
	}
}

func expectDeployment(attr string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(deploymentAddr, tfjsonpath.New(attr), check)
}

// TestAccDeploymentResource_basic creates a deployment with the defaults (one replica, no env,
// secrets or source), waits for it to run, and imports it by "<workspace>/<project>/<name>",
// by ids and with an import block.
func TestAccDeploymentResource_basic(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentFixture(t, e)
	cfg := f.config(e, "frontend", testImage, "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             deploymentsGone(t, e, "acme", "web"),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("id", knownvalue.StringRegexp(prefixRegexp("dep_"))),
					expectDeployment("workspace_id", knownvalue.StringExact(f.ws.ID)),
					expectDeployment("project_id", knownvalue.StringExact(f.project.ID)),
					expectDeployment("cluster_id", knownvalue.StringExact(f.cluster.ID)),
					expectDeployment("image", knownvalue.StringExact(testImage)),
					expectDeployment("replicas", knownvalue.Int64Exact(1)),
					expectDeployment("env", knownvalue.MapSizeExact(0)),
					expectDeployment("secrets", knownvalue.SetSizeExact(0)),
					expectDeployment("source", knownvalue.Null()),
					expectDeployment("status", knownvalue.StringExact("running")),
					expectDeployment("revision", knownvalue.Int64Exact(1)),
					expectDeployment("commit_sha", knownvalue.Null()),
					expectDeployment("url", knownvalue.StringRegexp(regexp.MustCompile(`^https://frontend-web-acme\.apps\.`))),
					expectDeployment("created_at", knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				ResourceName:      deploymentAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme/web/frontend",
			},
			{
				ResourceName:      deploymentAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("%s/%s/%s", deploymentAddr+".workspace_id", deploymentAddr+".project_id", deploymentAddr+".id"),
			},
			{
				// An import block with -generate-config-out: the plan only imports, no change.
				Config:          e.providerBlockWith(e.Token, "acme"),
				ResourceName:    deploymentAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/web/frontend",
				GenerateConfig:  true,
			},
			{
				ResourceName:  deploymentAddr,
				ImportState:   true,
				ImportStateId: "acme/frontend",
				ExpectError:   errorText(`import id must have the form "workspace/project/deployment" (for example "acme/web/frontend")`),
			},
		},
	})
}

// TestAccDeploymentResource_update changes what runs (a new revision, waited for), renames in
// place (no revision, the URL stays), stops the deployment with 0 replicas, and clears env and
// secrets.
func TestAccDeploymentResource_update(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentFixture(t, e)
	const image2 = "ghcr.io/acme/web:1.5.0"
	full := `  replicas = 3
  env      = { LOG_LEVEL = "debug", REGION = "eu" }
  secrets  = ["DB_PASSWORD", "API_TOKEN"]`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             deploymentsGone(t, e, "acme", "web"),
		Steps: []resource.TestStep{
			{Config: f.config(e, "frontend", testImage, `  env = { LOG_LEVEL = "info" }`)},
			{
				Config: f.config(e, "frontend", image2, full),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(deploymentAddr, plancheck.ResourceActionUpdate),
					// The URL is fixed at creation.
					plancheck.ExpectKnownValue(deploymentAddr, tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://frontend-`))),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("image", knownvalue.StringExact(image2)),
					expectDeployment("replicas", knownvalue.Int64Exact(3)),
					expectDeployment("env", knownvalue.MapExact(map[string]knownvalue.Check{
						"LOG_LEVEL": knownvalue.StringExact("debug"), "REGION": knownvalue.StringExact("eu"),
					})),
					expectDeployment("secrets", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("API_TOKEN"), knownvalue.StringExact("DB_PASSWORD"),
					})),
					expectDeployment("status", knownvalue.StringExact("running")),
					expectDeployment("revision", knownvalue.Int64Exact(2)),
				},
				Check: checkOutOfBand(t, "read the deployment and its log", func(ctx context.Context) error {
					d, err := e.Client.Deployments.Get(ctx, "acme", "web", "frontend")
					if err != nil {
						return err
					}
					if d.Status != client.DeploymentRunning || d.Revision != 2 || d.Replicas != 3 {
						return fmt.Errorf("server has %+v", d)
					}
					lines, err := e.Client.Deployments.Logs(ctx, "acme", "web", "frontend", client.DeploymentLogsOptions{})
					if err != nil {
						return err
					}
					if last := lines[len(lines)-1].Message; last != "revision 2: running" {
						return fmt.Errorf("last log line %q", last)
					}
					return nil
				}),
			},
			{
				// A new name alone: in place, without a revision; the URL keeps the first name.
				Config:           f.config(e, "storefront", image2, full),
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("name", knownvalue.StringExact("storefront")),
					expectDeployment("revision", knownvalue.Int64Exact(2)),
					expectDeployment("url", knownvalue.StringRegexp(regexp.MustCompile(`^https://frontend-web-acme\.apps\.`))),
				},
			},
			{
				// 0 replicas stops it; removing env and secrets clears them.
				Config:           f.config(e, "storefront", image2, "  replicas = 0"),
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("status", knownvalue.StringExact("stopped")),
					expectDeployment("replicas", knownvalue.Int64Exact(0)),
					expectDeployment("env", knownvalue.MapSizeExact(0)),
					expectDeployment("secrets", knownvalue.SetSizeExact(0)),
					expectDeployment("revision", knownvalue.Int64Exact(3)),
				},
			},
			{
				// A timeouts block alone changes nothing on the server.
				Config:           f.config(e, "storefront", image2, "  replicas = 0\n  timeouts {\n    update = \"5m\"\n  }"),
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("revision", knownvalue.Int64Exact(3)),
					expectDeployment("timeouts", knownvalue.ObjectPartial(map[string]knownvalue.Check{"update": knownvalue.StringExact("5m")})),
				},
			},
		},
	})
}

// sourceBlock is a deployment's source on the GitHub installation platform_github_installation.g.
const sourceBlock = `  source = {
    github_installation_id = platform_github_installation.g.id
    repository             = "acme/web"
    branch                 = "main"
  }`

// githubConnection is the platform_github_installation "g" the source tests deploy from.
var githubConnection = fmt.Sprintf(`
resource "platform_github_installation" "g" {
  installation_id      = %d
  account_login        = "acme"
  account_type         = "Organization"
  repository_selection = "all"
}
`, testGitHubInstallation)

// push delivers a signed GitHub push of sha to acme/web's main branch and checks how many
// deployments it redeployed.
func push(t *testing.T, e *testEnv, delivery, sha string, want int) func() {
	return func() {
		status, body := e.Server.GitHubPush(t, delivery, testGitHubInstallation, "acme/web", "main", sha)
		var out struct {
			Deployments int `json:"deployments"`
		}
		if status != http.StatusAccepted || json.Unmarshal(body, &out) != nil || out.Deployments != want {
			t.Fatalf("push %s: status %d: %s (want %d deployments)", delivery, status, body, want)
		}
	}
}

// TestAccDeploymentResource_source deploys from a GitHub repository: a push through the webhook
// makes a new revision with its commit, which is not drift (the plan after it is empty, while
// the revision deploys and after); removing the source disconnects it in place, and a source set
// outside Terraform is planned away.
func TestAccDeploymentResource_source(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentFixture(t, e)
	withSource := f.config(e, "frontend", testImage, sourceBlock) + githubConnection
	sha1, sha2 := strings.Repeat("a1", 20), strings.Repeat("b2", 20)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             deploymentsGone(t, e, "acme", "web"),
		Steps: []resource.TestStep{
			{
				Config: withSource,
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("source", knownvalue.ObjectExact(map[string]knownvalue.Check{
						"github_installation_id": knownvalue.StringRegexp(prefixRegexp("ghi_")),
						"repository":             knownvalue.StringExact("acme/web"),
						"branch":                 knownvalue.StringExact("main"),
					})),
					expectDeployment("revision", knownvalue.Int64Exact(1)),
					expectDeployment("commit_sha", knownvalue.Null()),
				},
			},
			{
				// Planned right after the push, while its revision may still be deploying.
				PreConfig:        push(t, e, "delivery-1", sha1, 1),
				Config:           withSource,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("revision", knownvalue.Int64Exact(2)),
					expectDeployment("commit_sha", knownvalue.StringExact(sha1)),
				},
			},
			{
				PreConfig: func() {
					push(t, e, "delivery-2", sha2, 1)()
					if _, err := e.Client.Deployments.WaitForStatus(testCtx(t), "acme", "web", "frontend", client.DeploymentRunning); err != nil {
						t.Fatal(err)
					}
				},
				Config:           withSource,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("revision", knownvalue.Int64Exact(3)),
					expectDeployment("commit_sha", knownvalue.StringExact(sha2)),
					expectDeployment("status", knownvalue.StringExact("running")),
				},
			},
			{
				// Another image with the source: a new revision that keeps the commit.
				Config:           f.config(e, "frontend", "ghcr.io/acme/web:1.5.0", sourceBlock) + githubConnection,
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("revision", knownvalue.Int64Exact(4)),
					expectDeployment("commit_sha", knownvalue.StringExact(sha2)),
					expectDeployment("status", knownvalue.StringExact("running")),
				},
			},
			{
				// Without the source block the repository is disconnected, and its commit forgotten.
				Config:           f.config(e, "frontend", "ghcr.io/acme/web:1.5.0", "") + githubConnection,
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("source", knownvalue.Null()),
					expectDeployment("commit_sha", knownvalue.Null()),
					expectDeployment("revision", knownvalue.Int64Exact(5)),
				},
			},
			{
				// Pushes no longer reach it.
				PreConfig: push(t, e, "delivery-3", sha1, 0),
				Config:    f.config(e, "frontend", "ghcr.io/acme/web:1.5.0", "") + githubConnection,
				PlanOnly:  true,
			},
			{
				// A source set outside Terraform is drift: the plan removes it again.
				PreConfig: outOfBand(t, "set a source", func(ctx context.Context) error {
					g, err := e.Client.GitHubInstallations.Get(ctx, "acme", fmt.Sprint(testGitHubInstallation))
					if err == nil {
						_, _, err = e.Client.Deployments.Update(ctx, "acme", "web", "frontend", client.DeploymentUpdateOptions{
							Source: &client.DeploymentSource{GitHubInstallationID: g.ID, Repository: "acme/web", Branch: "dev"}})
					}
					return err
				}),
				Config:           f.config(e, "frontend", "ghcr.io/acme/web:1.5.0", "") + githubConnection,
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("source", knownvalue.Null()),
					expectDeployment("revision", knownvalue.Int64Exact(7)),
				},
			},
		},
	})
}

// TestAccDeploymentResource_drift: an image, replicas, env or secrets changed outside Terraform
// are planned back; a deployment deleted outside Terraform is created again.
func TestAccDeploymentResource_drift(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentFixture(t, e)
	cfg := f.config(e, "frontend", testImage, `  env = { LOG_LEVEL = "info" }`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             deploymentsGone(t, e, "acme", "web"),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "change the image", func(ctx context.Context) error {
					_, _, err := e.Client.Deployments.Update(ctx, "acme", "web", "frontend", client.DeploymentUpdateOptions{
						Image: client.String("ghcr.io/acme/web:9.9.9"), Replicas: client.Ptr(2), Env: &map[string]string{"LOG_LEVEL": "debug"},
						Secrets: &[]string{"DB_PASSWORD"}})
					return err
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(deploymentAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(deploymentAddr, tfjsonpath.New("image"), knownvalue.StringExact(testImage)),
					plancheck.ExpectKnownValue(deploymentAddr, tfjsonpath.New("replicas"), knownvalue.Int64Exact(1)),
					plancheck.ExpectKnownValue(deploymentAddr, tfjsonpath.New("secrets"), knownvalue.SetSizeExact(0)),
				}},
				Check: checkOutOfBand(t, "read the deployment", func(ctx context.Context) error {
					d, err := e.Client.Deployments.Get(ctx, "acme", "web", "frontend")
					if err == nil && (d.Image != testImage || d.Replicas != 1 || d.Env["LOG_LEVEL"] != "info" || len(d.Secrets) != 0) {
						err = fmt.Errorf("server has %+v", d)
					}
					return err
				}),
			},
			{
				PreConfig: outOfBand(t, "delete the deployment", func(ctx context.Context) error {
					if _, _, err := e.Client.Deployments.Delete(ctx, "acme", "web", "frontend", 0); err != nil {
						return err
					}
					return e.Client.Deployments.WaitUntilDeleted(ctx, "acme", "web", "frontend")
				}),
				Config:           cfg,
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("revision", knownvalue.Int64Exact(1)),
					expectDeployment("status", knownvalue.StringExact("running")),
				},
			},
		},
	})
}

// TestAccDeploymentResource_failed: the server fails revisions of images tagged "fail-...". A
// failed create is an apply error with the operation's reason, and the deployment stays in the
// state (tainted: the next apply replaces it); a failed update keeps the deployment with status
// "failed", and a good image then brings it back.
func TestAccDeploymentResource_failed(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentFixture(t, e)
	const bad = "ghcr.io/acme/web:fail-1"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             deploymentsGone(t, e, "acme", "web"),
		Steps: []resource.TestStep{
			{
				Config:      f.config(e, "frontend", bad, ""),
				ExpectError: errorText("revision 1 failed: image " + bad + " could not be pulled"),
			},
			{
				// Same configuration: only the taint explains a replacement, which fails again.
				Config:           f.config(e, "frontend", bad, ""),
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ExpectError:      errorText("marked tainted; the next apply replaces it"),
			},
			{
				Config:           f.config(e, "frontend", testImage, ""),
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("status", knownvalue.StringExact("running")),
				},
			},
			{
				Config:      f.config(e, "frontend", bad, ""),
				ExpectError: errorText("revision 2 failed: image " + bad + " could not be pulled"),
			},
			{
				RefreshState: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr(deploymentAddr, "status", "failed"),
					resource.TestCheckResourceAttr(deploymentAddr, "image", bad),
					resource.TestCheckResourceAttr(deploymentAddr, "revision", "2"),
				),
			},
			{
				Config:           f.config(e, "frontend", testImage, ""),
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					expectDeployment("status", knownvalue.StringExact("running")),
					expectDeployment("revision", knownvalue.Int64Exact(3)),
				},
			},
		},
	})
}

// TestAccDeploymentResource_createTimeout: a create that outlasts timeouts.create fails with
// the timeout named; the deployment saved before the wait is destroyed with the test.
func TestAccDeploymentResource_createTimeout(t *testing.T) {
	e := newTestEnv(t, servertest.WithClusterDelay(time.Second))
	f := newDeploymentFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             deploymentsGone(t, e, "acme", "web"),
		Steps: []resource.TestStep{
			{
				Config:      f.config(e, "frontend", testImage, "  timeouts {\n    create = \"100ms\"\n  }"),
				ExpectError: errorText("was not running within the create timeout (100ms)"),
			},
			{
				// The id was saved: the deployment is in the state (tainted), so it is replaced.
				Config:           f.config(e, "frontend", testImage, ""),
				ConfigPlanChecks: expectAction(deploymentAddr, plancheck.ResourceActionDestroyBeforeCreate),
			},
		},
	})
}

// TestAccDeploymentResource_badInput: every rule fails the plan with the rule.
func TestAccDeploymentResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	f := deploymentFixture{project: &client.Project{ID: "prj_abcdefghij234567"}, cluster: &client.Cluster{ID: "cls_abcdefghij234567"}}
	step := func(name, image, body, want string) resource.TestStep {
		return resource.TestStep{Config: f.config(e, name, image, body), PlanOnly: true, ExpectError: errorText(want)}
	}
	src := func(id, repo, branch string) string {
		return fmt.Sprintf("  source = {\n    github_installation_id = %q\n    repository = %q\n    branch = %q\n  }", id, repo, branch)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step("Frontend", testImage, "", "name must match ^[a-z][a-z0-9-]*[a-z0-9]$"),
			step("frontend", "nginx", "", "image must be registry/path:tag or registry/path@sha256:<64 hex digits>"),
			step("frontend", "ghcr.io/Acme/web:1", "", "image must be registry/path:tag"),
			step("frontend", testImage, "  replicas = 101", "replicas value must be between 0 and 100"),
			step("frontend", testImage, "  replicas = -1", "replicas value must be between 0 and 100"),
			step("frontend", testImage, `  env = { log_level = "x" }`, `env["log_level"]: key must match ^[A-Z_][A-Z0-9_]*$`),
			step("frontend", testImage, `  env = { A = "`+strings.Repeat("v", 4097)+`" }`, `env["A"]: value must be at most 4096 characters`),
			step("frontend", testImage, `  secrets = ["db-password"]`, "must match ^[A-Z][A-Z0-9_]{0,63}$"),
			step("frontend", testImage, src("ghi_abcdefghij234567", "not a repo", "main"), `source.repository must be a GitHub repository "owner/name"`),
			step("frontend", testImage, src("ghi_abcdefghij234567", "acme/web", "feat x"),
				"source.branch must be a branch name of 1-255 letters, digits, '.', '_', '-' and '/'"),
			step("frontend", testImage, src("12345678", "acme/web", "main"), "source.github_installation_id must be a github_installation id (ghi_...)"),
			{
				Config:      strings.Replace(f.config(e, "frontend", testImage, ""), `"cls_abcdefghij234567"`, `"prod-eu"`, 1),
				PlanOnly:    true,
				ExpectError: errorText("cluster_id must be a cluster id (cls_...)"),
			},
		},
	})
}

// deploymentSyncStrings are the inputs that exercise the rules of deployments for
// validators_sync_test.go: images, branches and environment variable names.
func deploymentSyncStrings() []string {
	rep := strings.Repeat
	digest := rep("0123456789abcdef", 4)
	return []string{
		"ghcr.io/acme/web:1.4.0", "registry.example.com:5000/a/b:tag", "docker.io/library/nginx:latest", "nginx:latest", "nginx",
		"ghcr.io/acme/web", "ghcr.io/acme/web@sha256:" + digest, "ghcr.io/acme/web@sha256:" + digest[1:],
		"ghcr.io/acme/web@sha256:" + strings.ToUpper(digest), "ghcr.io/Acme/web:1", "GHCR.io/acme/web:1", "ghcr.io/acme/web:fail-1",
		"ghcr.io/acme//web:1", "ghcr.io/acme/web:-1", "ghcr.io/acme/web:_1", "ghcr.io/acme/we_b.c-d:1", "ghcr.io/acme/web-:1",
		"ghcr.io/acme/web:" + rep("t", 128), "ghcr.io/acme/web:" + rep("t", 129), "-ghcr.io/acme/web:1", "ghcr.io:99999/a:1",
		"ghcr.io:123456/a:1", "ghcr.io/" + rep("p", 502) + ":1", "ghcr.io/" + rep("p", 503) + ":1", "ghcr.io/acme/web:1 ",
		"main", "feature/x", "release-1.0", "a_b", "feat x", "main~1", "refs/heads/main", "ü", rep("b", 255), rep("b", 256),
		"LOG_LEVEL", "_X", "X1", "1X", "X-Y", "DB_PASSWORD", "A", "Z",
	}
}

// deploymentRefuses: a deployment (with a source) the domain accepts, with one field changed
// by set.
func deploymentRefuses(field string, set func(d *platform.Deployment)) bool {
	d := platform.Deployment{Name: "frontend", ClusterID: "cls_abcdefghij234567", Image: "ghcr.io/acme/web:1.4.0", Replicas: 1,
		Source: &platform.DeploymentSource{GitHubInstallationID: "ghi_abcdefghij234567", Repository: "acme/web", Branch: "main"}}
	set(&d)
	return refuses(d.Validate(), field)
}

// TestValidatorsAgreeWithServer_deployment compares replicas, env (its size, keys and values)
// and secrets (its size and names) with the domain's Deployment.Validate.
func TestValidatorsAgreeWithServer_deployment(t *testing.T) {
	schemas := resourceSchemas(t)
	replicas := schemaAttribute(t, schemas, "platform_deployment.replicas")
	for _, n := range []int64{-1 << 40, -1, 0, 1, 3, platform.MaxReplicas, platform.MaxReplicas + 1, 1 << 40} {
		d := planDiagnostics(replicas, path.Root("replicas"), types.Int64Value(n))
		server := deploymentRefuses("replicas", func(d *platform.Deployment) { d.Replicas = int(n) })
		if d.HasError() != server {
			t.Errorf("replicas = %d: the plan %s it, the server %s it%s", n, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}

	env := schemaAttribute(t, schemas, "platform_deployment.env")
	many := func(count int) map[string]string {
		m := map[string]string{}
		for i := range count {
			m[fmt.Sprintf("K%d", i)] = "v"
		}
		return m
	}
	maps := []map[string]string{{}, {"LOG_LEVEL": "info", "_X": ""}, many(platform.MaxEnv), many(platform.MaxEnv + 1)}
	for _, s := range syncStrings() {
		maps = append(maps, map[string]string{s: "v"}, map[string]string{"KEY": s})
	}
	for _, n := range []int{platform.ValueMaxLen, platform.ValueMaxLen + 1} {
		maps = append(maps, map[string]string{"K": strings.Repeat("v", n)}, map[string]string{"K": strings.Repeat("é", n)})
	}
	for _, m := range maps {
		d := planDiagnostics(env, path.Root("env"), stringMapValue(m))
		server := deploymentRefuses("env", func(d *platform.Deployment) { d.Env = m })
		if d.HasError() != server {
			t.Errorf("env = %q: the plan %s it, the server %s it%s", m, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}

	secrets := schemaAttribute(t, schemas, "platform_deployment.secrets")
	names := func(count int) []string {
		out := make([]string, count)
		for i := range out {
			out[i] = fmt.Sprintf("S%d", i)
		}
		return out
	}
	sets := [][]string{{}, {"DB_PASSWORD"}, {"DB_PASSWORD", "API_TOKEN"}, names(platform.MaxSecretRefs), names(platform.MaxSecretRefs + 1)}
	for _, s := range syncStrings() {
		sets = append(sets, []string{s})
		if s != "API_TOKEN" {
			sets = append(sets, []string{"API_TOKEN", s})
		}
	}
	for _, set := range sets {
		d := planDiagnostics(secrets, path.Root("secrets"), stringSetValue(set))
		server := deploymentRefuses("secrets", func(d *platform.Deployment) { d.Secrets = set })
		if d.HasError() != server {
			t.Errorf("secrets = %q: the plan %s it, the server %s it%s", set, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}
}
