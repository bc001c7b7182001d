package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
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

	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

const installationAddr = "platform_installation.i"

// Charts of the fixture: the server fails to pull a chart whose reference contains "fail-".
const (
	goodChart   = "oci://charts.example.com/monitoring:25.8.0"
	goodChart2  = "oci://charts.example.com/monitoring:25.9.0"
	failedChart = "oci://charts.example.com/fail-monitoring:1.0.0"
)

// installationFixture: the workspace vendor lists the product shop with releases 1.0.0, 1.1.0
// and 1.2.0 (whose chart the server fails to pull); the pro workspace acme, where the tests
// install, has the running cluster prod-eu and the secrets DB_PASSWORD and API_TOKEN.
type installationFixture struct {
	vendor, ws *client.Workspace
	shop       *client.Product
	cluster    *client.Cluster
}

func newInstallationFixture(t *testing.T, e *testEnv) installationFixture {
	t.Helper()
	ctx := testCtx(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	f := installationFixture{vendor: e.workspace(t, "vendor")}
	var err error
	f.shop, err = e.Client.Products.Create(ctx, "vendor", client.ProductCreateOptions{Slug: "shop", Name: "Shop", Visibility: client.VisibilityListed})
	must(err)
	for tag, chart := range map[string]string{
		"1.0.0": "oci://charts.example.com/shop:1.0.0",
		"1.1.0": "oci://charts.example.com/shop:1.1.0",
		"1.2.0": "oci://charts.example.com/fail-shop:1.2.0",
	} {
		_, err := e.Client.Releases.Create(ctx, "vendor", "shop", client.ReleaseCreateOptions{Tag: tag, Chart: chart, Notes: "Release " + tag + "."})
		must(err)
	}
	f.ws, err = e.Client.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: "acme", Name: "Acme", Plan: client.PlanPro})
	must(err)
	for _, name := range []string{"DB_PASSWORD", "API_TOKEN"} {
		_, err := e.Client.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: name, Value: "x"})
		must(err)
	}
	f.cluster = e.runningCluster(t, "acme", "prod-eu")
	return f
}

// install creates an installation through the client, as a fixture, and waits until it is
// installed.
func (f installationFixture) install(t *testing.T, e *testEnv, opts client.InstallationCreateOptions) *client.Installation {
	t.Helper()
	if opts.ClusterID == "" {
		opts.ClusterID = f.cluster.ID
	}
	in, _, err := e.Client.Installations.Create(testCtx(t), "acme", opts)
	if err != nil {
		t.Fatalf("create installation %s: %v", opts.Name, err)
	}
	if in, err = e.Client.Installations.WaitForStatus(testCtx(t), "acme", in.ID, client.InstallationInstalled); err != nil {
		t.Fatalf("installation %s: %v", opts.Name, err)
	}
	return in
}

// config is the platform_installation "i" on the fixture's cluster with args, in the provider's
// default workspace acme.
func (f installationFixture) config(e *testEnv, args ...string) string {
	return e.providerBlockWith(e.Token, "acme") + "resource \"platform_installation\" \"i\" {\n  cluster_id = \"" + f.cluster.ID +
		"\"\n  " + strings.Join(args, "\n  ") + "\n}\n"
}

// release is the arguments of an installation of the vendor's shop at tag.
func (f installationFixture) release(tag string) string {
	return fmt.Sprintf("product_id = %q\n  tag = %q", f.shop.ID, tag)
}

func installationAction(action plancheck.ResourceActionType, checks ...plancheck.PlanCheck) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(installationAddr, action)}, checks...)}
}

func installationState(attr string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(installationAddr, tfjsonpath.New(attr), check)
}

// installationsGone checks (as CheckDestroy) that acme has no installations left.
func installationsGone(t *testing.T, e *testEnv) resource.TestCheckFunc {
	return func(*terraform.State) error {
		list, err := client.Collect(e.Client.Installations.All(testCtx(t), "acme"))
		if err == nil && len(list) != 0 {
			err = fmt.Errorf("installations left after destroy: %+v", list)
		}
		return err
	}
}

// serverInstallation checks, as a step's Check, what the server holds for the installation name.
func serverInstallation(t *testing.T, e *testEnv, name string, ok func(in *client.Installation) bool) resource.TestCheckFunc {
	return checkOutOfBand(t, "read installation "+name, func(ctx context.Context) error {
		in, err := e.Client.Installations.Get(ctx, "acme", name)
		if err == nil && !ok(in) {
			err = fmt.Errorf("server holds %+v", in)
		}
		return err
	})
}

// TestAccInstallationResource_product installs a listed release of another workspace's product
// with values and secrets, upgrades it, rolls it back, survives a failed upgrade (then rolled
// back), changes values and secrets, renames it in place and imports it by
// "<workspace slug>/<installation name>" and by ids.
func TestAccInstallationResource_product(t *testing.T) {
	e := newTestEnv(t)
	f := newInstallationFixture(t, e)
	var id string
	values := `values = { "replicaCount" = "2", "ingress.host" = "shop.example.com" }`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             installationsGone(t, e),
		Steps: []resource.TestStep{
			{
				Config: f.config(e, `name = "shop-eu"`, f.release("1.0.0"), values, `secrets = ["DB_PASSWORD", "API_TOKEN"]`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionCreate,
					// The namespace defaults to the name, shown in the plan already.
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("namespace"), knownvalue.StringExact("shop-eu"))),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("id", knownvalue.StringRegexp(prefixRegexp("inst_"))),
					installationState("workspace_id", knownvalue.StringExact(f.ws.ID)),
					installationState("namespace", knownvalue.StringExact("shop-eu")),
					installationState("product_id", knownvalue.StringExact(f.shop.ID)),
					installationState("chart", knownvalue.Null()),
					installationState("status", knownvalue.StringExact("installed")),
					installationState("installed_tag", knownvalue.StringExact("1.0.0")),
					installationState("wait", knownvalue.Bool(true)),
					installationState("values", knownvalue.MapExact(map[string]knownvalue.Check{
						"replicaCount": knownvalue.StringExact("2"), "ingress.host": knownvalue.StringExact("shop.example.com"),
					})),
					installationState("secrets", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("API_TOKEN"), knownvalue.StringExact("DB_PASSWORD"),
					})),
					installationState("repository_url", knownvalue.StringRegexp(
						regexp.MustCompile(`^oci://[^/]+/`+regexp.QuoteMeta(f.ws.ID)+`/inst_[a-z0-9]+$`))),
					installationState("created_at", knownvalue.StringRegexp(rfc3339Regexp)),
				},
				Check: func(s *terraform.State) error {
					id = s.RootModule().Resources[installationAddr].Primary.ID
					return nil
				},
			},
			{
				// An upgrade in place: apply waits until it is installed, as the plan says.
				Config: f.config(e, `name = "shop-eu"`, f.release("1.1.0"), values, `secrets = ["DB_PASSWORD", "API_TOKEN"]`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("status"), knownvalue.StringExact("installed")),
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("installed_tag"), knownvalue.StringExact("1.1.0")),
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("repository_url"), knownvalue.NotNull())),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("installed_tag", knownvalue.StringExact("1.1.0")),
					installationState("status", knownvalue.StringExact("installed")),
				},
				Check: serverInstallation(t, e, "shop-eu", func(in *client.Installation) bool {
					return in.ID == id && in.InstalledTag == "1.1.0" && in.Status == client.InstallationInstalled
				}),
			},
			{
				// A rollback is an upgrade to a lower tag.
				Config:           f.config(e, `name = "shop-eu"`, f.release("1.0.0"), values, `secrets = ["DB_PASSWORD", "API_TOKEN"]`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("installed_tag", knownvalue.StringExact("1.0.0")),
				},
			},
			{
				// 1.2.0's chart cannot be pulled: the apply fails with the operation's reason.
				Config:      f.config(e, `name = "shop-eu"`, f.release("1.2.0"), values, `secrets = ["DB_PASSWORD", "API_TOKEN"]`),
				ExpectError: errorText("install failed: chart oci://charts.example.com/fail-shop:1.2.0 could not be pulled"),
			},
			{
				// The failed installation is kept (in place, not tainted) and rolled back.
				PreConfig: outOfBand(t, "read failed installation", func(ctx context.Context) error {
					in, err := e.Client.Installations.Get(ctx, "acme", "shop-eu")
					if err == nil && (in.ID != id || in.Status != client.InstallationFailed || in.InstalledTag != "1.0.0") {
						err = fmt.Errorf("server holds %+v", in)
					}
					return err
				}),
				Config:           f.config(e, `name = "shop-eu"`, f.release("1.0.0"), values, `secrets = ["DB_PASSWORD", "API_TOKEN"]`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("status", knownvalue.StringExact("installed")),
					installationState("tag", knownvalue.StringExact("1.0.0")),
				},
			},
			{
				// New values (the whole map) and one secret less: an upgrade.
				Config:           f.config(e, `name = "shop-eu"`, f.release("1.0.0"), `values = { "replicaCount" = "3" }`, `secrets = ["API_TOKEN"]`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate),
				Check: serverInstallation(t, e, "shop-eu", func(in *client.Installation) bool {
					return maps.Equal(in.Values, map[string]string{"replicaCount": "3"}) && slices.Equal(in.Secrets, []string{"API_TOKEN"}) &&
						in.Status == client.InstallationInstalled
				}),
			},
			{
				// A rename is immediate and keeps the namespace; removing values and secrets clears them.
				Config: f.config(e, `name = "shop-eu-2"`, f.release("1.0.0")),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("namespace"), knownvalue.StringExact("shop-eu"))),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("id", knownvalue.StringFunc(func(s string) error {
						if s != id {
							return fmt.Errorf("id %s, want %s", s, id)
						}
						return nil
					})),
					installationState("name", knownvalue.StringExact("shop-eu-2")),
					installationState("namespace", knownvalue.StringExact("shop-eu")),
					installationState("values", knownvalue.MapSizeExact(0)),
					installationState("secrets", knownvalue.SetSizeExact(0)),
				},
			},
			{
				// A rename alone: status and installed_tag are known in the plan.
				Config: f.config(e, `name = "shop-eu"`, f.release("1.0.0")),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("status"), knownvalue.StringExact("installed")),
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("installed_tag"), knownvalue.StringExact("1.0.0"))),
			},
			{
				ResourceName:            installationAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateId:           "acme/shop-eu",
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				ResourceName:            installationAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateIdFunc:       importIDFunc("%s/%s", installationAddr+".workspace_id", installationAddr+".id"),
				ImportStateVerifyIgnore: []string{"timeouts"},
			},
			{
				// An import block with -generate-config-out: the plan only imports, no change.
				Config:          e.providerBlockWith(e.Token, "acme"),
				ResourceName:    installationAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				GenerateConfig:  true,
				ImportStateId:   "acme/shop-eu",
			},
			{
				ResourceName:  installationAddr,
				ImportState:   true,
				ImportStateId: "shop-eu",
				ExpectError:   errorText(`import id must have the form "workspace/installation" (for example "acme/shop-eu")`),
			},
		},
	})
}

// TestAccInstallationResource_chart installs a chart into a namespace of its own, upgrades the
// chart in place, and replaces the installation for a new namespace or a product release
// instead of the chart.
func TestAccInstallationResource_chart(t *testing.T) {
	e := newTestEnv(t)
	f := newInstallationFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             installationsGone(t, e),
		Steps: []resource.TestStep{
			{
				Config: f.config(e, `name = "monitoring"`, `namespace = "observability"`, `chart = "`+goodChart+`"`,
					"timeouts {\n    create = \"5m\"\n  }"),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("namespace", knownvalue.StringExact("observability")),
					installationState("chart", knownvalue.StringExact(goodChart)),
					installationState("product_id", knownvalue.Null()),
					installationState("tag", knownvalue.Null()),
					installationState("installed_tag", knownvalue.Null()),
					installationState("status", knownvalue.StringExact("installed")),
					installationState("timeouts", knownvalue.ObjectPartial(map[string]knownvalue.Check{"create": knownvalue.StringExact("5m")})),
				},
			},
			{
				Config:           f.config(e, `name = "monitoring"`, `namespace = "observability"`, `chart = "`+goodChart2+`"`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate),
				Check: serverInstallation(t, e, "monitoring", func(in *client.Installation) bool {
					return in.Source.Chart == goodChart2 && in.Status == client.InstallationInstalled
				}),
			},
			{
				Config:           f.config(e, `name = "monitoring"`, `namespace = "metrics"`, `chart = "`+goodChart2+`"`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("namespace", knownvalue.StringExact("metrics")),
				},
			},
			{
				// Another kind of source is another installation.
				Config:           f.config(e, `name = "monitoring"`, `namespace = "metrics"`, f.release("1.1.0")),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("chart", knownvalue.Null()),
					installationState("installed_tag", knownvalue.StringExact("1.1.0")),
				},
			},
		},
	})
}

// TestAccInstallationResource_drift: an upgrade outside Terraform is planned back; an
// installation uninstalled outside Terraform is planned for creation.
func TestAccInstallationResource_drift(t *testing.T) {
	e := newTestEnv(t)
	f := newInstallationFixture(t, e)
	cfg := f.config(e, `name = "shop-eu"`, f.release("1.0.0"), `values = { "a" = "1" }`, `secrets = ["DB_PASSWORD"]`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             installationsGone(t, e),
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "upgrade installation", func(ctx context.Context) error {
					in, _, err := e.Client.Installations.Update(ctx, "acme", "shop-eu", client.InstallationUpdateOptions{
						Source: &client.InstallationSource{Tag: "1.1.0"}, Values: &map[string]string{"a": "2"},
						Secrets: &[]string{"API_TOKEN"}})
					if err != nil {
						return err
					}
					_, err = e.Client.Installations.WaitForStatus(ctx, "acme", in.ID, client.InstallationInstalled)
					return err
				}),
				Config: cfg,
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate,
					plancheck.ExpectKnownValue(installationAddr, tfjsonpath.New("installed_tag"), knownvalue.StringExact("1.0.0"))),
				Check: serverInstallation(t, e, "shop-eu", func(in *client.Installation) bool {
					return in.InstalledTag == "1.0.0" && in.Values["a"] == "1" && slices.Equal(in.Secrets, []string{"DB_PASSWORD"})
				}),
			},
			{
				PreConfig: outOfBand(t, "uninstall installation", func(ctx context.Context) error {
					if _, _, err := e.Client.Installations.Delete(ctx, "acme", "shop-eu", 0); err != nil {
						return err
					}
					return e.Client.Installations.WaitUntilDeleted(ctx, "acme", "shop-eu")
				}),
				Config:           cfg,
				ConfigPlanChecks: installationAction(plancheck.ResourceActionCreate),
			},
		},
	})
}

// TestAccInstallationResource_failedInstall: with wait = true (the default) a failed install
// is an apply error with the operation's reason, and the installation stays in the state
// (tainted): the next apply replaces it.
func TestAccInstallationResource_failedInstall(t *testing.T) {
	e := newTestEnv(t)
	f := newInstallationFixture(t, e)
	var failedID string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             installationsGone(t, e),
		Steps: []resource.TestStep{
			{
				Config:      f.config(e, `name = "monitoring"`, `chart = "`+failedChart+`"`),
				ExpectError: errorText("install failed: chart " + failedChart + " could not be pulled"),
			},
			{
				PreConfig: outOfBand(t, "read failed installation", func(ctx context.Context) error {
					in, err := e.Client.Installations.Get(ctx, "acme", "monitoring")
					if err == nil && in.Status != client.InstallationFailed {
						err = fmt.Errorf("installation is %s, want failed", in.Status)
					}
					if err == nil {
						failedID = in.ID
					}
					return err
				}),
				// Only the taint (the id kept in the state) explains a replacement for a new chart.
				Config:           f.config(e, `name = "monitoring"`, `chart = "`+goodChart+`"`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("status", knownvalue.StringExact("installed")),
				},
				Check: checkOutOfBand(t, "one installation left", func(ctx context.Context) error {
					list, err := client.Collect(e.Client.Installations.All(ctx, "acme"))
					if err == nil && (len(list) != 1 || list[0].ID == failedID) {
						err = fmt.Errorf("installations: %+v (the failed one was %s)", list, failedID)
					}
					return err
				}),
			},
		},
	})
}

// TestAccInstallationResource_noWait: with wait = false apply returns once the server accepts
// the install or upgrade; a failed install then shows as status "failed" on refresh, without
// an apply error.
func TestAccInstallationResource_noWait(t *testing.T) {
	e := newTestEnv(t, servertest.WithClusterDelay(300*time.Millisecond))
	f := newInstallationFixture(t, e)
	failing := f.config(e, `name = "monitoring"`, `chart = "`+failedChart+`"`, `wait = false`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             installationsGone(t, e),
		Steps: []resource.TestStep{
			{
				Config: failing,
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("status", knownvalue.StringExact("installing")),
					installationState("wait", knownvalue.Bool(false)),
				},
			},
			{
				PreConfig: outOfBand(t, "wait for the install to fail", func(ctx context.Context) error {
					_, err := e.Client.Installations.WaitForStatus(ctx, "acme", "monitoring", client.InstallationFailed)
					return err
				}),
				Config: failing,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("status", knownvalue.StringExact("failed")),
					installationState("installed_tag", knownvalue.Null()),
				},
			},
			{
				// An upgrade that is not waited for: "upgrading" until the next refresh.
				Config: f.config(e, `name = "monitoring"`, `chart = "`+goodChart+`"`, `wait = false`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate,
					plancheck.ExpectUnknownValue(installationAddr, tfjsonpath.New("status"))),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("status", knownvalue.StringExact("upgrading")),
				},
			},
			{
				PreConfig: outOfBand(t, "wait for the upgrade", func(ctx context.Context) error {
					_, err := e.Client.Installations.WaitForStatus(ctx, "acme", "monitoring", client.InstallationInstalled)
					return err
				}),
				// Turning wait back on changes nothing on the server.
				Config:           f.config(e, `name = "monitoring"`, `chart = "`+goodChart+`"`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					installationState("status", knownvalue.StringExact("installed")),
					installationState("wait", knownvalue.Bool(true)),
				},
			},
		},
	})
}

// TestAccInstallationResource_createTimeout: a create that outlasts timeouts.create fails with
// the timeout named; the installation saved before the wait is in the state, so the test's
// destroy uninstalls it.
func TestAccInstallationResource_createTimeout(t *testing.T) {
	e := newTestEnv(t, servertest.WithClusterDelay(time.Second))
	f := newInstallationFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             installationsGone(t, e),
		Steps: []resource.TestStep{
			{
				Config:      f.config(e, `name = "monitoring"`, `chart = "`+goodChart+`"`, "timeouts {\n    create = \"100ms\"\n  }"),
				ExpectError: errorText("was not installed within the create timeout (100ms)"),
			},
			{
				// Still in the state (tainted): the next apply replaces it.
				Config:           f.config(e, `name = "monitoring"`, `chart = "`+goodChart+`"`),
				ConfigPlanChecks: installationAction(plancheck.ResourceActionDestroyBeforeCreate),
			},
		},
	})
}

// TestAccInstallationResource_badInput: the source rule and the field rules fail the plan.
func TestAccInstallationResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	const cluster, product = `cluster_id = "cls_abcdefghij234567"`, `product_id = "prod_abcdefghij234567"`
	step := func(want string, args ...string) resource.TestStep {
		if !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "name ") }) {
			args = append(args, `name = "shop-eu"`)
		}
		hcl := "resource \"platform_installation\" \"i\" {\n  " + strings.Join(args, "\n  ") + "\n}\n"
		return resource.TestStep{Config: e.providerBlockWith(e.Token, "ws_abcdefghij234567") + hcl, PlanOnly: true, ExpectError: errorText(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step("product_id and chart cannot both be set. An installation runs exactly one source", cluster, product, `tag = "1.0.0"`,
				`chart = "`+goodChart+`"`),
			step("Set product_id with tag, or chart.", cluster),
			step("tag needs product_id", cluster, `tag = "1.0.0"`),
			step("tag is required with product_id", cluster, product),
			step("tag is only for product releases", cluster, `tag = "1.0.0"`, `chart = "`+goodChart+`"`),
			step("tag must be a semantic version", cluster, product, `tag = "v1"`),
			step("chart must be oci://host/path:tag or an https:// URL ending in .tgz", cluster, `chart = "ftp://x/y.tgz"`),
			step("cluster_id must be a cluster id (cls_...)", `cluster_id = "prod-eu"`, `chart = "`+goodChart+`"`),
			step("product_id must be a well-formed product id", cluster, `product_id = "prod_x"`, `tag = "1.0.0"`),
			step("namespace must be a DNS label", cluster, `namespace = "Shop"`, `chart = "`+goodChart+`"`),
			step("key must be 1-253 characters (has 254)", cluster, `chart = "`+goodChart+`"`, `values = { "`+strings.Repeat("k", 254)+`" = "v" }`),
			step("must be at most 4096 characters", cluster, `chart = "`+goodChart+`"`, `values = { k = "`+strings.Repeat("v", 4097)+`" }`),
			step("must match ^[A-Z][A-Z0-9_]{0,63}$", cluster, `chart = "`+goodChart+`"`, `secrets = ["db_password"]`),
			step("name must be 3-40 characters", cluster, `chart = "`+goodChart+`"`, `name = "x"`),
		},
	})
}

// installationRefuses: an installation the domain accepts, with one field changed by set.
func installationRefuses(field string, set func(in *platform.Installation)) bool {
	in := platform.Installation{Name: "shop-eu", ClusterID: "cls_abcdefghij234567", Namespace: "shop-eu",
		Source: platform.InstallationSource{ProductID: "prod_abcdefghij234567", Tag: "1.0.0"}}
	set(&in)
	return refuses(in.Validate(), field)
}

// TestValidatorsAgreeWithServer_installation compares the values map and the secrets set with
// the domain's Installation.Validate.
func TestValidatorsAgreeWithServer_installation(t *testing.T) {
	schemas := resourceSchemas(t)
	values := schemaAttribute(t, schemas, "platform_installation.values")
	many := func(n int) map[string]string {
		m := map[string]string{}
		for i := range n {
			m[fmt.Sprintf("key.%d", i)] = "v"
		}
		return m
	}
	cases := []map[string]string{{}, {"replicaCount": "2"}, many(platform.MaxValues), many(platform.MaxValues + 1)}
	for _, n := range []int{platform.ValueKeyMaxLen, platform.ValueKeyMaxLen + 1} {
		cases = append(cases, map[string]string{strings.Repeat("k", n): "v"}, map[string]string{strings.Repeat("é", n): "v"})
	}
	for _, n := range []int{platform.ValueMaxLen, platform.ValueMaxLen + 1} {
		cases = append(cases, map[string]string{"k": strings.Repeat("v", n)}, map[string]string{"k": strings.Repeat("é", n)})
	}
	for _, s := range syncStrings() {
		cases = append(cases, map[string]string{s: "v"}, map[string]string{"key": s})
	}
	for _, m := range cases {
		d := planDiagnostics(values, path.Root("values"), stringMapValue(m))
		server := installationRefuses("values", func(in *platform.Installation) { in.Values = m })
		if d.HasError() != server {
			t.Errorf("values = %.80q: the plan %s it, the server %s it%s", m, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}

	secrets := schemaAttribute(t, schemas, "platform_installation.secrets")
	names := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("SECRET_%d", i)
		}
		return out
	}
	sets := [][]string{{}, {"DB_PASSWORD"}, {"DB_PASSWORD", "API_TOKEN"}, names(platform.MaxSecretRefs), names(platform.MaxSecretRefs + 1)}
	for _, s := range syncStrings() {
		sets = append(sets, []string{s})
		if s != "DB_PASSWORD" { // a set holds each name once
			sets = append(sets, []string{"DB_PASSWORD", s})
		}
	}
	for _, set := range sets {
		d := planDiagnostics(secrets, path.Root("secrets"), stringSetValue(set))
		server := installationRefuses("secrets", func(in *platform.Installation) { in.Secrets = set })
		if d.HasError() != server {
			t.Errorf("secrets = %q: the plan %s it, the server %s it%s", set, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}
}

// TestAccInstallationResource_vendorRemovedWithItsCustomers destroys, in one run, a vendor's
// workspace, its product with two releases and a customer's installation of it (the
// quickstart's shape). The vendor's workspace cannot be deleted while another workspace runs its
// product, and Terraform plans the deletes in any order: the plan records the installation's
// delete at once, so neither the plan nor the apply is refused.
func TestAccInstallationResource_vendorRemovedWithItsCustomers(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	cluster := e.runningCluster(t, "acme", "prod-eu")
	config := e.providerBlockWith(e.Token, "acme") + fmt.Sprintf(`
resource "platform_workspace" "vendor" {
  slug = "vendor"
  name = "Vendor"
}

resource "platform_product" "shop" {
  workspace_id = platform_workspace.vendor.id
  slug         = "shop"
  name         = "Shop"
  visibility   = "listed"
}

resource "platform_product_release" "first" {
  workspace_id = platform_workspace.vendor.id
  product_id   = platform_product.shop.id
  tag          = "1.0.0"
  chart        = "oci://charts.example.com/shop:1.0.0"
}

resource "platform_product_release" "second" {
  workspace_id = platform_workspace.vendor.id
  product_id   = platform_product.shop.id
  tag          = "1.1.0"
  chart        = "oci://charts.example.com/shop:1.1.0"
}

resource "platform_installation" "i" {
  workspace_id = %q
  name         = "shop"
  cluster_id   = %q
  product_id   = platform_product.shop.id
  tag          = platform_product_release.second.tag
}
`, ws.ID, cluster.ID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(*terraform.State) error {
			if err := installationsGone(t, e)(nil); err != nil {
				return err
			}
			if _, err := e.Client.Workspaces.Get(testCtx(t), "vendor"); !errors.Is(err, client.ErrNotFound) {
				return fmt.Errorf("the vendor's workspace is still there (%v)", err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config, Check: resource.TestCheckResourceAttr("platform_installation.i", "status", "installed")},
			{Config: config, Destroy: true},
		},
	})
}
