package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseEndpoint(t *testing.T) {
	good := map[string]string{
		"https://platform.example.com":           "https://platform.example.com",
		"https://platform.example.com/":          "https://platform.example.com",
		"http://127.0.0.1:8080/v1":               "http://127.0.0.1:8080",
		"http://127.0.0.1:8080/v1/":              "http://127.0.0.1:8080",
		" https://h.example/base/ ":              "https://h.example/base",
		"https://h.example/base/v1":              "https://h.example/base",
		"https://[::1]:8443":                     "https://[::1]:8443",
		"HTTPS://Platform.Example.com/Prefix/v1": "https://Platform.Example.com/Prefix",
	}
	for in, want := range good {
		u, err := parseEndpoint(in)
		if err != nil {
			t.Errorf("parseEndpoint(%q): %v", in, err)
			continue
		}
		if u.String() != want {
			t.Errorf("parseEndpoint(%q) = %q, want %q", in, u.String(), want)
		}
	}
	bad := map[string]string{
		"":                            "endpoint is required",
		"platform.example.com":        "scheme must be http or https",
		"ftp://h.example":             "scheme must be http or https",
		"https://":                    "no host",
		"https://:8080":               "no host",
		"https://u:hunter2@h.example": "must not contain user info",
		"https://h.example/?a=b":      "query or fragment",
		"https://h.example/#x":        "query or fragment",
		"https://h example":           "not a valid URL",
	}
	for in, want := range bad {
		_, err := parseEndpoint(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseEndpoint(%q) = %v, want error containing %q", in, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("parseEndpoint error leaks user info: %v", err)
		}
	}
}

func TestNewValidatesConfig(t *testing.T) {
	const tok = "pt_secretsecretsecretsecret_abcdef"
	cases := []struct {
		cfg  Config
		want string
	}{
		{Config{Endpoint: "http://h", Token: ""}, "token is required"},
		{Config{Endpoint: "http://h", Token: tok + "\n"}, "whitespace or control"},
		{Config{Endpoint: "http://h", Token: tok, RetryWaitMin: time.Second, RetryWaitMax: time.Millisecond}, "retry_wait_min"},
		{Config{Endpoint: "http://h", Token: tok, MaxRetryAfter: -time.Second}, "negative"},
		{Config{Endpoint: "h", Token: tok}, "scheme"},
	}
	for _, tc := range cases {
		_, err := New(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%+v) = %v, want error containing %q", tc.cfg.Endpoint, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "secretsecret") {
			t.Errorf("error leaks the token: %v", err)
		}
	}
	c, err := New(Config{Endpoint: "http://h", Token: tok})
	if err != nil {
		t.Fatal(err)
	}
	if c.userAgent != "terraform-provider-platform/"+Version || c.http.RetryMax != DefaultMaxRetries ||
		c.maxRetryAfter != DefaultMaxRetryAfter || c.http.HTTPClient.Timeout != DefaultRequestTimeout {
		t.Errorf("defaults not applied: ua=%q retries=%d maxRetryAfter=%s timeout=%s",
			c.userAgent, c.http.RetryMax, c.maxRetryAfter, c.http.HTTPClient.Timeout)
	}
	base := &http.Client{Timeout: time.Hour}
	c, err = New(Config{Endpoint: "http://h", Token: tok, HTTPClient: base, MaxRetries: -1, RequestTimeout: -1})
	if err != nil {
		t.Fatal(err)
	}
	if c.http.RetryMax != 0 || base.CheckRedirect != nil || c.http.HTTPClient == base {
		t.Errorf("MaxRetries -1 must disable retries and the base client must not be modified")
	}
}

func TestPathEscapesSegments(t *testing.T) {
	p, err := path("workspaces", seg{"workspace", "acme"}, "members", seg{"member", "a+b/c d@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "/v1/workspaces/acme/members/a+b%2Fc%20d@example.com"; p != want {
		t.Errorf("path = %q, want %q", p, want)
	}
	for _, bad := range []string{"", " ", ".", ".."} {
		if _, err := path("workspaces", seg{"workspace", bad}); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("path with %q: err = %v, want ErrInvalidArgument", bad, err)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"1", time.Second, true},
		{" 120 ", 2 * time.Minute, true},
		{"-5", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{"99999999999999999999", 0, false},
		{"9999999999", 24 * time.Hour, true},
	}
	for _, tc := range cases {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %s, %v; want %s, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestBackoff(t *testing.T) {
	c := &Client{maxRetryAfter: 3 * time.Second}
	minW, maxW := 100*time.Millisecond, 2*time.Second
	for attempt := range 40 {
		for range 50 {
			d := c.backoff(minW, maxW, attempt, nil)
			if d < minW || d > maxW {
				t.Fatalf("attempt %d: backoff %s outside [%s, %s]", attempt, d, minW, maxW)
			}
			if ceiling := minW << (attempt + 1); attempt < 4 && d > ceiling {
				t.Fatalf("attempt %d: backoff %s above exponential ceiling %s", attempt, d, ceiling)
			}
		}
	}
	resp := &http.Response{Header: http.Header{"Retry-After": {"2"}}}
	if d := c.backoff(minW, maxW, 0, resp); d != 2*time.Second {
		t.Errorf("Retry-After 2: backoff %s", d)
	}
	resp.Header.Set("Retry-After", "3600")
	if d := c.backoff(minW, maxW, 0, resp); d != 3*time.Second {
		t.Errorf("Retry-After 3600 must be capped at MaxRetryAfter: backoff %s", d)
	}
	resp.Header.Set("Retry-After", time.Now().Add(time.Hour).UTC().Format(http.TimeFormat))
	if d := c.backoff(minW, maxW, 0, resp); d != 3*time.Second {
		t.Errorf("Retry-After date must be capped at MaxRetryAfter: backoff %s", d)
	}
}

func TestCheckRetryPolicy(t *testing.T) {
	c := &Client{logger: nopLogger{}}
	ctx := context.Background()
	for code, want := range map[int]bool{200: false, 201: false, 400: false, 401: false, 403: false, 404: false,
		409: false, 412: false, 422: false, 429: true, 500: false, 501: false, 502: true, 503: true, 504: true} {
		got, err := c.checkRetry(ctx, &http.Response{StatusCode: code, Header: http.Header{}}, nil)
		if got != want || err != nil {
			t.Errorf("status %d: retry = %v, %v; want %v", code, got, err, want)
		}
	}
	if got, _ := c.checkRetry(ctx, nil, errors.New("connection reset by peer")); !got {
		t.Error("connection errors must be retried")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if got, err := c.checkRetry(cancelled, &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{}}, nil); got || !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled context: retry = %v, %v", got, err)
	}
	if got, err := c.checkRetry(cancelled, &http.Response{StatusCode: http.StatusNotFound, Header: http.Header{}}, nil); got || err != nil {
		t.Errorf("a final answer after cancellation is still the answer: %v, %v", got, err)
	}
}

func TestSecretNeverFormats(t *testing.T) {
	k := CreatedAPIKey{APIKey: APIKey{ID: "key_1"}, Secret: "pk_topsecret_abcdef"}
	for _, s := range []string{
		fmt.Sprint(k), fmt.Sprintf("%v %+v %#v %s %q", k, k, k, k.Secret, k.Secret), fmt.Sprintf("%v", &k),
	} {
		if strings.Contains(s, "topsecret") {
			t.Errorf("secret printed: %s", s)
		}
	}
	var b strings.Builder
	slog.New(slog.NewTextHandler(&b, nil)).Info("x", "secret", k.Secret, "key", k)
	if strings.Contains(b.String(), "topsecret") {
		t.Errorf("secret logged by slog: %s", b.String())
	}
	if k.Secret.Reveal() != "pk_topsecret_abcdef" {
		t.Error("Reveal must return the value")
	}
}

func TestScrub(t *testing.T) {
	c := &Client{token: "my-operator-chosen-bootstrap-token"}
	body := []byte("<html>echo: Bearer my-operator-chosen-bootstrap-token and pk_0123456789abcdefghijABCDEFGHIJ_a1b2c3 " + strings.Repeat("x", 500))
	s := c.scrub(body, 200)
	if strings.Contains(s, "bootstrap-token") || strings.Contains(s, "0123456789abcdefghij") || len(s) > 210 {
		t.Errorf("scrub = %q", s)
	}
}

func TestInProgressConflictIsRetried(t *testing.T) {
	c := &Client{logger: nopLogger{}}
	post := &http.Request{Header: http.Header{"Idempotency-Key": {"k"}}}
	inProgress := &http.Response{StatusCode: http.StatusConflict, Header: http.Header{"Retry-After": {"1"}}, Request: post}
	if ok, err := c.checkRetry(context.Background(), inProgress, nil); !ok || err != nil {
		t.Errorf("409 with Retry-After on an idempotent POST must be retried: %v %v", ok, err)
	}
	final := &http.Response{StatusCode: http.StatusConflict, Header: http.Header{}, Request: post}
	if ok, _ := c.checkRetry(context.Background(), final, nil); ok {
		t.Error("a plain 409 is final")
	}
	noKey := &http.Response{StatusCode: http.StatusConflict, Header: http.Header{"Retry-After": {"1"}}, Request: &http.Request{Header: http.Header{}}}
	if ok, _ := c.checkRetry(context.Background(), noKey, nil); ok {
		t.Error("a 409 without an idempotency key is final")
	}
}
