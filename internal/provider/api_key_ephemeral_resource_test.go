package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// mintRecorder is a reverse proxy in front of the test server that keeps the id and secret of
// every credential minted through it (POST to a path ending in suffix), so that tests can look
// for the secrets where they must not be and check that every id was deleted.
type mintRecorder struct {
	URL     string
	mu      sync.Mutex
	ids     []string
	secrets []string
}

func (e *testEnv) mintRecorder(t *testing.T, suffix string) *mintRecorder {
	t.Helper()
	target, err := url.Parse(e.Server.URL)
	if err != nil {
		t.Fatal(err)
	}
	mr := &mintRecorder{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if resp.Request.Method != http.MethodPost || !strings.HasSuffix(resp.Request.URL.Path, suffix) || resp.StatusCode/100 != 2 {
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		var s struct {
			ID     string `json:"id"`
			Secret string `json:"secret"`
		}
		if json.Unmarshal(body, &s) == nil && s.Secret != "" {
			mr.mu.Lock()
			mr.ids, mr.secrets = append(mr.ids, s.ID), append(mr.secrets, s.Secret)
			mr.mu.Unlock()
		}
		return nil
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	mr.URL = srv.URL
	return mr
}

func (mr *mintRecorder) minted() (ids, secrets []string) {
	mr.mu.Lock()
	defer mr.mu.Unlock()
	return slices.Clone(mr.ids), slices.Clone(mr.secrets)
}

// leaks runs the billing portal test's search (state files, every file of the saved plan, the
// JSON of plan and state) for every secret minted so far.
func (mr *mintRecorder) leaks(dir string, shown ...any) ([]string, error) {
	_, secrets := mr.minted()
	if len(secrets) == 0 {
		return nil, fmt.Errorf("nothing was minted: the ephemeral resource was never opened")
	}
	return (&portalRecorder{urls: secrets}).leaks(dir, shown...)
}

// noSecretInState, noSecretInPlan and secretInState (the positive control: the echo provider
// stores the secret, and the same search must find it) are the leak checks.
type noSecretInState struct {
	mr  *mintRecorder
	dir string
}

func (c noSecretInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	found, err := c.mr.leaks(c.dir, req.State)
	switch {
	case err != nil:
		resp.Error = err
	case len(found) > 0:
		resp.Error = fmt.Errorf("a minted secret reached the state:\n%s", strings.Join(found, "\n"))
	}
}

type noSecretInPlan struct {
	mr  *mintRecorder
	dir string
}

func (c noSecretInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	found, err := c.mr.leaks(c.dir, req.Plan)
	switch {
	case err != nil:
		resp.Error = err
	case len(found) > 0:
		resp.Error = fmt.Errorf("a minted secret reached the plan:\n%s", strings.Join(found, "\n"))
	}
}

type secretInState struct {
	mr  *mintRecorder
	dir string
}

func (c secretInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	found, err := c.mr.leaks(c.dir, req.State)
	switch {
	case err != nil:
		resp.Error = err
	case len(found) == 0:
		resp.Error = fmt.Errorf("the echo provider stores the secret in the state, but the leak search did not find it")
	}
}

// expiresAfter checks an RFC 3339 expires_at lies ttl after *start, give or take the step's own
// duration. start is read when the check runs: the step's PreConfig sets it, since a parallel
// test may wait long for its turn after the test function began.
func expiresAfter(start *time.Time, ttl time.Duration) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		at, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return err
		}
		if d := at.Sub(*start); d < ttl-time.Minute || d > ttl+5*time.Minute {
			return fmt.Errorf("expires_at %s is %s after the step started, want about %s", v, d, ttl)
		}
		return nil
	})
}

// checkKeysDeleted: every key minted through mr is gone from the server (Close deleted it).
func (e *testEnv) checkKeysDeleted(t *testing.T, mr *mintRecorder, min int) {
	t.Helper()
	ids, _ := mr.minted()
	if len(ids) < min {
		t.Fatalf("%d keys minted, want at least %d (one per plan and apply)", len(ids), min)
	}
	for _, id := range ids {
		if _, err := e.Client.APIKeys.Get(testCtx(t), "acme", id); !isNotFound(err) {
			t.Errorf("key %s still exists after the run (err %v): Close did not delete it", id, err)
		}
	}
}

// TestAccAPIKeyEphemeralResource_values looks at the key through the echo provider (the one way
// to see an ephemeral value) and proves the leak search finds a secret that was stored.
func TestAccAPIKeyEphemeralResource_values(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	mr := e.mintRecorder(t, "/api-keys")
	dir := t.TempDir()
	var start time.Time
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks: []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"platform": testAccProtoV6ProviderFactories["platform"],
			"echo":     echoprovider.NewProviderServer(),
		},
		WorkingDir: dir,
		Steps: []resource.TestStep{{
			PreConfig: func() { start = time.Now() },
			Config: fmt.Sprintf(`
provider "platform" {
  endpoint  = %q
  token     = %q
  workspace = "acme"
}

ephemeral "platform_api_key" "k" {
  access = "read_only"
  ttl    = "30m"
}

provider "echo" {
  data = ephemeral.platform_api_key.k
}

resource "echo" "k" {}
`, mr.URL, e.Token),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.k", tfjsonpath.New("data").AtMapKey("workspace_id"), knownvalue.StringExact(ws.ID)),
				statecheck.ExpectKnownValue("echo.k", tfjsonpath.New("data").AtMapKey("access"), knownvalue.StringExact("read_only")),
				statecheck.ExpectKnownValue("echo.k", tfjsonpath.New("data").AtMapKey("id"),
					knownvalue.StringRegexp(regexp.MustCompile(`^key_[a-z2-7]{16}$`))),
				statecheck.ExpectKnownValue("echo.k", tfjsonpath.New("data").AtMapKey("name"),
					knownvalue.StringRegexp(regexp.MustCompile(`^terraform-ephemeral-[a-z2-7]{12}$`))),
				statecheck.ExpectKnownValue("echo.k", tfjsonpath.New("data").AtMapKey("secret"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("echo.k", tfjsonpath.New("data").AtMapKey("expires_at"), expiresAfter(&start, 30*time.Minute)),
				secretInState{mr, dir},
			},
		}},
	})
	e.checkKeysDeleted(t, mr, 2)
	// Each opening got its own name: concurrent runs cannot collide either.
	names := map[string]bool{}
	for k, err := range e.Client.APIKeys.All(testCtx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		names[k.Name] = true
	}
	if len(names) != 0 {
		t.Errorf("keys left in the workspace: %v", names)
	}
}

// TestAccAPIKeyEphemeralResource_configuresProvider configures a second, aliased platform
// provider with the minted key's secret and reads who it is: the key, and no secret in the plan
// or the state; every key minted (plan and apply) is deleted afterwards. The test framework
// attaches both configurations to one provider server (Terraform would start two processes),
// so this also proves Close deletes with the configuration that opened the key.
func TestAccAPIKeyEphemeralResource_configuresProvider(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	mr := e.mintRecorder(t, "/api-keys")
	dir := t.TempDir()
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		WorkingDir:               dir,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "platform" {
  endpoint  = %[1]q
  token     = %[2]q
  workspace = "acme"
}

ephemeral "platform_api_key" "ci" {
  name_prefix = "ci-run"
  access      = "read_write"
  ttl         = "15m"
}

provider "platform" {
  alias    = "minted"
  endpoint = %[1]q
  token    = ephemeral.platform_api_key.ci.secret
}

data "platform_current_principal" "minted" {
  provider = platform.minted
}
`, mr.URL, e.Token),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:            []plancheck.PlanCheck{noSecretInPlan{mr, dir}},
				PostApplyPreRefresh: []plancheck.PlanCheck{noSecretInPlan{mr, dir}},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				noSecretInState{mr, dir},
				statecheck.ExpectKnownValue("data.platform_current_principal.minted", tfjsonpath.New("type"), knownvalue.StringExact("api_key")),
				statecheck.ExpectKnownValue("data.platform_current_principal.minted", tfjsonpath.New("access"), knownvalue.StringExact("read_write")),
			},
			Check: func(s *terraform.State) error {
				got := s.RootModule().Resources["data.platform_current_principal.minted"].Primary.Attributes["api_key_id"]
				if ids, _ := mr.minted(); !slices.Contains(ids, got) {
					return fmt.Errorf("the aliased provider acted as %q, not as a minted key %v", got, ids)
				}
				return nil
			},
		}},
	})
	e.checkKeysDeleted(t, mr, 2)
}

// TestAccAPIKeyEphemeralResource_ttl: ttl is checked at plan time against its bounds.
func TestAccAPIKeyEphemeralResource_ttl(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	var steps []resource.TestStep
	for _, bad := range []string{"30s", "25h", "1 hour", "-1h", "0"} {
		steps = append(steps, resource.TestStep{
			Config: e.providerBlockWith(e.Token, "acme") + fmt.Sprintf(`
ephemeral "platform_api_key" "k" {
  access = "read_only"
  ttl    = %q
}
`, bad),
			PlanOnly:    true,
			ExpectError: errorText("ttl must be a duration between 1m and 24h such as 30m or 2h"),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
	keys, err := e.Client.APIKeys.List(testCtx(t), "acme", client.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(keys.Items) != 0 {
		t.Errorf("a refused ttl minted %d keys", len(keys.Items))
	}
}

// TestAccAPIKeyEphemeralResource_permissionDenied: a viewer (no api_keys.manage) gets the
// server's refusal at plan time, and a read_only key cannot mint a read_write one (no
// escalation).
func TestAccAPIKeyEphemeralResource_permissionDenied(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	viewer := e.memberToken(t, "viewer@example.com", client.RoleViewer)
	config := func(token, access string) string {
		return e.providerBlockWith(token, "acme") + fmt.Sprintf(`
ephemeral "platform_api_key" "k" {
  access = %q
}
`, access)
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config(viewer, "read_only"),
			PlanOnly:    true,
			ExpectError: expectAll(errorText("Could not open platform_api_key"), errorText("api_keys.manage")),
		}},
	})
}
