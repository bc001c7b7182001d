package httpapi_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// TestErrorCodes produces every error code of docs/platform.md section 7 over HTTP and checks its
// status and envelope.
func TestErrorCodes(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	owner := e.token("owner@example.com")
	viewer := e.token("viewer@example.com")
	ws := e.workspace(owner, "")
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/members", Token: owner,
		Body: map[string]any{"email": "viewer@example.com", "role": "viewer"}})

	t.Run("invalid_argument", func(t *testing.T) {
		r := e.do(req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: owner,
			Body: map[string]any{"slug": "Not A Slug", "name": ""}})
		er := assertError(t, r, 400, "invalid_argument", "slug")
		if !hasDetail(er, "name") {
			t.Fatalf("every bad field is reported: %s", r)
		}
	})

	t.Run("unauthenticated", func(t *testing.T) {
		for name, h := range map[string]string{
			"no header":    "",
			"basic":        "Basic YWxhZGRpbjpvcGVuc2VzYW1l",
			"empty bearer": "Bearer ",
			"bad token":    "Bearer pt_not-a-real-token",
			"two tokens":   "Bearer a b",
		} {
			hdr := map[string]string{}
			if h != "" {
				hdr["Authorization"] = h
			}
			r := e.do(req{Method: "GET", Path: "/v1/me", Header: hdr})
			assertError(t, r, 401, "unauthenticated", "")
			if r.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: no WWW-Authenticate", name)
			}
		}
		// An expired API key says so.
		key := e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/api-keys", Token: owner,
			Body: map[string]any{"name": "short-lived", "access": "read_only", "expires_at": e.clock.Now().Add(time.Hour)}})
		e.must(200, req{Method: "GET", Path: "/v1/me", Token: key["secret"].(string)})
		e.clock.Advance(2 * time.Hour)
		r := e.do(req{Method: "GET", Path: "/v1/me", Token: key["secret"].(string)})
		if er := assertError(t, r, 401, "unauthenticated", ""); er["message"] != "api key expired" {
			t.Fatalf("expired key: %s", r)
		}
		if strings.Contains(string(r.Body), key["secret"].(string)) {
			t.Fatal("the secret is echoed")
		}
	})

	t.Run("permission_denied", func(t *testing.T) {
		r := e.do(req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: viewer,
			Body: map[string]any{"slug": "nope", "name": "Nope"}})
		if er := assertError(t, r, 403, "permission_denied", ""); !strings.Contains(er["message"].(string), "projects.create") {
			t.Fatalf("the missing permission is not named: %s", r)
		}
	})

	t.Run("not_found", func(t *testing.T) {
		assertError(t, e.do(req{Method: "GET", Path: "/v1/workspaces/no-such-ws", Token: owner}), 404, "not_found", "")
		assertError(t, e.do(req{Method: "GET", Path: "/v1/no/such/endpoint", Token: owner}), 404, "not_found", "")
		assertError(t, e.do(req{Method: "PUT", Path: "/v1/me", Token: owner}), 404, "not_found", "")
		assertError(t, e.do(req{Method: "GET", Path: "/v1/operations/op_doesnotexist", Token: owner}), 404, "not_found", "")
	})

	t.Run("already_exists", func(t *testing.T) {
		body := map[string]any{"slug": "dup", "name": "Dup"}
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: owner, Body: body})
		assertError(t, e.do(req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: owner, Body: body}), 409, "already_exists", "")
	})

	t.Run("quota_exceeded", func(t *testing.T) {
		for i := 0; ; i++ {
			r := e.do(req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: owner,
				Body: map[string]any{"slug": e.uniq("q"), "name": "Q"}})
			if r.Status == 201 && i < 5 {
				continue
			}
			if er := assertError(t, r, 409, "quota_exceeded", ""); !strings.Contains(er["message"].(string), "free") {
				t.Fatalf("quota message names no plan: %s", r)
			}
			break
		}
	})

	t.Run("failed_precondition", func(t *testing.T) {
		r := e.do(req{Method: "DELETE", Path: "/v1/workspaces/" + ws, Token: owner})
		if er := assertError(t, r, 409, "failed_precondition", ""); !strings.Contains(er["message"].(string), "projects") {
			t.Fatalf("non-empty workspace: %s", r)
		}
	})

	t.Run("aborted", func(t *testing.T) {
		path := "/v1/workspaces/" + ws + "/projects/dup"
		r := e.do(req{Method: "GET", Path: path, Token: owner})
		if r.Header.Get("ETag") != `"1"` {
			t.Fatalf("ETag: %v", r.Header)
		}
		r = e.do(req{Method: "PATCH", Path: path, Token: owner, Body: map[string]any{"name": "x"}, Header: map[string]string{"If-Match": `"7"`}})
		assertError(t, r, 412, "aborted", "")
		r = e.do(req{Method: "DELETE", Path: path, Token: owner, Header: map[string]string{"If-Match": `"7"`}})
		assertError(t, r, 412, "aborted", "")
	})

	t.Run("idempotency_mismatch", func(t *testing.T) {
		hdr := map[string]string{"Idempotency-Key": "mismatch-1"}
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/regions", Token: owner, Header: hdr, Body: map[string]any{"name": "one"}})
		r := e.do(req{Method: "POST", Path: "/v1/workspaces/" + ws + "/regions", Token: owner, Header: hdr, Body: map[string]any{"name": "two"}})
		assertError(t, r, 422, "idempotency_mismatch", "")
	})

	t.Run("rate_limited", func(t *testing.T) {
		rl := newEnv(t, httpapi.Options{RateLimit: 0.5, RateBurst: 2})
		tok := rl.token("x@example.com") // the admin's bucket, not x's
		for range 2 {
			rl.must(200, req{Method: "GET", Path: "/v1/me", Token: tok})
		}
		r := rl.do(req{Method: "GET", Path: "/v1/me", Token: tok})
		assertError(t, r, 429, "rate_limited", "")
		secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
		if err != nil || secs < 1 || secs > 2 {
			t.Fatalf("Retry-After %q: want whole seconds >= 1", r.Header.Get("Retry-After"))
		}
		// Another caller has its own bucket; health checks are never limited.
		other := rl.token("y@example.com")
		rl.must(200, req{Method: "GET", Path: "/v1/me", Token: other})
		for range 5 {
			rl.must(200, req{Method: "GET", Path: "/healthz"})
		}
		// Failed authentication is limited by address, so guessing is throttled too.
		var last *response
		for range 3 {
			last = rl.do(req{Method: "GET", Path: "/v1/me", Token: "guess-guess-guess"})
		}
		assertError(t, last, 429, "rate_limited", "")
	})

	t.Run("internal", func(t *testing.T) {
		ie := newEnv(t, httpapi.Options{})
		tok := ie.token("z@example.com")
		if err := ie.store.Close(); err != nil {
			t.Fatal(err)
		}
		for _, q := range []req{
			{Method: "GET", Path: "/v1/me", Token: tok},
			{Method: "POST", Path: "/v1/workspaces", Token: adminToken, Body: map[string]any{"slug": "abc", "name": "A"},
				Header: map[string]string{"Idempotency-Key": "k1"}},
		} {
			r := ie.do(q)
			er := assertError(t, r, 500, "internal", "")
			if er["message"] != "internal error" {
				t.Fatalf("internal message: %s", r)
			}
			for _, leak := range []string{"sql", "database", "closed", "sqlite"} {
				if strings.Contains(strings.ToLower(string(r.Body)), leak) {
					t.Fatalf("internal detail %q leaks: %s", leak, r)
				}
			}
		}
		if !strings.Contains(ie.logs.String(), "closed") {
			t.Fatalf("the real error is not logged: %s", ie.logs.String())
		}
	})

	t.Run("panic", func(t *testing.T) {
		// A handler on a nil service panics on first use: the request gets a 500, not a crash.
		h := httpapi.New(nil, nil, httpapi.Options{})
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/v1/me", nil)
		r.Header.Set("Authorization", "Bearer whatever-token")
		h.ServeHTTP(w, r)
		res := &response{Status: w.Code, Header: w.Result().Header, Body: w.Body.Bytes()}
		assertError(t, res, 500, "internal", "")
	})
}

// TestRequestIDs: every answer carries a fresh X-Request-Id, errors also in their body.
func TestRequestIDs(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	seen := map[string]bool{}
	for _, q := range []req{
		{Method: "GET", Path: "/healthz"},
		{Method: "GET", Path: "/v1/me", Token: adminToken},
		{Method: "GET", Path: "/v1/me"},
		{Method: "GET", Path: "/nowhere"},
	} {
		r := e.do(q)
		id := r.Header.Get("X-Request-Id")
		if !strings.HasPrefix(id, "req_") || seen[id] {
			t.Fatalf("request id %q", id)
		}
		seen[id] = true
		if r.Status >= 400 && r.Err(t)["request_id"] != id {
			t.Fatalf("body request_id differs from header: %s", r)
		}
	}
}

// TestAccessLog: one line per request with what operators need and never a credential.
func TestAccessLog(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	tok := e.token("log@example.com")
	r := e.do(req{Method: "GET", Path: "/v1/me?x=1", Token: tok})
	id := r.Header.Get("X-Request-Id")
	var line map[string]any
	for _, l := range strings.Split(strings.TrimSpace(e.logs.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		if m["request_id"] == id {
			line = m
		}
	}
	if line == nil {
		t.Fatalf("no access log line for %s: %s", id, e.logs.String())
	}
	userID := r.JSON(t)["user_id"]
	if line["method"] != "GET" || line["path"] != "/v1/me" || line["status"] != float64(http.StatusOK) ||
		line["caller"] != userID || line["duration"] == nil {
		t.Fatalf("access log line: %v", line)
	}
	for _, secret := range []string{tok, adminToken, "Bearer"} {
		if strings.Contains(e.logs.String(), secret) {
			t.Fatalf("the log holds a credential: %s", e.logs.String())
		}
	}
}
