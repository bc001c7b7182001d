package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

// Acceptance test helpers. Every test starts its own in-process reference server, so tests are
// independent and run in parallel (resource.ParallelTest); the provider runs in-process too
// (ProtoV6ProviderFactories), so nothing is downloaded. Typical test:
//
//	func TestAccProjectResource_basic(t *testing.T) {
//		e := newTestEnv(t)
//		ws := e.workspace(t, "acme") // out-of-band fixture, through the client
//		resource.ParallelTest(t, resource.TestCase{
//			ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
//			Steps: []resource.TestStep{{
//				Config: e.config(`resource "platform_project" "p" { workspace_id = "` + ws.ID + `" ... }`),
//			}},
//		})
//	}

// testAccProtoV6ProviderFactories serves the provider in-process under the name "platform".
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"platform": providerserver.NewProtocol6WithError(New("test")()),
}

// testOwnerEmail is the user whose token the provider uses in acceptance tests.
const testOwnerEmail = "owner@example.com"

// testEnv is one acceptance test's backend: its own server, a user token for testOwnerEmail and
// a client acting as that user for fixtures, out-of-band changes (drift) and checks.
type testEnv struct {
	Server *servertest.Instance
	Token  string
	Client *client.Client
}

// newTestEnv starts a server for t (stopped when t ends). It skips unless TF_ACC is set, like
// resource.Test would, so a plain `go test` does not start servers for nothing.
func newTestEnv(t *testing.T, opts ...servertest.Option) *testEnv {
	t.Helper()
	testAccPreCheck(t)
	srv := servertest.Start(t, opts...)
	e := &testEnv{Server: srv}
	e.Token = srv.UserToken(t, testOwnerEmail)
	e.Client = e.clientFor(t, e.Token)
	return e
}

// testAccPreCheck skips acceptance tests unless TF_ACC is set.
func testAccPreCheck(t *testing.T) {
	t.Helper()
	if !acceptance {
		t.Skip("acceptance test: set TF_ACC=1 (make test does)")
	}
}

// userToken mints a token for another user (created if needed), e.g. to test permissions.
func (e *testEnv) userToken(t *testing.T, email string) string {
	t.Helper()
	return e.Server.UserToken(t, email)
}

// clientFor returns a client that acts with token, without retries so that a failing check
// fails fast.
func (e *testEnv) clientFor(t *testing.T, token string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{Endpoint: e.Server.URL, Token: token, MaxRetries: -1})
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	return c
}

// providerBlock configures the provider for this server with the test user's token.
func (e *testEnv) providerBlock() string {
	return e.providerBlockWith(e.Token, "")
}

// providerBlockWith configures the provider with another token and, unless empty, a default
// workspace.
func (e *testEnv) providerBlockWith(token, workspace string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "provider \"platform\" {\n  endpoint = %q\n  token    = %q\n", e.Server.URL, token)
	if workspace != "" {
		fmt.Fprintf(&b, "  workspace = %q\n", workspace)
	}
	b.WriteString("}\n")
	return b.String()
}

// config is the provider block followed by hcl.
func (e *testEnv) config(hcl string) string { return e.providerBlock() + "\n" + hcl }

// ctx bounds one out-of-band call.
func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// workspace creates a workspace through the client, as a fixture for workspace-scoped tests.
func (e *testEnv) workspace(t *testing.T, slug string) *client.Workspace {
	t.Helper()
	ws, err := e.Client.Workspaces.Create(testCtx(t), client.WorkspaceCreateOptions{Slug: slug, Name: slug})
	if err != nil {
		t.Fatalf("create workspace %s: %v", slug, err)
	}
	return ws
}

// organization creates an organization through the client, as a fixture.
func (e *testEnv) organization(t *testing.T, slug string) *client.Organization {
	t.Helper()
	org, err := e.Client.Organizations.Create(testCtx(t), client.OrganizationCreateOptions{Slug: slug, Name: slug})
	if err != nil {
		t.Fatalf("create organization %s: %v", slug, err)
	}
	return org
}

// outOfBand runs f with a context as a PreConfig or check step, failing the test on error: the
// way drift tests change things behind Terraform's back.
func outOfBand(t *testing.T, what string, f func(ctx context.Context) error) func() {
	return func() {
		if err := f(testCtx(t)); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
}

// checkOutOfBand is outOfBand as a resource.TestCheckFunc.
func checkOutOfBand(t *testing.T, what string, f func(ctx context.Context) error) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if err := f(testCtx(t)); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		return nil
	}
}

// importIDFunc builds a human import id from state: format is filled with the attributes
// named "<resource address>.<attribute>", e.g.
//
//	importIDFunc("%s/%s", "platform_organization.o.slug", "platform_organization_member.m.email")
func importIDFunc(format string, refs ...string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		args := make([]any, len(refs))
		for i, ref := range refs {
			cut := strings.LastIndexByte(ref, '.')
			addr, attr := ref[:cut], ref[cut+1:]
			rs, ok := s.RootModule().Resources[addr]
			if !ok {
				return "", fmt.Errorf("import id: no %s in state", addr)
			}
			v, ok := rs.Primary.Attributes[attr]
			if !ok {
				return "", fmt.Errorf("import id: %s has no attribute %s", addr, attr)
			}
			args[i] = v
		}
		return fmt.Sprintf(format, args...), nil
	}
}

// errorText matches text in Terraform's output, where long diagnostics are wrapped: each
// space in text matches any run of white space.
func errorText(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// rfc3339Regexp matches the timestamps the provider writes (RFC 3339, UTC).
var rfc3339Regexp = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)

// prefixRegexp matches an id with the given prefix, e.g. prefixRegexp("ws_").
func prefixRegexp(prefix string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `[a-z0-9]+$`)
}

// compareSame is compare.ValuesSame for statecheck.CompareValuePairs.
var compareSame = compare.ValuesSame()

// requestCounter is a reverse proxy in front of the test server that counts the API requests
// that pass through it: point the provider at URL to measure what a step costs.
type requestCounter struct {
	URL string
	n   atomic.Int64
}

func (e *testEnv) requestCounter(t *testing.T) *requestCounter {
	t.Helper()
	target, err := url.Parse(e.Server.URL)
	if err != nil {
		t.Fatal(err)
	}
	rc := &requestCounter{}
	proxy := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.n.Add(1)
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	rc.URL = srv.URL
	return rc
}

// take returns the requests counted since the last take.
func (rc *requestCounter) take() int64 { return rc.n.Swap(0) }
