package provider

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

// portalRecorder is a reverse proxy in front of the test server that keeps every billing
// portal URL the server hands out, so that tests can look for them where they must not be.
type portalRecorder struct {
	URL  string
	mu   sync.Mutex
	urls []string
}

func (e *testEnv) portalRecorder(t *testing.T) *portalRecorder {
	t.Helper()
	target, err := url.Parse(e.Server.URL)
	if err != nil {
		t.Fatal(err)
	}
	pr := &portalRecorder{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(resp *http.Response) error {
		if resp.Request.Method != http.MethodPost || !strings.HasSuffix(resp.Request.URL.Path, "/billing-portal-sessions") ||
			resp.StatusCode/100 != 2 || resp.Request.URL.Query().Get("validate_only") == "true" {
			return nil
		}
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return err
		}
		_ = resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(body))
		var s struct {
			URL string `json:"url"`
		}
		if json.Unmarshal(body, &s) == nil && s.URL != "" {
			pr.mu.Lock()
			pr.urls = append(pr.urls, s.URL)
			pr.mu.Unlock()
		}
		return nil
	}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	pr.URL = srv.URL
	return pr
}

func (pr *portalRecorder) handedOut() []string {
	pr.mu.Lock()
	defer pr.mu.Unlock()
	return append([]string(nil), pr.urls...)
}

// leaks lists where any URL the server handed out so far appears in Terraform's working
// directories under dir: the raw state file (with the resources' private state), every file of
// the saved plan (a zip archive, read uncompressed) and the JSON of plan and state that
// `terraform show -json` gives. It fails when no URL was handed out yet: then there is nothing
// to look for, and the test would prove nothing.
func (pr *portalRecorder) leaks(dir string, shown ...any) ([]string, error) {
	urls := pr.handedOut()
	if len(urls) == 0 {
		return nil, fmt.Errorf("the server handed out no billing portal URL: the ephemeral resource was never opened")
	}
	var needles []string
	for _, u := range urls {
		// As written, as JSON writes it (state and plan JSON escape "&"), and its credential
		// alone: every long query value but the return URL (the signature), however it is
		// stored.
		escaped, _ := json.Marshal(u)
		needles = append(needles, u, strings.Trim(string(escaped), `"`))
		if p, err := url.Parse(u); err == nil {
			for k, vs := range p.Query() {
				for _, v := range vs {
					if k != "return_url" && len(v) >= 32 {
						needles = append(needles, v)
					}
				}
			}
		}
	}
	var found []string
	look := func(where string, data []byte) {
		for _, n := range needles {
			if bytes.Contains(data, []byte(n)) {
				found = append(found, fmt.Sprintf("%s holds %s", where, n))
			}
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "work*", "terraform.tfstate*"))
	plans, _ := filepath.Glob(filepath.Join(dir, "work*", "tfplan"))
	if len(files)+len(plans) == 0 {
		return nil, fmt.Errorf("neither a state file nor a plan file under %s", dir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		look(f, data)
	}
	for _, f := range plans {
		zr, err := zip.OpenReader(f)
		if err != nil {
			return nil, fmt.Errorf("plan file %s: %w", f, err)
		}
		for _, entry := range zr.File {
			rc, err := entry.Open()
			if err != nil {
				_ = zr.Close()
				return nil, err
			}
			data, err := io.ReadAll(rc)
			_ = rc.Close()
			if err != nil {
				_ = zr.Close()
				return nil, err
			}
			look(f+":"+entry.Name, data)
		}
		_ = zr.Close()
	}
	for i, v := range shown {
		data, err := json.Marshal(v)
		if err != nil {
			return nil, err
		}
		look(fmt.Sprintf("terraform show -json (%d)", i), data)
	}
	return found, nil
}

// noPortalURLInState and noPortalURLInPlan are the leak checks as state and plan checks.
type noPortalURLInState struct {
	pr  *portalRecorder
	dir string
}

func (c noPortalURLInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	found, err := c.pr.leaks(c.dir, req.State)
	switch {
	case err != nil:
		resp.Error = err
	case len(found) > 0:
		resp.Error = fmt.Errorf("the billing portal URL reached the state:\n%s", strings.Join(found, "\n"))
	}
}

type noPortalURLInPlan struct {
	pr  *portalRecorder
	dir string
}

func (c noPortalURLInPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	found, err := c.pr.leaks(c.dir, req.Plan)
	switch {
	case err != nil:
		resp.Error = err
	case len(found) > 0:
		resp.Error = fmt.Errorf("the billing portal URL reached the plan:\n%s", strings.Join(found, "\n"))
	}
}

// portalURLInState is the positive control of the leak check: a configuration that copies the
// URL into the state (the echo provider does) must be caught by the same search.
type portalURLInState struct {
	pr  *portalRecorder
	dir string
}

func (c portalURLInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	found, err := c.pr.leaks(c.dir, req.State)
	switch {
	case err != nil:
		resp.Error = err
	case len(found) == 0:
		resp.Error = fmt.Errorf("the echo provider stores the URL in the state, but the leak search did not find it")
	}
}

// TestAccBillingPortalSessionEphemeralResource_values opens a session through the echo provider,
// which copies an ephemeral value into its own state: the only way to look at what the
// ephemeral resource returns. The same search that proves the URL absent from the state in
// TestAccBillingPortalSessionEphemeralResource_notStored must find it here.
func TestAccBillingPortalSessionEphemeralResource_values(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	pr := e.portalRecorder(t)
	dir := t.TempDir()
	var start time.Time // set right before the apply: a parallel test may wait long for its turn
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

ephemeral "platform_billing_portal_session" "portal" {
  return_url = "http://localhost:8080/billing"
}

provider "echo" {
  data = ephemeral.platform_billing_portal_session.portal
}

resource "echo" "portal" {}
`, pr.URL, e.Token),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.portal", tfjsonpath.New("data").AtMapKey("workspace_id"), knownvalue.StringExact(ws.ID)),
				statecheck.ExpectKnownValue("echo.portal", tfjsonpath.New("data").AtMapKey("return_url"),
					knownvalue.StringExact("http://localhost:8080/billing")),
				statecheck.ExpectKnownValue("echo.portal", tfjsonpath.New("data").AtMapKey("url"),
					knownvalue.StringRegexp(regexp.MustCompile(`^https://\S+$`))),
				statecheck.ExpectKnownValue("echo.portal", tfjsonpath.New("data").AtMapKey("expires_at"),
					knownvalue.StringFunc(func(v string) error {
						at, err := time.Parse(time.RFC3339, v)
						if err != nil {
							return err
						}
						// An hour after it was opened, give or take the test's own duration.
						if d := at.Sub(start); d < 59*time.Minute || d > time.Hour+10*time.Minute {
							return fmt.Errorf("expires_at %s is %s after the test started, want about an hour after the step started", v, d)
						}
						return nil
					})),
				portalURLInState{pr, dir},
			},
		}},
	})
}

// TestAccBillingPortalSessionEphemeralResource_notStored opens a session in every plan and
// apply and hands its URL to a write-only secret value: no URL the server handed out is in the
// saved plan, the state file or their JSON.
func TestAccBillingPortalSessionEphemeralResource_notStored(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	pr := e.portalRecorder(t)
	dir := t.TempDir()
	config := fmt.Sprintf(`
provider "platform" {
  endpoint  = %q
  token     = %q
  workspace = "acme"
}

ephemeral "platform_billing_portal_session" "portal" {
  return_url = "https://console.example.com/billing"
}

resource "platform_secret" "link" {
  name             = "BILLING_PORTAL_URL"
  value_wo         = ephemeral.platform_billing_portal_session.portal.url
  value_wo_version = 1
}
`, pr.URL, e.Token)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_11_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		WorkingDir:               dir,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{noPortalURLInPlan{pr, dir}},
				PostApplyPostRefresh: []plancheck.PlanCheck{noPortalURLInPlan{pr, dir}},
				PostApplyPreRefresh:  []plancheck.PlanCheck{noPortalURLInPlan{pr, dir}},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				noPortalURLInState{pr, dir},
				statecheck.ExpectKnownValue("platform_secret.link", tfjsonpath.New("value_wo"), knownvalue.Null()),
			},
			Check: e.secretValueVersion(t, "BILLING_PORTAL_URL", 1),
		}},
	})
	// Plan and apply each opened the resource at least once.
	if n := len(pr.handedOut()); n < 2 {
		t.Errorf("the server handed out %d portal URLs, want one per plan and apply at least", n)
	}
}

// TestAccBillingPortalSessionEphemeralResource_returnURL: return_url is checked at plan time,
// naming the rule.
func TestAccBillingPortalSessionEphemeralResource_returnURL(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	config := func(u string) string {
		return e.providerBlockWith(e.Token, "acme") + fmt.Sprintf(`
ephemeral "platform_billing_portal_session" "portal" {
  return_url = %q
}
`, u)
	}
	var steps []resource.TestStep
	for _, bad := range []string{"http://console.example.com/billing", "console.example.com/billing", "ftp://localhost/x",
		"https://user:pw@console.example.com/"} {
		steps = append(steps, resource.TestStep{Config: config(bad), PlanOnly: true,
			ExpectError: errorText("return_url must be an absolute https:// URL (http:// only to localhost, 127.0.0.1 or [::1]) without credentials")})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps:                    steps,
	})
}

// TestReturnURLValidatorMatchesServer feeds the same return URLs to the plan-time validator and
// to the server (the rule is the service's, not the domain's, so validators_sync_test.go cannot
// reach it): both must accept or both refuse.
func TestReturnURLValidatorMatchesServer(t *testing.T) {
	srv := servertest.Start(t)
	c, err := client.New(client.Config{Endpoint: srv.URL, Token: srv.UserToken(t, testOwnerEmail), MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if _, err := c.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: "acme", Name: "Acme"}); err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		"https://console.example.com/billing", "https://console.example.com", "https://console.example.com:8443/a?b=c#d",
		"HTTPS://console.example.com/", "http://localhost/", "http://localhost:8080/back", "http://LOCALHOST/",
		"http://127.0.0.1:3000/", "http://[::1]:3000/", "http://[::1]/", "http://127.0.0.2/", "http://localhost.example.com/",
		"http://console.example.com/", "ftp://localhost/", "file:///etc/passwd", "mailto:billing@example.com",
		"https:console.example.com", "https://", "https:///path", "//console.example.com/", "/billing", "billing", "",
		"https://user@console.example.com/", "https://user:pw@console.example.com/", "https://console.example.com/" + strings.Repeat("a", 2020),
		"https://console.example.com/" + strings.Repeat("a", 2021), "https://console.example.com/" + strings.Repeat("a", 2100),
		"https://exa mple.com/", "https://example.com/\x00", "javascript:alert(1)", " https://example.com/",
	}
	v := returnURLValidator()
	for _, in := range inputs {
		resp := &validator.StringResponse{}
		v.ValidateString(ctx, validator.StringRequest{Path: path.Root("return_url"), ConfigValue: types.StringValue(in)}, resp)
		planRefuses := resp.Diagnostics.HasError()
		_, err := c.BillingPortalSessions.Create(ctx, "acme", client.BillingPortalSessionCreateOptions{ReturnURL: in})
		var apiErr *client.APIError
		serverRefuses := errors.As(err, &apiErr) && apiErr.Code == client.CodeInvalidArgument &&
			len(apiErr.Details) > 0 && apiErr.Details[0].Field == "return_url"
		if err != nil && !serverRefuses {
			t.Fatalf("%q: unexpected answer %v", in, err)
		}
		if planRefuses != serverRefuses {
			shown := in
			if len(shown) > 60 {
				shown = fmt.Sprintf("%s... (%d bytes)", shown[:60], len(in))
			}
			t.Errorf("return_url %q: plan refuses %t, server refuses %t (%v)", shown, planRefuses, serverRefuses, err)
		}
	}
}

// TestAccBillingPortalSessionEphemeralResource_permissionDenied: a member without billing.manage
// gets the server's refusal, at plan time (Terraform opens the resource while planning).
func TestAccBillingPortalSessionEphemeralResource_permissionDenied(t *testing.T) {
	e := newTestEnv(t)
	e.workspace(t, "acme")
	member := e.memberToken(t, "dev@example.com", client.RoleMember)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_10_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(member, "acme") + `
ephemeral "platform_billing_portal_session" "portal" {
  return_url = "https://console.example.com/billing"
}
`,
			PlanOnly:    true,
			ExpectError: expectAll(errorText("Could not open platform_billing_portal_session"), errorText("billing.manage")),
		}},
	})
}
