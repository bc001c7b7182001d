package httpapi_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// FuzzRequestDecoding sends arbitrary method, path, one extra header and body through the
// handler with a valid token: whatever arrives, the answer is never a 5xx (a panic would be
// recovered into a 500, so this also proves there is none). The seeds run in every go test.
func FuzzRequestDecoding(f *testing.F) {
	e := newEnv(f, httpapi.Options{MaxBodyBytes: 64 << 10})
	owner := e.token("owner@example.com")
	ws := "fuzz"
	e.must(201, req{Method: "POST", Path: "/v1/workspaces", Token: owner, Body: map[string]any{"slug": ws, "name": "Fuzz", "plan": "enterprise"}})
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/fuzz/projects", Token: owner, Body: map[string]any{"slug": "web", "name": "Web"}})
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/fuzz/regions", Token: owner, Body: map[string]any{"name": "eu-west"}})
	key := e.must(201, req{Method: "POST", Path: "/v1/workspaces/fuzz/api-keys", Token: owner, Body: map[string]any{"name": "k", "access": "read_write"}})
	keyPath := "/v1/workspaces/fuzz/api-keys/" + key["id"].(string)

	for _, s := range []struct {
		method, path, hname, hval, body string
	}{
		{"GET", "/v1/me", "", "", ""},
		{"POST", "/v1/workspaces/fuzz/projects", "Idempotency-Key", "seed-1", `{"slug":"a-b","name":"A"}`},
		{"POST", "/v1/workspaces/fuzz/projects?validate_only=true", "", "", `{"slug":"x","name":1}`},
		{"POST", "/v1/workspaces/fuzz/projects", "", "", `{"slug":"a-b","name":"A","extra":{}}`},
		{"POST", "/v1/workspaces/fuzz/projects", "", "", `{"slug":"a-b",`},
		{"POST", "/v1/workspaces/fuzz/projects", "", "", "\x00\xff{"},
		{"PATCH", "/v1/workspaces/fuzz/projects/web?validate_only=true", "If-Match", `W/"1"`, `{"name":null}`},
		{"PATCH", "/v1/workspaces/fuzz/projects/web", "If-Match", `"x"`, `{}`},
		{"PATCH", "/v1/workspaces/fuzz", "", "", `{"settings":{"k":"v","":""},"plan":"gold"}`},
		{"DELETE", "/v1/workspaces/fuzz?force=maybe&validate_only=true", "", "", ""},
		{"DELETE", "/v1/workspaces/fuzz/regions/eu-west?validate_only=true", "If-Match", "*", ""},
		{"GET", "/v1/workspaces/fuzz/projects?page_size=3&page_token=AAAA", "", "", ""},
		{"GET", "/v1/workspaces/fuzz/projects?page_size=-1", "", "", ""},
		{"GET", "/v1/workspaces/%2e%2e/projects", "", "", ""},
		{"GET", "/v1/workspaces/fuzz/members/a%40b%2Fc", "", "", ""},
		{"POST", "/v1/workspaces/fuzz/clusters?validate_only=true", "", "",
			`{"name":"c1","cloud":"aws","location":"eu-central-1","kubernetes_version":"1.30","node_pools":[{"name":"a","machine_type":"m5","min_nodes":9223372036854775807,"max_nodes":-1}]}`},
		{"POST", "/v1/workspaces/fuzz/clusters", "", "", `{"node_pools":[{"name":"a","min_nodes":1e999}]}`},
		{"POST", keyPath + "/rotate?validate_only=true", "", "", ``},
		{"POST", keyPath + "/rotate", "", "", `{"grace_period_seconds":-5}`},
		{"POST", "/v1/workspaces/fuzz/api-keys?validate_only=true", "", "", `{"name":"k","access":"read_only","expires_at":"0000-01-01T00:00:00+01:00"}`},
		{"POST", "/v1/me/tokens?validate_only=true", "", "", `{"name":"t","expires_at":"9999-12-31T23:59:59-23:59"}`},
		{"POST", "/v1/admin/users/not-an-email/tokens", "", "", ``},
		{"POST", "/v1/workspaces/fuzz/members?validate_only=true", "", "", `{"email":"x@example.com","role":"role_zzzzzzzzzzzzzzzz"}`},
		{"POST", "/v1/workspaces/fuzz/roles?validate_only=true", "", "", `{"name":"r-1","permissions":["workspace.read","nope"]}`},
		{"POST", "/v1/workspaces/fuzz/transfer-ownership?validate_only=true", "", "", `{"user_id":"usr_x","email":"y@z"}`},
		{"GET", "/v1/workspaces/fuzz/projects/web/access/" + strings.Repeat("a", 600), "", "", ""},
		{"GET", "/v1/operations/op_" + strings.Repeat("z", 16), "", "", ""},
		{"PUT", "/v1/me", "", "", "{}"},
		{"GET", "/v1/me", "Authorization", "Bearer ", ""},
		{"POST", "/v1/organizations", "Idempotency-Key", "", `{"slug":"org-1","name":"O"}`},
		{"GET", "/v1/workspaces/fuzz/audit-events?page_size=200&page_size=1", "", "", ""},
	} {
		f.Add(s.method, s.path, s.hname, s.hval, []byte(s.body))
	}

	f.Fuzz(func(t *testing.T, method, path, hname, hval string, body []byte) {
		if !isToken(method) || !strings.HasPrefix(path, "/") {
			t.Skip()
		}
		u, err := url.ParseRequestURI(path)
		if err != nil {
			t.Skip()
		}
		r := (&http.Request{
			Method: method, URL: u, RequestURI: path, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header: http.Header{}, Host: "example.com", RemoteAddr: "192.0.2.7:4321",
			Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)),
		}).WithContext(context.Background())
		r.Header.Set("Authorization", "Bearer "+owner)
		if isToken(hname) && isFieldValue(hval) {
			r.Header.Set(hname, hval)
		}
		w := httptest.NewRecorder()
		e.h.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %q (%s: %q) %q: got %d %s", method, path, hname, hval, body, w.Code, w.Body)
		}
		if w.Header().Get("X-Request-Id") == "" {
			t.Fatalf("no X-Request-Id")
		}
	})
}

// isToken: an HTTP token (RFC 9110 tchar), as methods and header names must be.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// isFieldValue: what net/http would let through as a header value.
func isFieldValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
