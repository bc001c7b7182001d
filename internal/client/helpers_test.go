package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

// captureLogger keeps every line the client logs, so tests can grep them for secrets.
type captureLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *captureLogger) add(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf("%s %s %v", level, msg, fields))
}

func (l *captureLogger) Debug(_ context.Context, msg string, f map[string]any) {
	l.add("DEBUG", msg, f)
}
func (l *captureLogger) Info(_ context.Context, msg string, f map[string]any) { l.add("INFO", msg, f) }
func (l *captureLogger) Warn(_ context.Context, msg string, f map[string]any) { l.add("WARN", msg, f) }

func (l *captureLogger) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

func (l *captureLogger) count(substr string) int {
	n := 0
	for _, line := range l.all() {
		if strings.Contains(line, substr) {
			n++
		}
	}
	return n
}

// fault is what the injecting transport does with one attempt.
type fault int

const (
	pass      fault = iota
	answer503       // a synthetic 503, the server is not reached
	answer429       // a synthetic 429 with Retry-After
	answer502
	answer504
	answer500
	dropAfterCommit // forward to the server, let it commit, then lose the answer
	refuse          // a connection error before the server is reached
)

var faultNames = map[fault]string{pass: "pass", answer503: "503", answer429: "429", answer502: "502", answer504: "504",
	answer500: "500", dropAfterCommit: "drop", refuse: "refuse"}

// faultyTransport sits between the client and the real server and injects failures.
type faultyTransport struct {
	next http.RoundTripper
	// decide picks the fault for an attempt; nil means pass.
	decide func(req *http.Request) fault
	// retryAfter is the Retry-After value of synthetic 429s (default "1").
	retryAfter string

	attempts atomic.Int64
	replays  atomic.Int64
	mu       sync.Mutex
	stats    map[fault]int
	byPath   map[string]int
}

func newFaultyTransport(next http.RoundTripper, decide func(*http.Request) fault) *faultyTransport {
	return &faultyTransport{next: next, decide: decide, retryAfter: "1", stats: map[fault]int{}, byPath: map[string]int{}}
}

// randomFaults injects each fault with its probability; the rest pass. A fixed seed keeps
// runs comparable; the mutex makes the generator safe for concurrent attempts.
func randomFaults(seed uint64, probs map[fault]float64, methods ...string) func(*http.Request) fault {
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	order := []fault{answer503, answer429, answer502, answer504, dropAfterCommit, refuse}
	return func(req *http.Request) fault {
		if len(methods) > 0 && !contains(methods, req.Method) {
			return pass
		}
		mu.Lock()
		x := rng.Float64()
		mu.Unlock()
		for _, f := range order {
			if x < probs[f] {
				return f
			}
			x -= probs[f]
		}
		return pass
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func (ft *faultyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ft.attempts.Add(1)
	f := pass
	if ft.decide != nil {
		f = ft.decide(req)
	}
	ft.mu.Lock()
	ft.stats[f]++
	ft.byPath[req.Method+" "+req.URL.Path]++
	ft.mu.Unlock()

	switch f {
	case pass:
		resp, err := ft.next.RoundTrip(req)
		if err == nil && resp.Header.Get("Idempotent-Replayed") == "true" {
			ft.replays.Add(1)
		}
		return resp, err
	case dropAfterCommit:
		resp, err := ft.next.RoundTrip(req)
		if err != nil {
			return nil, err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		return nil, errors.New("faulty transport: connection reset after the server answered")
	case refuse:
		closeBody(req)
		return nil, errors.New("faulty transport: connection refused")
	}
	closeBody(req)
	status := map[fault]int{answer503: 503, answer429: 429, answer502: 502, answer504: 504, answer500: 500}[f]
	code := map[int]string{503: "unavailable", 429: "rate_limited", 502: "bad_gateway", 504: "gateway_timeout", 500: "internal"}[status]
	h := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req_fault"}}
	if f == answer429 {
		h.Set("Retry-After", ft.retryAfter)
	}
	body := fmt.Sprintf(`{"error":{"code":%q,"message":"injected %d","details":[],"request_id":"req_fault"}}`, code, status)
	return &http.Response{
		StatusCode: status, Status: strconv.Itoa(status) + " " + http.StatusText(status),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h,
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Request: req,
	}, nil
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
}

func (ft *faultyTransport) count(f fault) int {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	return ft.stats[f]
}

func (ft *faultyTransport) String() string {
	ft.mu.Lock()
	defer ft.mu.Unlock()
	var parts []string
	for f := pass; f <= refuse; f++ {
		if n := ft.stats[f]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", faultNames[f], n))
		}
	}
	return fmt.Sprintf("attempts=%d replays=%d %s", ft.attempts.Load(), ft.replays.Load(), strings.Join(parts, " "))
}

// fastConfig keeps retries and polling quick so the package's tests stay fast.
func fastConfig(url, token string, logger client.Logger) client.Config {
	return client.Config{
		Endpoint: url, Token: token, Logger: logger,
		MaxRetries: 8, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		MaxRetryAfter: 10 * time.Millisecond, PollInterval: 10 * time.Millisecond, PollIntervalMax: 50 * time.Millisecond,
		RequestTimeout: 10 * time.Second,
	}
}

func newClient(t testing.TB, cfg client.Config) *client.Client {
	t.Helper()
	c, err := client.New(cfg)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}

// env is a running server with a user who owns a workspace.
type env struct {
	srv   *servertest.Instance
	token string // the owner's user token
	log   *captureLogger
	c     *client.Client // the owner's client, no faults
	ws    *client.Workspace
	owner string // the owner's e-mail
}

func setup(t testing.TB, plan client.Plan, opts ...servertest.Option) *env {
	t.Helper()
	srv := servertest.Start(t, opts...)
	e := &env{srv: srv, owner: "owner@example.com", log: &captureLogger{}}
	e.token = srv.UserToken(t, e.owner)
	e.c = newClient(t, fastConfig(srv.URL, e.token, e.log))
	ws, err := e.c.Workspaces.Create(ctx(t), client.WorkspaceCreateOptions{Slug: "acme", Name: "Acme"})
	if err != nil {
		t.Fatalf("create workspace: %v", err)
	}
	if plan != "" && plan != client.PlanFree {
		if ws, err = e.c.Workspaces.Update(ctx(t), "acme", client.WorkspaceUpdateOptions{Plan: &plan}); err != nil {
			t.Fatalf("upgrade workspace: %v", err)
		}
	}
	e.ws = ws
	return e
}

// clientFor returns a client for another user of the same server.
func (e *env) clientFor(t testing.TB, email string) *client.Client {
	t.Helper()
	return newClient(t, fastConfig(e.srv.URL, e.srv.UserToken(t, email), e.log))
}

// ctx is a test context with a generous deadline, so a hang fails instead of blocking.
func ctx(t testing.TB) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	return c
}

// must(v, err)(t) returns v or fails the test (Go cannot pass t alongside a multi-value call).
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return v
	}
}

func wantCode(t testing.TB, err error, sentinel error) *client.APIError {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("error = %v, want %v", err, sentinel)
	}
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v is not an *APIError", err)
	}
	return apiErr
}
