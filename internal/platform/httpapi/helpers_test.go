package httpapi_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/sqlite"
)

// The tests drive the real handler on a real service and a real SQLite store in a temporary
// directory; no mocks. Users get tokens the way clients do: the bootstrap administrator mints
// them through POST /v1/admin/users/{email}/tokens.

var t0 = time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)

const adminToken = "bootstrap-token-for-httpapi-tests"

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

type env struct {
	tb    testing.TB
	ctx   context.Context
	store *sqlite.Store
	svc   *service.Service
	clock *fakeClock
	h     http.Handler
	logs  *syncBuffer
	n     atomic.Int64
	// secretKey is the server's secret key shared by the service and the handler.
	secretKey []byte

	mu sync.Mutex
	// hits records the routes that answered a 2xx, to check every endpoint was exercised.
	hits map[string]bool
}

// routeMux classifies requests by the route pattern that serves them.
var routeMux = func() *http.ServeMux {
	m := http.NewServeMux()
	for _, rt := range httpapi.Routes() {
		m.Handle(rt.Method+" "+rt.Pattern, http.NotFoundHandler())
	}
	return m
}()

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// newEnv starts a handler on a fresh store. Without opts.Logger, logs go to e.logs as JSON.
func newEnv(tb testing.TB, opts httpapi.Options) *env {
	tb.Helper()
	return newEnvWith(tb, opts, adminToken)
}

// newEnvWith is newEnv with another bootstrap token; the service and the handler share
// opts.SecretKey (a fresh one when empty), as in the server.
func newEnvWith(tb testing.TB, opts httpapi.Options, bootstrapToken string) *env {
	tb.Helper()
	if len(opts.SecretKey) == 0 {
		opts.SecretKey = make([]byte, 32)
		_, _ = rand.Read(opts.SecretKey)
	}
	e := &env{tb: tb, ctx: context.Background(), clock: &fakeClock{now: t0}, logs: &syncBuffer{}, hits: map[string]bool{},
		secretKey: opts.SecretKey}
	store, err := sqlite.Open(e.ctx, filepath.Join(tb.TempDir(), "platform.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = store.Close() })
	e.store = store
	e.svc = service.New(store, service.Options{Now: e.clock.Now, ClusterDelay: time.Second, SecretKey: opts.SecretKey,
		GitHubWebhookSecret: []byte(testWebhookSecret)})
	if _, err := e.svc.Bootstrap(e.ctx, "admin@localhost", bootstrapToken); err != nil {
		tb.Fatal(err)
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewJSONHandler(e.logs, nil))
	}
	e.h = httpapi.New(e.svc, store, opts)
	return e
}

// response is a recorded answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r *response) String() string {
	return fmt.Sprintf("%d %s", r.Status, r.Body)
}

// JSON decodes the body into a generic object.
func (r *response) JSON(tb testing.TB) map[string]any {
	tb.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.Body, &m); err != nil {
		tb.Fatalf("body is not a JSON object: %v: %s", err, r.Body)
	}
	return m
}

// Err returns the error envelope's "error" object (failing when there is none).
func (r *response) Err(tb testing.TB) map[string]any {
	tb.Helper()
	e, ok := r.JSON(tb)["error"].(map[string]any)
	if !ok {
		tb.Fatalf("no error envelope: %s", r)
	}
	return e
}

// req describes one request; Body may be a string (sent as is) or any value (sent as JSON).
type req struct {
	Method, Path, Token string
	Body                any
	Header              map[string]string
}

func (e *env) do(q req) *response {
	e.tb.Helper()
	var body io.Reader
	switch b := q.Body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.tb.Fatal(err)
		}
		body = bytes.NewReader(buf)
	}
	r := httptest.NewRequest(q.Method, q.Path, body)
	r.RemoteAddr = "192.0.2.1:1234"
	if q.Token != "" {
		r.Header.Set("Authorization", "Bearer "+q.Token)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range q.Header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	_, pattern := routeMux.Handler(r)
	e.h.ServeHTTP(w, r)
	if w.Code < 300 && pattern != "" {
		e.mu.Lock()
		e.hits[pattern] = true
		e.mu.Unlock()
	}
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	out := &response{Status: res.StatusCode, Header: res.Header, Body: b}
	if out.Header.Get("X-Request-Id") == "" {
		e.tb.Errorf("%s %s: no X-Request-Id", q.Method, q.Path)
	}
	return out
}

// must sends q and fails unless the status is want; it returns the decoded object.
func (e *env) must(want int, q req) map[string]any {
	e.tb.Helper()
	r := e.do(q)
	if r.Status != want {
		e.tb.Fatalf("%s %s: got %s, want status %d", q.Method, q.Path, r, want)
	}
	if len(r.Body) == 0 {
		return nil
	}
	return r.JSON(e.tb)
}

// token mints a user token for email through the admin endpoint.
func (e *env) token(email string) string {
	e.tb.Helper()
	m := e.must(201, req{Method: "POST", Path: "/v1/admin/users/" + email + "/tokens", Token: adminToken,
		Body: map[string]any{"name": "test"}})
	return m["secret"].(string)
}

// uniq returns a fresh slug-safe suffix.
func (e *env) uniq(prefix string) string { return fmt.Sprintf("%s-%d", prefix, e.n.Add(1)) }

// workspace creates a workspace owned by token's user and returns its slug.
func (e *env) workspace(token, plan string) string {
	e.tb.Helper()
	slug := e.uniq("ws")
	body := map[string]any{"slug": slug, "name": "Workspace " + slug}
	if plan != "" {
		body["plan"] = plan
	}
	e.must(201, req{Method: "POST", Path: "/v1/workspaces", Token: token, Body: body})
	return slug
}

// assertError checks the envelope: status, code, request id, and (when field != "") a detail
// naming field. It returns the error object.
func assertError(tb testing.TB, r *response, status int, code, field string) map[string]any {
	tb.Helper()
	if r.Status != status {
		tb.Fatalf("got %s, want status %d (%s)", r, status, code)
	}
	e := r.Err(tb)
	if e["code"] != code {
		tb.Fatalf("got code %v, want %s: %s", e["code"], code, r)
	}
	if e["request_id"] != r.Header.Get("X-Request-Id") || !strings.HasPrefix(r.Header.Get("X-Request-Id"), "req_") {
		tb.Fatalf("request_id %v does not match X-Request-Id %q", e["request_id"], r.Header.Get("X-Request-Id"))
	}
	if _, ok := e["details"].([]any); !ok {
		tb.Fatalf("details is not an array: %s", r)
	}
	if field != "" && !hasDetail(e, field) {
		tb.Fatalf("no detail for field %q: %s", field, r)
	}
	return e
}

func hasDetail(e map[string]any, field string) bool {
	details, _ := e["details"].([]any)
	for _, d := range details {
		if m, ok := d.(map[string]any); ok && m["field"] == field {
			return true
		}
	}
	return false
}

// detailFields lists the fields of an error's details, in order.
func detailFields(e map[string]any) []string {
	var out []string
	details, _ := e["details"].([]any)
	for _, d := range details {
		if m, ok := d.(map[string]any); ok {
			f, _ := m["field"].(string)
			out = append(out, f)
		}
	}
	return out
}

func items(tb testing.TB, m map[string]any) []any {
	tb.Helper()
	it, ok := m["items"].([]any)
	if !ok {
		tb.Fatalf("no items array: %v", m)
	}
	if _, ok := m["next_page_token"].(string); !ok {
		tb.Fatalf("no next_page_token string: %v", m)
	}
	return it
}

func nodePools() []map[string]any {
	return []map[string]any{{"name": "default", "machine_type": "m5.large", "min_nodes": 1, "max_nodes": 3}}
}

func decodeJSON(res *http.Response, v any) error {
	defer func() { _ = res.Body.Close() }()
	return json.NewDecoder(res.Body).Decode(v)
}
