// Package servertest starts the whole reference server in-process for tests: a real SQLite
// database in a temporary directory, the real HTTP handler behind httptest, and the operations
// worker. The Go client's and the Terraform provider's tests use it as their backend.
//
//	srv := servertest.Start(t)
//	token := srv.UserToken(t, "alice@example.com")
//	// call srv.URL with "Authorization: Bearer "+token
package servertest

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/server"
)

// DefaultClusterDelay keeps cluster operations fast in tests while still asynchronous.
const DefaultClusterDelay = 50 * time.Millisecond

// Instance is a running in-process server.
type Instance struct {
	// URL is the base URL of the API (no trailing slash), e.g. http://127.0.0.1:41234.
	URL string
	// AdminToken is the platform administrator's token (it may mint tokens for any e-mail).
	AdminToken string
	// AdminEmail is the platform administrator's e-mail.
	AdminEmail string
	// DataDir holds the database; pass it to WithDataDir to start again on the same data.
	DataDir string
	Server  *server.Server
	// GitHubWebhookSecret is the secret the server verifies GitHub webhook deliveries with
	// (see GitHubPush).
	GitHubWebhookSecret string
	// HTTPClient talks to the server (it is the httptest server's client).
	HTTPClient *http.Client

	opts      options
	ts        *httptest.Server
	stop      context.CancelFunc
	closeOnce sync.Once
	closeErr  error
}

type options struct {
	clusterDelay   time.Duration
	rateLimit      float64
	rateBurst      int
	dataDir        string
	adminToken     string
	adminEmail     string
	logger         *slog.Logger
	workerInterval time.Duration
	webhookSecret  string
}

// Option changes how Start configures the server.
type Option func(*options)

// WithClusterDelay sets how long cluster operations take (default 50ms).
func WithClusterDelay(d time.Duration) Option { return func(o *options) { o.clusterDelay = d } }

// WithRateLimit turns on per-caller rate limiting (off by default, so tests are never throttled).
func WithRateLimit(rps float64, burst int) Option {
	return func(o *options) { o.rateLimit, o.rateBurst = rps, burst }
}

// WithDataDir keeps the database in dir instead of a fresh t.TempDir(), so a test can stop the
// server and start another one on the same files. Use it with WithAdminToken (or Restart): the
// bootstrap token is only created on an empty database.
func WithDataDir(dir string) Option { return func(o *options) { o.dataDir = dir } }

// WithAdminToken sets the platform administrator's token used on an empty database (default: a
// fresh random token).
func WithAdminToken(token string) Option { return func(o *options) { o.adminToken = token } }

// WithAdminEmail sets the platform administrator's e-mail (default admin@localhost).
func WithAdminEmail(email string) Option { return func(o *options) { o.adminEmail = email } }

// WithLogger sends the server's logs to l (default: discarded, to keep test output readable).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

// WithWorkerInterval sets how often the operations worker runs (default: derived from the
// cluster delay).
func WithWorkerInterval(d time.Duration) Option { return func(o *options) { o.workerInterval = d } }

// Start runs a server until the test ends (t.Cleanup closes it; Close stops it earlier).
func Start(t testing.TB, opts ...Option) *Instance {
	t.Helper()
	o := options{clusterDelay: DefaultClusterDelay}
	for _, opt := range opts {
		opt(&o)
	}
	if o.dataDir == "" {
		o.dataDir = t.TempDir()
	}
	if o.adminToken == "" {
		// A token the test knows up front, unlike a generated one, still works after a restart.
		o.adminToken = platform.NewSecret(platform.SecretPrefixUserToken)
	}
	if o.webhookSecret == "" {
		o.webhookSecret = platform.NewSecret("whsec_")
	}
	if o.adminEmail == "" {
		o.adminEmail = server.DefaultBootstrapEmail
	}
	if o.logger == nil {
		o.logger = slog.New(slog.DiscardHandler)
	}
	srv, err := server.Open(context.Background(), server.Config{
		DataDir:        o.dataDir,
		ClusterDelay:   o.clusterDelay,
		BootstrapEmail: o.adminEmail,
		BootstrapToken: o.adminToken,
		RateLimit:      o.rateLimit,
		RateBurst:      o.rateBurst,
		Logger:         o.logger,
		WorkerInterval: o.workerInterval,

		GitHubWebhookSecret: o.webhookSecret,
	})
	if err != nil {
		t.Fatalf("servertest: start server: %v", err)
	}
	ctx, stop := context.WithCancel(context.Background())
	srv.StartWorker(ctx)
	ts := httptest.NewServer(srv.Handler())
	i := &Instance{
		URL: ts.URL, AdminToken: o.adminToken, AdminEmail: srv.BootstrapEmail(), DataDir: o.dataDir,
		Server: srv, HTTPClient: ts.Client(), opts: o, ts: ts, stop: stop, GitHubWebhookSecret: o.webhookSecret,
	}
	t.Cleanup(func() {
		if err := i.Close(); err != nil {
			t.Errorf("servertest: close server: %v", err)
		}
	})
	return i
}

// Close stops the server: it waits for in-flight requests, stops the worker and closes the
// database. It is safe to call more than once.
func (i *Instance) Close() error {
	i.closeOnce.Do(func() {
		i.ts.Close() // blocks until outstanding requests have completed
		i.stop()
		i.closeErr = i.Server.Close()
	})
	return i.closeErr
}

// Restart closes i and starts a new server on the same data directory with the same
// administrator token and options; opts override them (e.g. another cluster delay).
func (i *Instance) Restart(t testing.TB, opts ...Option) *Instance {
	t.Helper()
	if err := i.Close(); err != nil {
		t.Fatalf("servertest: close server: %v", err)
	}
	o := i.opts
	keep := []Option{func(p *options) { *p = o }}
	return Start(t, append(keep, opts...)...)
}

// UserToken mints a user token for email through the API (POST /v1/admin/users/{email}/tokens,
// creating the user if needed) and returns its secret.
func (i *Instance) UserToken(t testing.TB, email string) string {
	t.Helper()
	var out struct {
		Secret string `json:"secret"`
	}
	status, body := i.Do(t, i.AdminToken, http.MethodPost, "/v1/admin/users/"+url.PathEscape(email)+"/tokens",
		map[string]any{"name": "servertest"}, &out)
	if status != http.StatusCreated && status != http.StatusOK || out.Secret == "" {
		t.Fatalf("servertest: mint token for %s: status %d: %s", email, status, body)
	}
	return out.Secret
}

// Do sends one JSON request with token as bearer credential (none when empty) and decodes a 2xx
// answer into out (when not nil). It returns the status and the raw body, so tests can assert
// on errors too.
func (i *Instance) Do(t testing.TB, token, method, path string, in, out any) (int, []byte) {
	t.Helper()
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatalf("servertest: encode request: %v", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, i.URL+path, body)
	if err != nil {
		t.Fatalf("servertest: %v", err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := i.HTTPClient.Do(req)
	if err != nil {
		t.Fatalf("servertest: %s %s: %v", method, path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("servertest: %s %s: read answer: %v", method, path, err)
	}
	if out != nil && resp.StatusCode/100 == 2 {
		if err := json.Unmarshal(raw, out); err != nil {
			t.Fatalf("servertest: %s %s: decode answer %s: %v", method, path, raw, err)
		}
	}
	return resp.StatusCode, raw
}

// GitHubPush delivers a GitHub push event as GitHub would (POST /v1/github/webhook, signed
// with the server's webhook secret): commit sha pushed to branch of repository ("owner/name")
// through GitHub's App installation installationID. deliveryID names the delivery (a
// redelivery repeats it). It returns the status and the raw answer.
func (i *Instance) GitHubPush(t testing.TB, deliveryID string, installationID int64, repository, branch, sha string) (int, []byte) {
	t.Helper()
	body, err := json.Marshal(map[string]any{
		"ref": "refs/heads/" + branch, "after": sha,
		"repository":   map[string]any{"full_name": repository},
		"installation": map[string]any{"id": installationID},
	})
	if err != nil {
		t.Fatalf("servertest: encode push event: %v", err)
	}
	req, err := http.NewRequest(http.MethodPost, i.URL+"/v1/github/webhook", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("servertest: %v", err)
	}
	mac := hmac.New(sha256.New, []byte(i.GitHubWebhookSecret))
	mac.Write(body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "push")
	req.Header.Set("X-GitHub-Delivery", deliveryID)
	req.Header.Set("X-Hub-Signature-256", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := i.HTTPClient.Do(req)
	if err != nil {
		t.Fatalf("servertest: push event: %v", err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("servertest: push event: read answer: %v", err)
	}
	return resp.StatusCode, raw
}
