package provider

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const secretAddr = "platform_secret.s"

// secretConfig is a secret DB_PASSWORD (or name) in the provider's default workspace acme, with
// body as the value attributes.
func secretConfig(e *testEnv, name, body string) string {
	return e.providerBlockWith(e.Token, "acme") + `
resource "platform_secret" "s" {
  name = "` + name + `"
` + body + `
}
`
}

func expectAction(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)}}
}

func expectValueVersion(v int64) []statecheck.StateCheck {
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_version"), knownvalue.Int64Exact(v)),
		statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_wo"), knownvalue.Null()),
	}
}

// secretValueVersion reads the server's value_version of a secret of acme, out of band.
func (e *testEnv) secretValueVersion(t *testing.T, name string, want int64) resource.TestCheckFunc {
	return checkOutOfBand(t, "read secret "+name, func(ctx context.Context) error {
		s, err := e.Client.Secrets.Get(ctx, "acme", name)
		if err == nil && s.ValueVersion != want {
			return fmt.Errorf("secret %s is at value_version %d, want %d", name, s.ValueVersion, want)
		}
		return err
	})
}

// TestAccSecretResource_writeOnly creates a secret from value_wo, imports it (by name, with the
// import command and with an import block generating its configuration), changes its
// description in place, and sends a new value by changing value_wo_version; a changed
// value_wo alone sends nothing (Terraform cannot see it).
func TestAccSecretResource_writeOnly(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: secretConfig(e, "DB_PASSWORD", `  description = "the database"
  value_wo         = "first value"
  value_wo_version = 1`),
				ConfigStateChecks: append(expectValueVersion(1),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("sec_"))),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value"), knownvalue.Null()),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_wo_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_updated_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				),
				Check: e.secretValueVersion(t, "DB_PASSWORD", 1),
			},
			{
				ResourceName:      secretAddr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme/DB_PASSWORD",
				// Configuration only: the value is never readable, value_wo_version says when to send it.
				ImportStateVerifyIgnore: []string{"value_wo", "value_wo_version", "value"},
			},
			{
				// An import block with -generate-config-out: the generated configuration (no value)
				// plans no change.
				Config:          e.providerBlockWith(e.Token, "acme"),
				ResourceName:    secretAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/DB_PASSWORD",
				GenerateConfig:  true,
			},
			{
				// A new value_wo alone: nothing to send, no change planned.
				Config: secretConfig(e, "DB_PASSWORD", `  description = "the database"
  value_wo         = "unseen value"
  value_wo_version = 1`),
				PlanOnly: true,
			},
			{
				Config: secretConfig(e, "DB_PASSWORD", `  description = "the primary database"
  value_wo         = "first value"
  value_wo_version = 1`),
				ConfigPlanChecks:  expectAction(secretAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectValueVersion(1),
			},
			{
				Config: secretConfig(e, "DB_PASSWORD", `  description = "the primary database"
  value_wo         = "second value"
  value_wo_version = 2`),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
					plancheck.ExpectUnknownValue(secretAddr, tfjsonpath.New("value_version")),
				}},
				ConfigStateChecks: expectValueVersion(2),
				Check:             e.secretValueVersion(t, "DB_PASSWORD", 2),
			},
		},
	})
}

// TestAccSecretResource_sensitiveValue: value (for CLIs before 1.11) is sent on create and when
// it changes; the same value again sends nothing.
func TestAccSecretResource_sensitiveValue(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            secretConfig(e, "API_TOKEN", `  value = "token-1"`),
				ConfigStateChecks: expectValueVersion(1),
			},
			{
				ResourceName:            secretAddr,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateId:           "acme/API_TOKEN",
				ImportStateVerifyIgnore: []string{"value"},
			},
			{
				Config:            secretConfig(e, "API_TOKEN", `  value = "token-2"`),
				ConfigPlanChecks:  expectAction(secretAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: expectValueVersion(2),
				Check:             e.secretValueVersion(t, "API_TOKEN", 2),
			},
			{
				// From value to value_wo: the new version sends the value (the same: no new version).
				Config: secretConfig(e, "API_TOKEN", `  value_wo         = "token-2"
  value_wo_version = 1`),
				ConfigPlanChecks: expectAction(secretAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: append(expectValueVersion(2),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value"), knownvalue.Null())),
			},
		},
	})
}

// TestAccSecretResource_replace: a new name replaces the secret (the API cannot rename one).
func TestAccSecretResource_replace(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	body := `  value_wo         = "v"
  value_wo_version = 1`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: secretConfig(e, "OLD_NAME", body)},
			{
				Config:           secretConfig(e, "NEW_NAME", body),
				ConfigPlanChecks: expectAction(secretAddr, plancheck.ResourceActionReplace),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("name"), knownvalue.StringExact("NEW_NAME")),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("value_version"), knownvalue.Int64Exact(1)),
				},
				Check: checkOutOfBand(t, "old secret gone", func(ctx context.Context) error {
					if _, err := e.Client.Secrets.Get(ctx, "acme", "OLD_NAME"); !isNotFound(err) {
						return fmt.Errorf("OLD_NAME still there: %v", err)
					}
					return nil
				}),
			},
		},
	})
}

// TestAccSecretResource_drift: a value changed outside Terraform (a new value_version) plans an
// update that sends the configured value again; a secret deleted outside Terraform is created
// again.
func TestAccSecretResource_drift(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	for _, body := range []string{"  value_wo = \"managed\"\n  value_wo_version = 1", "  value = \"managed\""} {
		cfg := secretConfig(e, "DRIFTING", body)
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
			Steps: []resource.TestStep{
				{Config: cfg, ConfigStateChecks: expectValueVersion(1)},
				{
					PreConfig: outOfBand(t, "change the value", func(ctx context.Context) error {
						v := client.Secret("changed outside Terraform")
						_, err := e.Client.Secrets.Update(ctx, "acme", "DRIFTING", client.SecretUpdateOptions{Value: &v})
						return err
					}),
					Config: cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(secretAddr, tfjsonpath.New("value_version")),
					}},
					// 2 outside, 3 when the managed value is sent again.
					ConfigStateChecks: expectValueVersion(3),
					Check:             e.secretValueVersion(t, "DRIFTING", 3),
				},
				{
					PreConfig: outOfBand(t, "delete the secret", func(ctx context.Context) error {
						return e.Client.Secrets.Delete(ctx, "acme", "DRIFTING", 0)
					}),
					Config:            cfg,
					ConfigPlanChecks:  expectAction(secretAddr, plancheck.ResourceActionCreate),
					ConfigStateChecks: expectValueVersion(1),
				},
			},
		})
	}
}

// TestAccSecretResource_badInput: every rule fails the plan, naming the attribute and the rule,
// and never quoting a value.
func TestAccSecretResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	step := func(name, body, want string) resource.TestStep {
		return resource.TestStep{Config: secretConfig(e, name, body), PlanOnly: true, ExpectError: errorText(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step("db_password", `  value = "x"`, "name must match ^[A-Z][A-Z0-9_]{0,63}$"),
			step("EMPTY", `  value = ""`, "value must be 1-65536 bytes (UTF-8), got 0 bytes"),
			step("EMPTY", `  value_wo = ""
  value_wo_version = 1`, "value_wo must be 1-65536 bytes (UTF-8), got 0 bytes"),
			step("BOTH", `  value = "a"
  value_wo = "b"
  value_wo_version = 1`, "These attributes cannot be configured together"),
			step("NO_VERSION", `  value_wo = "b"`, "These attributes must be configured together"),
			step("NO_VALUE", ``, "A new secret needs its value: set value_wo with value_wo_version"),
			step("CONTROL", `  description = "a\u0007b"
  value = "x"`, "description must not contain control characters"),
		},
	})
}

// TestAccSecretResource_valueNeverStored runs the terraform CLI itself (the provider in this
// process, reattached) so that its real outputs can be searched: a value given as value_wo
// appears in none of them (plan and apply output, `terraform show` of the saved plan, as text and
// JSON, and the state file); a value given as value is masked in every text output and stored
// only in the state, as documented.
func TestAccSecretResource_valueNeverStored(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	tf := newTerraformRunner(t)
	writeOnly, legacy := "wo-canary-"+rand.Text(), "sensitive-canary-"+rand.Text()
	writeOnly2 := "wo-canary-next-" + rand.Text()
	// The values come from variables, as in real use: the write-only one from an ephemeral
	// variable (never stored, not even in a saved plan), the other from a sensitive one.
	config := func(version int) string {
		return `terraform {
  required_providers {
    platform = { source = "platform-iac/platform" }
  }
}
` + e.providerBlockWith(e.Token, "acme") + fmt.Sprintf(`
variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "api_token" {
  type      = string
  sensitive = true
}

resource "platform_secret" "wo" {
  name             = "WRITE_ONLY"
  value_wo         = var.db_password
  value_wo_version = %d
}

resource "platform_secret" "legacy" {
  name  = "LEGACY"
  value = var.api_token
}
`, version)
	}
	tf.env = []string{"TF_VAR_db_password=" + writeOnly, "TF_VAR_api_token=" + legacy}
	tf.write(config(1))
	var outputs []string
	outputs = append(outputs, tf.run("init", "-input=false", "-no-color"))
	outputs = append(outputs, tf.run("plan", "-input=false", "-no-color", "-out=tfplan"))
	shown := tf.run("show", "-no-color", "tfplan")
	outputs = append(outputs, shown, tf.run("show", "-json", "tfplan"))
	outputs = append(outputs, tf.run("apply", "-input=false", "-no-color", "tfplan"))
	outputs = append(outputs, tf.run("plan", "-input=false", "-no-color", "-detailed-exitcode")) // no changes: exit 0
	tf.env[0] = "TF_VAR_db_password=" + writeOnly2
	tf.write(config(2))
	next := tf.run("apply", "-input=false", "-no-color", "-auto-approve")
	outputs = append(outputs, next, tf.run("show", "-json"), tf.run("show", "-no-color"))
	if !strings.Contains(shown, "(sensitive value)") || !strings.Contains(next, "1 changed") {
		t.Fatalf("unexpected outputs:\n%s\n%s", shown, next)
	}
	state, err := os.ReadFile(filepath.Join(tf.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	for i, out := range outputs {
		for _, v := range []string{writeOnly, writeOnly2, legacy} {
			if strings.Contains(out, v) && !(v == legacy && strings.HasPrefix(out, "{")) {
				t.Errorf("terraform output %d holds a secret value:\n%s", i, out)
			}
		}
	}
	for _, v := range []string{writeOnly, writeOnly2} {
		if strings.Contains(string(state), v) {
			t.Errorf("the state file holds the write-only value %q", v)
		}
	}
	// value is sensitive, not write-only: the state holds it as given (the documented trade-off
	// for CLIs without write-only attributes).
	if !strings.Contains(string(state), legacy) {
		t.Errorf("the state does not hold the sensitive value as given")
	}
	for name, want := range map[string]int64{"WRITE_ONLY": 2, "LEGACY": 1} {
		if err := e.secretValueVersion(t, name, want)(nil); err != nil {
			t.Error(err)
		}
	}
}

// terraformRunner runs the terraform CLI in a directory against this process's provider,
// served in debug mode and reattached (TF_REATTACH_PROVIDERS), as terraform-plugin-testing does
// but with the CLI's real outputs in hand.
type terraformRunner struct {
	t        *testing.T
	bin, dir string
	reattach string
	env      []string // added to every run's environment
}

func newTerraformRunner(t *testing.T) *terraformRunner {
	t.Helper()
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no terraform CLI: set TF_ACC_TERRAFORM_PATH")
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	reattachCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	go func() {
		_ = tf6server.Serve("registry.terraform.io/platform-iac/platform", providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, reattachCh, closeCh), tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t))
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattachCh:
	case <-time.After(30 * time.Second):
		cancel()
		t.Fatal("the provider server did not start")
	}
	t.Cleanup(func() {
		cancel()
		<-closeCh
	})
	host := "registry.terraform.io"
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		host = h
	}
	type addr struct{ Network, String string }
	type reattach struct {
		Protocol        string
		ProtocolVersion int
		Pid             int
		Test            bool
		Addr            addr
	}
	b, err := json.Marshal(map[string]reattach{host + "/platform-iac/platform": {Protocol: string(cfg.Protocol),
		ProtocolVersion: cfg.ProtocolVersion, Pid: cfg.Pid, Test: cfg.Test,
		Addr: addr{Network: cfg.Addr.Network(), String: cfg.Addr.String()}}})
	if err != nil {
		t.Fatal(err)
	}
	return &terraformRunner{t: t, bin: bin, dir: t.TempDir(), reattach: string(b)}
}

func (r *terraformRunner) write(config string) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, "main.tf"), []byte(config), 0o600); err != nil {
		r.t.Fatal(err)
	}
}

// run runs terraform with args and returns its combined output, failing the test on an error.
func (r *terraformRunner) run(args ...string) string {
	r.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Dir = r.dir
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+r.reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"TF_DATA_DIR="+filepath.Join(r.dir, ".terraform"))
	cmd.Env = append(cmd.Env, r.env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}
