package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/server"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/sqlite"
)

const clusterAddr = "platform_cluster.c"

// newClusterTestEnv is newTestEnv with cluster operations that take a noticeable but short
// time, so the waits are exercised and the suite stays fast.
func newClusterTestEnv(t *testing.T) *testEnv {
	return newTestEnv(t, servertest.WithClusterDelay(200*time.Millisecond))
}

// clusterConfig is a platform_cluster "c" with the given extra arguments.
type clusterConfig struct {
	workspaceID string // "" uses the provider's default workspace
	name        string
	location    string
	version     string
	pools       string // HCL list
	extra       string // more arguments or blocks
}

func (c clusterConfig) hcl() string {
	var b strings.Builder
	b.WriteString("resource \"platform_cluster\" \"c\" {\n")
	if c.workspaceID != "" {
		fmt.Fprintf(&b, "  workspace_id       = %q\n", c.workspaceID)
	}
	name, location, version, pools := c.name, c.location, c.version, c.pools
	if name == "" {
		name = "prod-eu"
	}
	if location == "" {
		location = "eu-central-1"
	}
	if version == "" {
		version = "1.31"
	}
	if pools == "" {
		pools = `[{ name = "default", machine_type = "m5.large", min_nodes = 1, max_nodes = 3 }]`
	}
	fmt.Fprintf(&b, "  name               = %q\n  cloud              = \"aws\"\n  location           = %q\n", name, location)
	fmt.Fprintf(&b, "  kubernetes_version = %q\n  node_pools         = %s\n%s}\n", version, pools, c.extra)
	return b.String()
}

// clusterGone checks (as CheckDestroy) that the workspace has no clusters left.
func clusterGone(t *testing.T, e *testEnv, ws string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		list, err := client.Collect(e.Client.Clusters.All(testCtx(t), ws))
		if err != nil {
			return err
		}
		if len(list) != 0 {
			return fmt.Errorf("clusters left after destroy: %+v", list)
		}
		return nil
	}
}

// TestAccClusterResource_basic creates a cluster in the provider's default workspace, waits for
// it to run, and imports it by "<workspace slug>/<cluster name>".
func TestAccClusterResource_basic(t *testing.T) {
	e := newClusterTestEnv(t)
	ws := e.workspace(t, "acme")
	cfg := e.providerBlockWith(e.Token, "acme") + clusterConfig{
		extra: "\n  timeouts {\n    create = \"5m\"\n  }\n",
	}.hcl()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             clusterGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("cls_"))),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("endpoint"), knownvalue.StringRegexp(regexp.MustCompile(`^https://`))),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("region_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("project_id"), knownvalue.Null()),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("node_pools"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("default"), "machine_type": knownvalue.StringExact("m5.large"),
							"min_nodes": knownvalue.Int64Exact(1), "max_nodes": knownvalue.Int64Exact(3),
						}),
					})),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("timeouts").AtMapKey("create"), knownvalue.StringExact("5m")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				ResourceName:      clusterAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return "acme/prod-eu", nil },
				// The timeouts block is configuration only: an import starts with none.
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// An import block with -generate-config-out: the plan only imports, no change.
				Config:            e.providerBlockWith(e.Token, "acme"),
				ResourceName:      clusterAddr,
				ImportState:       true,
				ImportStateKind:   resource.ImportBlockWithID,
				GenerateConfig:    true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return "acme/prod-eu", nil },
			},
		},
	})
}

// TestAccClusterResource_update upgrades Kubernetes, changes the node pools, renames and sets a
// region in place (waiting for the update), refuses a downgrade at plan time and reports the
// server's message for a version it does not have.
func TestAccClusterResource_update(t *testing.T) {
	e := newClusterTestEnv(t)
	ws := e.workspace(t, "acme")
	region, err := e.Client.Regions.Create(testCtx(t), ws.ID, client.RegionCreateOptions{Name: "europe"})
	if err != nil {
		t.Fatal(err)
	}
	first := clusterConfig{workspaceID: ws.ID, version: "1.30"}
	second := clusterConfig{
		workspaceID: ws.ID, name: "prod-eu-2", version: "1.31",
		pools: `[
    { name = "default", machine_type = "m5.large", min_nodes = 2, max_nodes = 5 },
    { name = "gpu", machine_type = "g5.xlarge", min_nodes = 0, max_nodes = 2 },
  ]`,
		extra: fmt.Sprintf("  region_id          = %q\n", region.ID),
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: e.config(first.hcl())},
			{
				Config: e.config(second.hcl()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate),
						// The update waits until the cluster runs again.
						plancheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("kubernetes_version"), knownvalue.StringExact("1.31")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("name"), knownvalue.StringExact("prod-eu-2")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("region_id"), knownvalue.StringExact(region.ID)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("node_pools"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
				},
				Check: checkOutOfBand(t, "read cluster", func(ctx context.Context) error {
					c, err := e.Client.Clusters.Get(ctx, ws.ID, "prod-eu-2")
					if err == nil && (c.Status != client.ClusterRunning || c.KubernetesVersion != "1.31" || len(c.NodePools) != 2 ||
						c.NodePools[0].MinNodes != 2) {
						err = fmt.Errorf("server has %+v", c)
					}
					return err
				}),
			},
			{
				Config:      e.config(clusterConfig{workspaceID: ws.ID, name: "prod-eu-2", version: "1.30", pools: second.pools, extra: second.extra}.hcl()),
				PlanOnly:    true,
				ExpectError: errorText("kubernetes_version cannot go down from 1.31 to 1.30: Kubernetes versions only go up"),
			},
			{
				// An upgrade to a version the server does not offer fails at plan time, listing
				// the ones it does.
				Config:      e.config(clusterConfig{workspaceID: ws.ID, name: "prod-eu-2", version: "1.99", pools: second.pools, extra: second.extra}.hcl()),
				PlanOnly:    true,
				ExpectError: errorText(`kubernetes_version "1.99" is not offered by the platform: it must be one of 1.29`),
			},
			{
				// Removing the region clears it in place.
				Config: e.config(clusterConfig{workspaceID: ws.ID, name: "prod-eu-2", pools: second.pools}.hcl()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("region_id"), knownvalue.Null()),
				},
			},
		},
	})
}

// TestAccClusterResource_replace: a new location replaces the cluster; with a replacement, an
// older Kubernetes version is allowed (it is a new cluster).
func TestAccClusterResource_replace(t *testing.T) {
	e := newClusterTestEnv(t)
	ws := e.workspace(t, "acme")
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.config(clusterConfig{workspaceID: ws.ID, version: "1.32"}.hcl()),
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources[clusterAddr].Primary.ID
					return nil
				},
			},
			{
				Config: e.config(clusterConfig{workspaceID: ws.ID, location: "eu-west-1", version: "1.31"}.hcl()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("location"), knownvalue.StringExact("eu-west-1")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
				},
				Check: func(s *terraform.State) error {
					if id := s.RootModule().Resources[clusterAddr].Primary.ID; id == firstID {
						return fmt.Errorf("cluster id %s did not change", id)
					}
					return nil
				},
			},
		},
	})
}

// TestAccClusterResource_drift: a cluster deleted outside Terraform is planned for creation.
func TestAccClusterResource_drift(t *testing.T) {
	e := newClusterTestEnv(t)
	ws := e.workspace(t, "acme")
	cfg := e.config(clusterConfig{workspaceID: ws.ID}.hcl())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "delete cluster", func(ctx context.Context) error {
					if _, _, err := e.Client.Clusters.Delete(ctx, ws.ID, "prod-eu", 0); err != nil {
						return err
					}
					return e.Client.Clusters.WaitUntilDeleted(ctx, ws.ID, "prod-eu")
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccClusterResource_badInput: plan-time validation with the rule in the message.
func TestAccClusterResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	pool := func(name string, minN, maxN int) string {
		return fmt.Sprintf(`{ name = %q, machine_type = "m5.large", min_nodes = %d, max_nodes = %d }`, name, minN, maxN)
	}
	var eleven []string
	for i := range 11 {
		eleven = append(eleven, pool(fmt.Sprintf("p%d", i), 1, 1))
	}
	step := func(c clusterConfig, want string) resource.TestStep {
		c.workspaceID = "ws_0123456789abcdef"
		return resource.TestStep{Config: e.config(c.hcl()), PlanOnly: true, ExpectError: errorText(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(clusterConfig{pools: "[]"}, "node_pools must have 1-10 node pools, got 0"),
			step(clusterConfig{pools: "[" + strings.Join(eleven, ", ") + "]"}, "node_pools must have 1-10 node pools, got 11"),
			step(clusterConfig{pools: "[" + pool("default", 5, 3) + "]"},
				"node_pools[0]: min_nodes must be <= max_nodes, got min_nodes = 5 and max_nodes = 3"),
			step(clusterConfig{pools: "[" + pool("a", 1, 2) + ", " + pool("a", 1, 2) + "]"},
				`node_pools[1].name must be unique: "a" is also the name of node_pools[0]`),
			step(clusterConfig{version: "1.31.2"}, "kubernetes_version must be a Kubernetes version MAJOR.MINOR such as 1.31"),
			// Well-formed but not in the server's catalogue: refused at plan time, not at apply.
			step(clusterConfig{version: "1.40"}, `kubernetes_version "1.40" is not offered by the platform: it must be one of 1.29, 1.30, 1.31, 1.32, 1.33`),
			{
				Config: e.config(strings.Replace(clusterConfig{workspaceID: "ws_0123456789abcdef"}.hcl(),
					`cloud              = "aws"`, `cloud              = "ibm"`, 1)),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`value must be one of:\s+\["aws"\s+"gcp"\s+"azure"\s+"hetzner"\]`),
			},
		},
	})
}

// TestAccClusterResource_failedProvisioning: the server fails provisioning in "fail-" locations.
// The error carries the operation's message, and the cluster stays in the state, tainted, so
// the next apply replaces it.
func TestAccClusterResource_failedProvisioning(t *testing.T) {
	e := newClusterTestEnv(t)
	ws := e.workspace(t, "acme")
	cfg := e.config(clusterConfig{workspaceID: ws.ID, location: "fail-eu-1"}.hcl())
	const failure = "provisioning failed: location fail-eu-1 has no capacity"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             clusterGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{Config: cfg, ExpectError: errorText(failure)},
			{
				PreConfig: outOfBand(t, "read failed cluster", func(ctx context.Context) error {
					c, err := e.Client.Clusters.Get(ctx, ws.ID, "prod-eu")
					if err == nil && c.Status != client.ClusterFailed {
						err = fmt.Errorf("cluster is %s, want failed", c.Status)
					}
					return err
				}),
				// Same configuration: only the taint explains a replacement, which fails again.
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ExpectError: errorText(failure),
			},
		},
	})
}

// TestAccClusterResource_createTimeout: a create that outlasts timeouts.create fails with the
// timeout named, and the cluster saved before the wait is destroyed with the test.
func TestAccClusterResource_createTimeout(t *testing.T) {
	e := newTestEnv(t, servertest.WithClusterDelay(time.Second))
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             clusterGone(t, e, ws.ID),
		Steps: []resource.TestStep{{
			Config: e.config(clusterConfig{
				workspaceID: ws.ID,
				extra:       "\n  timeouts {\n    create = \"100ms\"\n  }\n",
			}.hcl()),
			ExpectError: errorText("was not running within the create timeout (100ms)"),
		}},
	})
}

// TestAccClusterResource_retiredVersion: a cluster whose Kubernetes version the catalogue has
// since dropped can still be renamed and have its node pools changed in place: only a new
// version (create, or a change of version) must be in the catalogue. The version is retired by
// rewriting the cluster's row in the server's database, as if it had been created before.
func TestAccClusterResource_retiredVersion(t *testing.T) {
	const retired = "1.28"
	if slices.Contains(platform.KubernetesVersions, retired) {
		t.Fatalf("%s is in the catalogue %v: pick a version it no longer has", retired, platform.KubernetesVersions)
	}
	e := newClusterTestEnv(t)
	ws := e.workspace(t, "acme")
	renamed := clusterConfig{workspaceID: ws.ID, name: "prod-eu-2", version: retired,
		pools: `[{ name = "default", machine_type = "m5.large", min_nodes = 2, max_nodes = 6 }]`}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             clusterGone(t, e, ws.ID),
		Steps: []resource.TestStep{
			{Config: e.config(clusterConfig{workspaceID: ws.ID, version: platform.KubernetesVersions[0]}.hcl())},
			{
				PreConfig: outOfBand(t, "retire the cluster's version", func(ctx context.Context) error {
					return retireClusterVersion(ctx, e, ws.ID, "prod-eu", retired)
				}),
				Config: e.config(renamed.hcl()),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(clusterAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("name"), knownvalue.StringExact("prod-eu-2")),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("kubernetes_version"), knownvalue.StringExact(retired)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("node_pools").AtSliceIndex(0).AtMapKey("max_nodes"),
						knownvalue.Int64Exact(6)),
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("status"), knownvalue.StringExact("running")),
				},
			},
			{
				// Upgrading to an offered version works as usual.
				Config: e.config(clusterConfig{workspaceID: ws.ID, name: "prod-eu-2", version: platform.KubernetesVersions[0],
					pools: renamed.pools}.hcl()),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(clusterAddr, tfjsonpath.New("kubernetes_version"),
						knownvalue.StringExact(platform.KubernetesVersions[0])),
				},
			},
		},
	})
}

// retireClusterVersion sets a running cluster's Kubernetes version straight in the server's
// database (a second connection; SQLite serializes the writes).
func retireClusterVersion(ctx context.Context, e *testEnv, ws, name, version string) error {
	st, err := sqlite.Open(ctx, filepath.Join(e.Server.DataDir, server.DefaultDBFile))
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Update(ctx, func(tx platform.Tx) error {
		c, err := tx.GetClusterByName(ws, name)
		if err != nil {
			return err
		}
		if c.Status != platform.ClusterRunning {
			return fmt.Errorf("cluster %s is %s, want running", name, c.Status)
		}
		c.KubernetesVersion = version
		c.Touch(time.Now().UTC().Truncate(time.Microsecond))
		return tx.UpdateCluster(c)
	})
}
