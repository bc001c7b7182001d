package server_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/server"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"

	_ "modernc.org/sqlite" // to break the database from outside in TestWorkerSurvivesStoreErrors
)

type workspace struct {
	ID      string `json:"id"`
	Slug    string `json:"slug"`
	Version int64  `json:"version"`
}

type cluster struct {
	ID          string `json:"id"`
	Status      string `json:"status"`
	Endpoint    string `json:"endpoint"`
	OperationID string `json:"operation_id"`
}

type list[T any] struct {
	Items         []T    `json:"items"`
	NextPageToken string `json:"next_page_token"`
}

func mustStatus(t *testing.T, want, got int, body []byte) {
	t.Helper()
	if got != want {
		t.Fatalf("status %d, want %d: %s", got, want, body)
	}
}

func TestRestartKeepsDataAndPageTokens(t *testing.T) {
	inst := servertest.Start(t)
	alice := inst.UserToken(t, "alice@example.com")
	var created []workspace
	for _, slug := range []string{"acme", "globex"} {
		var ws workspace
		status, body := inst.Do(t, alice, http.MethodPost, "/v1/workspaces", map[string]any{"slug": slug, "name": slug}, &ws)
		mustStatus(t, http.StatusCreated, status, body)
		created = append(created, ws)
	}
	var page list[workspace]
	status, body := inst.Do(t, alice, http.MethodGet, "/v1/workspaces?page_size=1", nil, &page)
	mustStatus(t, http.StatusOK, status, body)
	if len(page.Items) != 1 || page.NextPageToken == "" {
		t.Fatalf("first page = %s, want one item and a next page token", body)
	}

	inst = inst.Restart(t)

	// Every credential and object survives, and so does a page token handed out before.
	var got workspace
	status, body = inst.Do(t, alice, http.MethodGet, "/v1/workspaces/acme", nil, &got)
	mustStatus(t, http.StatusOK, status, body)
	if got != created[0] {
		t.Errorf("after restart: %+v, want %+v", got, created[0])
	}
	status, body = inst.Do(t, alice, http.MethodGet, "/v1/workspaces?page_size=1&page_token="+page.NextPageToken, nil, &page)
	mustStatus(t, http.StatusOK, status, body)
	if len(page.Items) != 1 || page.Items[0].ID != created[1].ID {
		t.Errorf("second page after restart = %s, want %s", body, created[1].ID)
	}
	status, body = inst.Do(t, inst.AdminToken, http.MethodGet, "/v1/me", nil, nil)
	mustStatus(t, http.StatusOK, status, body)
}

func TestServesOpenAPIDocumentAndHealth(t *testing.T) {
	inst := servertest.Start(t)
	for path, want := range map[string][]byte{"/v1/openapi.json": httpapi.OpenAPIDocument, "/healthz": nil} {
		// Both are public: no credentials.
		status, body := inst.Do(t, "", http.MethodGet, path, nil, nil)
		mustStatus(t, http.StatusOK, status, body)
		if want != nil && !bytes.Equal(body, want) {
			t.Errorf("%s does not serve httpapi.OpenAPIDocument", path)
		}
	}
}

func TestOperationInProgressResumesAfterRestart(t *testing.T) {
	const delay = 1500 * time.Millisecond
	inst := servertest.Start(t, servertest.WithClusterDelay(delay))
	alice := inst.UserToken(t, "alice@example.com")
	status, body := inst.Do(t, alice, http.MethodPost, "/v1/workspaces", map[string]any{"slug": "acme", "name": "Acme"}, nil)
	mustStatus(t, http.StatusCreated, status, body)
	var c cluster
	status, body = inst.Do(t, alice, http.MethodPost, "/v1/workspaces/acme/clusters", map[string]any{
		"name": "prod", "cloud": "aws", "location": "eu-central-1", "kubernetes_version": "1.33",
		"node_pools": []map[string]any{{"name": "default", "machine_type": "m5.large", "min_nodes": 1, "max_nodes": 3}},
	}, &c)
	mustStatus(t, http.StatusAccepted, status, body)
	if c.Status != "provisioning" || c.OperationID == "" {
		t.Fatalf("create answered %s, want provisioning with an operation_id", body)
	}
	started := time.Now()

	// Stop while the operation is unfinished; the new server has a short delay, but the
	// operation keeps the due time it was given.
	inst = inst.Restart(t, servertest.WithClusterDelay(10*time.Millisecond))
	status, body = inst.Do(t, alice, http.MethodGet, "/v1/workspaces/acme/clusters/prod", nil, &c)
	mustStatus(t, http.StatusOK, status, body)
	if time.Since(started) < delay && c.Status != "provisioning" {
		t.Fatalf("right after restart the cluster is %q, want provisioning", c.Status)
	}
	deadline := time.Now().Add(delay + 5*time.Second)
	for c.Status == "provisioning" {
		if time.Now().After(deadline) {
			t.Fatalf("cluster still provisioning after restart: %s", body)
		}
		time.Sleep(20 * time.Millisecond)
		status, body = inst.Do(t, alice, http.MethodGet, "/v1/workspaces/acme/clusters/prod", nil, &c)
		mustStatus(t, http.StatusOK, status, body)
	}
	if c.Status != "running" || c.Endpoint == "" {
		t.Fatalf("cluster after restart: %s, want running with an endpoint", body)
	}
	var op struct {
		Status string `json:"status"`
	}
	status, body = inst.Do(t, alice, http.MethodGet, "/v1/operations/"+c.OperationID, nil, &op)
	mustStatus(t, http.StatusOK, status, body)
	// The GET above may have raced the worker's final step only for the cluster, not both:
	// they change in one transaction.
	if op.Status != "succeeded" {
		t.Fatalf("operation %s: %s, want succeeded", c.OperationID, body)
	}
}

// serve runs s.Serve on a loopback port; stop ends it and returns what Serve returned.
func serve(t *testing.T, s *server.Server) (baseURL string, stop func() error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	var once bool
	var serveErr error
	stop = func() error {
		if !once {
			once = true
			cancel()
			select {
			case serveErr = <-done:
			case <-time.After(30 * time.Second):
				// An error, not t.Fatal: stop may run outside the test goroutine.
				serveErr = errors.New("Serve did not return after its context ended")
			}
		}
		return serveErr
	}
	t.Cleanup(func() { _ = stop() })
	return "http://" + ln.Addr().String(), stop
}

func open(t *testing.T, cfg server.Config) *server.Server {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s, err := server.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func call(t *testing.T, method, url, token string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, raw
}

func TestGracefulShutdownLetsInFlightRequestFinish(t *testing.T) {
	dir := t.TempDir()
	const token = "graceful-shutdown-test-token-0123456789"
	s := open(t, server.Config{DataDir: dir, BootstrapToken: token})
	base, stop := serve(t, s)
	status, body := call(t, http.MethodPost, base+"/v1/admin/users/alice@example.com/tokens", token, strings.NewReader(`{"name":"t"}`))
	mustStatus(t, http.StatusCreated, status, body)
	var tok struct{ Secret string }
	if err := json.Unmarshal(body, &tok); err != nil {
		t.Fatal(err)
	}

	// A request whose body arrives slowly is in flight when the shutdown starts.
	pr, pw := io.Pipe()
	type answer struct {
		status int
		body   []byte
		err    error
	}
	answered := make(chan answer, 1)
	go func() { // not call(): t.Fatal must not run outside the test goroutine
		req, _ := http.NewRequest(http.MethodPost, base+"/v1/workspaces", pr)
		req.Header.Set("Authorization", "Bearer "+tok.Secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		defer func() { _ = resp.Body.Close() }()
		body, err := io.ReadAll(resp.Body)
		answered <- answer{resp.StatusCode, body, err}
	}()
	if _, err := pw.Write([]byte(`{"slug":"acme",`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the server read the first bytes: the connection is active

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("Serve returned (%v) while a request was in flight", err)
	default:
	}
	// New connections are refused once the shutdown has begun.
	if _, err := net.DialTimeout("tcp", strings.TrimPrefix(base, "http://"), time.Second); err == nil {
		t.Error("the server still accepts connections during shutdown")
	}
	if _, err := pw.Write([]byte(`"name":"Acme"}`)); err != nil {
		t.Fatal(err)
	}
	_ = pw.Close()

	a := <-answered
	if a.err != nil {
		t.Fatalf("the in-flight request failed: %v", a.err)
	}
	mustStatus(t, http.StatusCreated, a.status, a.body)
	if err := <-stopped; err != nil {
		t.Fatalf("Serve after a graceful shutdown: %v", err)
	}

	// What was acknowledged is in the database.
	s2 := open(t, server.Config{DataDir: dir})
	ts := httptest.NewServer(s2.Handler())
	defer ts.Close()
	status, body = call(t, http.MethodGet, ts.URL+"/v1/workspaces/acme", tok.Secret, nil)
	mustStatus(t, http.StatusOK, status, body)
}

func me(t *testing.T, baseURL, token string) (int, map[string]any) {
	t.Helper()
	status, body := call(t, http.MethodGet, baseURL+"/v1/me", token, nil)
	var m map[string]any
	if status == http.StatusOK {
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
	}
	return status, m
}

func TestBootstrapWithGivenTokenOnlyOnEmptyDatabase(t *testing.T) {
	dir := t.TempDir()
	const first, second = "operator-chosen-token-0123456789-1", "operator-chosen-token-0123456789-2"

	s := open(t, server.Config{DataDir: dir, BootstrapToken: first})
	if got := s.BootstrapToken(); got != "" {
		t.Errorf("BootstrapToken() = %q with a supplied token, want empty", got)
	}
	ts := httptest.NewServer(s.Handler())
	status, m := me(t, ts.URL, first)
	if status != http.StatusOK || m["email"] != server.DefaultBootstrapEmail || m["platform_admin"] != true {
		t.Fatalf("/v1/me with the bootstrap token: %d %v", status, m)
	}
	ts.Close()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	// A second start with another token and e-mail changes nothing.
	s = open(t, server.Config{DataDir: dir, BootstrapToken: second, BootstrapEmail: "other@example.com"})
	if got := s.BootstrapToken(); got != "" {
		t.Errorf("BootstrapToken() = %q on an initialised database, want empty", got)
	}
	ts = httptest.NewServer(s.Handler())
	defer ts.Close()
	if status, m := me(t, ts.URL, first); status != http.StatusOK || m["email"] != server.DefaultBootstrapEmail {
		t.Errorf("first token after restart: %d %v", status, m)
	}
	if status, _ := me(t, ts.URL, second); status != http.StatusUnauthorized {
		t.Errorf("second token after restart: status %d, want 401", status)
	}
}

func TestBootstrapGeneratesTokenOnce(t *testing.T) {
	dir := t.TempDir()
	s := open(t, server.Config{DataDir: dir, BootstrapEmail: "Ops@Example.com"})
	token := s.BootstrapToken()
	if !strings.HasPrefix(token, "pt_") {
		t.Fatalf("BootstrapToken() = %q, want a generated pt_ token", token)
	}
	if got := s.BootstrapEmail(); got != "ops@example.com" {
		t.Errorf("BootstrapEmail() = %q, want the normalised ops@example.com", got)
	}
	ts := httptest.NewServer(s.Handler())
	status, m := me(t, ts.URL, token)
	ts.Close()
	if status != http.StatusOK || m["email"] != "ops@example.com" {
		t.Fatalf("/v1/me with the generated token: %d %v", status, m)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, server.Config{DataDir: dir})
	if got := s.BootstrapToken(); got != "" {
		t.Errorf("BootstrapToken() on the second start = %q, want empty (shown once)", got)
	}
	ts = httptest.NewServer(s.Handler())
	defer ts.Close()
	if status, _ := me(t, ts.URL, token); status != http.StatusOK {
		t.Errorf("generated token after restart: status %d", status)
	}
}

func TestBootstrapRejectsBadInput(t *testing.T) {
	for name, cfg := range map[string]server.Config{
		"short token": {BootstrapToken: "short"},
		// 31 characters: operators choose tokens too long to guess.
		"token under 32 characters": {BootstrapToken: "operator-token-of-31-characters"},
		"bad e-mail":                {BootstrapEmail: "not-an-email"},
	} {
		t.Run(name, func(t *testing.T) {
			cfg.DataDir = t.TempDir()
			cfg.Logger = slog.New(slog.DiscardHandler)
			s, err := server.Open(context.Background(), cfg)
			if err == nil {
				_ = s.Close()
				t.Fatal("Open succeeded")
			}
			if cfg.BootstrapToken != "" && strings.Contains(err.Error(), cfg.BootstrapToken) {
				t.Errorf("error %q echoes the token", err)
			}
		})
	}
}

func TestDatabaseSelection(t *testing.T) {
	for _, db := range []string{"postgres://user:secret@db.internal/platform", "postgresql://db/platform?sslmode=disable"} {
		_, err := server.Open(context.Background(), server.Config{DB: db, DataDir: t.TempDir()})
		if !errors.Is(err, server.ErrPostgresNotAvailable) || !strings.Contains(err.Error(), "PostgreSQL backend not available yet") {
			t.Errorf("Open(%q) = %v, want ErrPostgresNotAvailable", db, err)
		}
		if err != nil && strings.Contains(err.Error(), "secret") {
			t.Errorf("error %q leaks the database password", err)
		}
	}
	if _, err := server.Open(context.Background(), server.Config{DB: "mysql://db/platform", DataDir: t.TempDir()}); err == nil {
		t.Error("Open with a mysql:// URL succeeded")
	}

	// A path selects that SQLite file (its directory is created); the data directory stays unused.
	dataDir := filepath.Join(t.TempDir(), "unused")
	path := filepath.Join(t.TempDir(), "nested", "custom.db")
	s := open(t, server.Config{DB: path, DataDir: dataDir, BootstrapToken: "custom-db-path-token-0123456789-abcdef"})
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file: %v", err)
	}
	if _, err := os.Stat(dataDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("data directory %s was created (%v) although --db names a file", dataDir, err)
	}
}

// syncWriter lets the worker goroutine log while the test reads.
type syncWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}

func TestWorkerSurvivesStoreErrors(t *testing.T) {
	logs := &syncWriter{}
	inst := servertest.Start(t, servertest.WithLogger(slog.New(slog.NewTextHandler(logs, nil))),
		servertest.WithWorkerInterval(5*time.Millisecond))
	alice := inst.UserToken(t, "alice@example.com")
	status, body := inst.Do(t, alice, http.MethodPost, "/v1/workspaces", map[string]any{"slug": "acme", "name": "Acme"}, nil)
	mustStatus(t, http.StatusCreated, status, body)

	// Break the worker's table from another connection (a real database failure, no fake).
	db, err := sql.Open("sqlite", "file:"+filepath.Join(inst.DataDir, server.DefaultDBFile)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	if _, err := db.Exec(`ALTER TABLE operations RENAME TO operations_away`); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the worker to log its failure", func() bool { return strings.Contains(logs.String(), "advancing operations") })
	if _, err := db.Exec(`ALTER TABLE operations_away RENAME TO operations`); err != nil {
		t.Fatal(err)
	}

	// The worker kept running: a new cluster still gets provisioned.
	status, body = inst.Do(t, alice, http.MethodPost, "/v1/workspaces/acme/clusters", map[string]any{
		"name": "prod", "cloud": "gcp", "location": "europe-west1", "kubernetes_version": "1.32",
		"node_pools": []map[string]any{{"name": "default", "machine_type": "e2-standard-4", "min_nodes": 1, "max_nodes": 1}},
	}, nil)
	mustStatus(t, http.StatusAccepted, status, body)
	eventually(t, "the cluster to run", func() bool {
		var c cluster
		inst.Do(t, alice, http.MethodGet, "/v1/workspaces/acme/clusters/prod", nil, &c)
		return c.Status == "running"
	})
}

// TestSecondServerOnTheSameDatabaseIsRefused: the service keeps authentications in memory
// until its own next write, which is exact only while one process writes the database.
func TestSecondServerOnTheSameDatabaseIsRefused(t *testing.T) {
	dir := t.TempDir()
	first := open(t, server.Config{DataDir: dir, BootstrapToken: "first-server-token-0123456789-abcdef"})
	_, err := server.Open(context.Background(), server.Config{DataDir: dir})
	if err == nil || !strings.Contains(err.Error(), "in use by another platform-server process") {
		t.Fatalf("second Open on the same database: %v, want an in-use error", err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	second := open(t, server.Config{DataDir: dir})
	if err := second.Close(); err != nil {
		t.Fatal(err)
	}
}

// The database files are the owner's alone, and a data directory open to others is reported;
// the server's key file sits beside the database, never in it.
func TestDataFilesAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	s := open(t, server.Config{DataDir: dir, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	if !strings.Contains(logs.String(), "the data directory is open to other users") {
		t.Errorf("no warning about the open directory in %q", logs.String())
	}
	token := s.BootstrapToken()
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	if status, _ := me(t, ts.URL, token); status != http.StatusOK {
		t.Fatalf("me: %d", status)
	}
	for _, name := range []string{server.DefaultDBFile, server.DefaultDBFile + "-wal", server.DefaultDBFile + "-shm",
		server.PageTokenKeyFile, server.SecretKeyFile, server.SecretsKeyFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", name, fi.Mode().Perm())
		}
	}
	key, err := os.ReadFile(filepath.Join(dir, server.SecretKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(filepath.Join(dir, server.DefaultDBFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(db, key) || bytes.Contains(db, []byte(hex.EncodeToString(key))) {
		t.Error("the database holds the server's secret key")
	}
	secretsKey, err := os.ReadFile(filepath.Join(dir, server.SecretsKeyFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(secretsKey, key) || bytes.Contains(db, secretsKey) || bytes.Contains(db, []byte(hex.EncodeToString(secretsKey))) {
		t.Error("the secrets key is the server key, or is in the database")
	}
}
