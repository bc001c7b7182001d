package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// rateHeaders are the four rate-limit headers of an answer, in a fixed order.
func rateHeaders(h http.Header) [4]string {
	return [4]string{h.Get("RateLimit-Limit"), h.Get("RateLimit-Remaining"), h.Get("RateLimit-Reset"), h.Get("RateLimit-Policy")}
}

// Every answer of a limited request advertises the caller's bucket: successes, errors,
// idempotent replays and the 429 itself.
func TestRateLimitHeadersOnEveryAnswer(t *testing.T) {
	// 0.01/s: the bucket refills one request in 100 s, so nothing refills during the test.
	e := newEnv(t, httpapi.Options{RateLimit: 0.01, RateBurst: 5})
	tok := e.token("x@example.com") // minted with the administrator's bucket, not x's
	ws := e.workspace(adminToken, "pro")
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/members", Token: adminToken,
		Body: map[string]any{"email": "x@example.com", "role": "admin"}})
	region := req{Method: "POST", Path: "/v1/workspaces/" + ws + "/regions", Token: tok,
		Header: map[string]string{"Idempotency-Key": "headers-1"}, Body: map[string]any{"name": "europe"}}
	for i, c := range []struct {
		q      req
		status int
		want   [4]string
	}{
		// Reset: the whole seconds until the bucket is full again (100 s per request taken).
		{req{Method: "GET", Path: "/v1/me", Token: tok}, 200, [4]string{"5", "4", "100", "5;w=500"}},
		{req{Method: "GET", Path: "/v1/workspaces/none", Token: tok}, 404, [4]string{"5", "3", "200", "5;w=500"}},
		{region, 201, [4]string{"5", "2", "300", "5;w=500"}},
		{region, 201, [4]string{"5", "1", "400", "5;w=500"}}, // the replay
		{req{Method: "GET", Path: "/v1/me", Token: tok}, 200, [4]string{"5", "0", "500", "5;w=500"}},
		{req{Method: "GET", Path: "/v1/me", Token: tok}, 429, [4]string{"5", "0", "500", "5;w=500"}},
		// Failed authentication: the bucket of the client's address.
		{req{Method: "GET", Path: "/v1/me", Token: "guess-guess-guess"}, 401, [4]string{"5", "4", "100", "5;w=500"}},
	} {
		r := e.do(c.q)
		if r.Status != c.status {
			t.Fatalf("request %d: %s, want status %d", i, r, c.status)
		}
		if got := rateHeaders(r.Header); got != c.want {
			t.Errorf("request %d (%d): rate-limit headers %q, want %q", i, r.Status, got, c.want)
		}
	}
}

// The policy's quota per window is the refill rate: the bucket size per the time an empty
// bucket takes to fill when that is whole seconds, else the rate over a whole window.
func TestRateLimitPolicy(t *testing.T) {
	for _, c := range []struct {
		rate  float64
		burst int
		want  string
	}{
		{50, 100, "100;w=2"},
		{30, 30, "30;w=1"},
		{0.01, 5, "5;w=500"},
		{3, 10, "3;w=1"},
		{2.5, 10, "10;w=4"},
		{2.5, 4, "5;w=2"},
		{100, 10, "100;w=1"},
		{1.0 / 7, 3, "3;w=21"},
		{0.3333, 1, "19;w=60"},
	} {
		e := newEnv(t, httpapi.Options{RateLimit: c.rate, RateBurst: c.burst})
		if got := e.do(req{Method: "GET", Path: "/v1/me", Token: adminToken}).Header.Get("RateLimit-Policy"); got != c.want {
			t.Errorf("rate %v burst %d: RateLimit-Policy %q, want %q", c.rate, c.burst, got, c.want)
		}
	}
}

// Without a limit, and on the never-limited health check, no rate-limit header is sent.
func TestRateLimitHeadersAbsentWhenUnlimited(t *testing.T) {
	for name, q := range map[string]struct {
		opts httpapi.Options
		q    req
	}{
		"no limit": {httpapi.Options{}, req{Method: "GET", Path: "/v1/me", Token: adminToken}},
		"healthz":  {httpapi.Options{RateLimit: 1, RateBurst: 1}, req{Method: "GET", Path: "/healthz"}},
	} {
		r := newEnv(t, q.opts).do(q.q)
		if got := rateHeaders(r.Header); got != [4]string{} {
			t.Errorf("%s: rate-limit headers %q, want none", name, got)
		}
	}
}
