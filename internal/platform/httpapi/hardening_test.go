package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// TestBodyMustBeUTF8: a body that is not UTF-8 is refused, not stored with U+FFFD in place of
// what the client sent. Escapes that encode no character (a lone surrogate) are refused too.
func TestBodyMustBeUTF8(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "enterprise")
	base := "/v1/workspaces/" + ws
	for _, tc := range []struct{ name, method, path, body string }{
		{"member e-mail", "POST", "/members", "{\"email\":\"m\xfcller@example.com\",\"role\":\"viewer\"}"},
		{"project name", "POST", "/projects", "{\"slug\":\"mueller\",\"name\":\"M\xfcller\"}"},
		{"truncated sequence", "POST", "/projects", "{\"slug\":\"mueller\",\"name\":\"M\xc3\"}"},
		{"key", "POST", "/projects", "{\"slug\":\"mueller\",\"name\":\"M\",\"\xff\":1}"},
		{"overlong encoding", "POST", "/regions", "{\"name\":\"\xc0\xaf\"}"},
		{"encoded surrogate", "POST", "/regions", "{\"name\":\"\xed\xa0\x80\"}"},
		{"lone high surrogate escape", "POST", "/regions", `{"name":"a\ud800"}`},
		{"lone low surrogate escape", "POST", "/regions", `{"name":"\udc00b"}`},
		{"reversed surrogates", "POST", "/regions", `{"name":"\udc00\ud800"}`},
		{"patch", "PATCH", "", "{\"settings\":{\"k\":\"\xfc\"}}"},
		{"dry run", "POST", "/projects?validate_only=true", "{\"slug\":\"mueller\",\"name\":\"M\xfcller\"}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := e.do(req{Method: tc.method, Path: base + tc.path, Token: alice, Body: tc.body})
			er := assertError(t, r, 400, "invalid_argument", "body")
			if d := er["details"].([]any)[0].(map[string]any); !strings.Contains(d["reason"].(string), "UTF-8") {
				t.Fatalf("reason does not say UTF-8: %s", r)
			}
		})
	}
	// Nothing was stored, and valid UTF-8 (raw or as a surrogate pair escape) is kept as sent.
	for _, m := range items(t, e.must(200, req{Method: "GET", Path: base + "/members", Token: alice})) {
		if email := m.(map[string]any)["email"].(string); strings.ContainsRune(email, '\uFFFD') || strings.HasPrefix(email, "m") {
			t.Fatalf("a member was stored: %q", email)
		}
	}
	p := e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: `{"slug":"mueller","name":"Müller \ud83d\ude00"}`})
	if p["name"] != "Müller 😀" {
		t.Fatalf("name %q", p["name"])
	}
}

// TestFieldNamesAreExact: encoding/json would match field names in any case and keep the last
// of repeated keys; the API refuses both, at every level.
func TestFieldNamesAreExact(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "enterprise")
	base := "/v1/workspaces/" + ws
	pool := `{"name":"pool-a","machine_type":"m5.large","min_nodes":1,"max_nodes":1}`
	cluster := func(pools string) string {
		return `{"name":"prod","cloud":"aws","location":"eu-central-1","kubernetes_version":"1.33","node_pools":[` + pools + `]}`
	}
	for _, tc := range []struct {
		name, method, path, body, field, reason string
	}{
		{"upper case", "POST", "/projects", `{"SLUG":"a-b","NAME":"A"}`, "SLUG", "unknown field"},
		{"one field in another case", "POST", "/projects", `{"slug":"a-b","Name":"A"}`, "Name", "unknown field"},
		{"case beside the right one", "POST", "/projects", `{"slug":"a-b","name":"A","NAME":"B"}`, "NAME", "unknown field"},
		{"duplicate", "POST", "/projects", `{"slug":"a-b","name":"a","name":"b"}`, "name", "duplicate"},
		{"duplicate through an escape", "POST", "/projects", `{"slug":"a-b","name":"a","\u006eame":"b"}`, "name", "duplicate"},
		{"duplicate of an optional pointer", "PATCH", "/projects/ppp", `{"description":"a","description":null}`, "description", "duplicate"},
		{"nested case", "POST", "/clusters", cluster(`{"name":"a","machine_type":"m5.large","Min_Nodes":1,"max_nodes":1}`),
			"node_pools[0].Min_Nodes", "unknown field"},
		{"nested duplicate", "POST", "/clusters", cluster(`{"name":"a","name":"b","machine_type":"m5.large","min_nodes":1,"max_nodes":1}`),
			"node_pools[0].name", "duplicate"},
		{"nested in a later element", "POST", "/clusters", cluster(pool + `,{"NAME":"b"}`), "node_pools[1].NAME", "unknown field"},
		{"nested unknown", "POST", "/clusters", cluster(`{"name":"a","colour":"red"}`), "node_pools[0].colour", "unknown field"},
		{"duplicate array", "POST", "/clusters", `{"node_pools":[],"node_pools":[]}`, "node_pools", "duplicate"},
		{"map key repeated", "PATCH", "", `{"settings":{"a":"1","a":"2"}}`, "settings.a", "duplicate"},
		{"map in a create", "POST", "", `{"slug":"w-2","name":"W","settings":{"x":"1","y":"2","x":"3"}}`, "settings.x", "duplicate"},
		{"planned target", "POST", "/v1/plan-sessions/session-1/deletes",
			`{"workspace_id":"w","deletes":[{"kind":"project","Target_ID":"p"}]}`, "deletes[0].Target_ID", "unknown field"},
		{"timestamp", "POST", "/api-keys", `{"name":"k","access":"read_only","Expires_At":"2031-01-01T00:00:00Z"}`, "Expires_At", "unknown field"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := base + tc.path
			switch {
			case tc.path == "" && tc.method == "POST":
				path = "/v1/workspaces"
			case strings.HasPrefix(tc.path, "/v1/"):
				path = tc.path
			}
			r := e.do(req{Method: tc.method, Path: path, Token: alice, Body: tc.body})
			er := assertError(t, r, 400, "invalid_argument", tc.field)
			if d := er["details"].([]any)[0].(map[string]any); !strings.Contains(d["reason"].(string), tc.reason) {
				t.Fatalf("reason: want %q: %s", tc.reason, r)
			}
		})
	}
	// Keys of free-form maps are the client's, in any case; exact names pass.
	e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: `{"slug":"ppp","name":"P","description":"d"}`})
	w := e.must(200, req{Method: "PATCH", Path: base, Token: alice, Body: `{"settings":{"A":"1","a":"2","Name":"3"}}`})
	if s := w["settings"].(map[string]any); len(s) != 3 || s["A"] != "1" || s["a"] != "2" {
		t.Fatalf("settings %v", s)
	}
	e.must(202, req{Method: "POST", Path: base + "/clusters", Token: alice, Body: cluster(pool + "," + strings.Replace(pool, "pool-a", "pool-b", 1))})
}

// TestHeaderLimit: headers beyond the documented limit get the error envelope, whatever the
// transport would let through.
func TestHeaderLimit(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	r := e.do(req{Method: "GET", Path: "/v1/me", Token: adminToken,
		Header: map[string]string{"X-Padding": strings.Repeat("a", httpapi.MaxHeaderBytes)}})
	er := assertError(t, r, 400, "invalid_argument", "headers")
	if !strings.Contains(er["message"].(string)+r.String(), "65536") {
		t.Fatalf("the limit is not named: %s", r)
	}
	// Many small headers count as much as one big one.
	q := req{Method: "GET", Path: "/v1/me", Token: adminToken, Header: map[string]string{}}
	for i := range 2000 {
		q.Header["X-Padding-"+strings.Repeat("p", 4)+string(rune('a'+i%26))+strings.Repeat("x", i/26)] = strings.Repeat("v", 20)
	}
	assertError(t, e.do(q), 400, "invalid_argument", "headers")
	// Just under the limit is served.
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: adminToken,
		Header: map[string]string{"X-Padding": strings.Repeat("a", httpapi.MaxHeaderBytes-1024)}})
}

// TestClientGoneIsNotAnInternalError: a request whose client went away before the answer is
// logged as such (499, client_gone), not as a 500 with an error line.
func TestClientGoneIsNotAnInternalError(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	for _, tc := range []struct{ name, method, path, body, key string }{
		{"read", "GET", "/v1/workspaces/" + ws + "/projects", "", ""},
		{"write", "POST", "/v1/workspaces/" + ws + "/projects", `{"slug":"gone","name":"Gone"}`, ""},
		{"idempotent write", "POST", "/v1/workspaces/" + ws + "/projects", `{"slug":"gone","name":"Gone"}`, "gone-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(e.logs.String())
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // the client is gone before the server touches the database
			var body io.Reader
			if tc.body != "" {
				body = strings.NewReader(tc.body)
			}
			r := httptest.NewRequestWithContext(ctx, tc.method, tc.path, body)
			r.Header.Set("Authorization", "Bearer "+alice)
			if tc.key != "" {
				r.Header.Set("Idempotency-Key", tc.key)
			}
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, r)
			id := w.Header().Get("X-Request-Id")

			var access map[string]any
			for _, l := range strings.Split(strings.TrimSpace(e.logs.String()[before:]), "\n") {
				var m map[string]any
				if err := json.Unmarshal([]byte(l), &m); err != nil {
					t.Fatalf("log line is not JSON: %q", l)
				}
				if m["level"] == "ERROR" || m["msg"] == "internal error" {
					t.Fatalf("an abandoned request is logged as an error: %s", l)
				}
				if m["msg"] == "request" && m["request_id"] == id {
					access = m
				}
			}
			if access == nil {
				t.Fatalf("no access log line: %s", e.logs.String()[before:])
			}
			if access["status"] != float64(499) || access["client_gone"] != true || access["level"] != "INFO" {
				t.Fatalf("access log line: %v", access)
			}
		})
	}
	// The idempotency key was not spent: the retry runs.
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: alice,
		Body: `{"slug":"gone","name":"Gone"}`, Header: map[string]string{"Idempotency-Key": "gone-1"}})
	// A client that stays gets its answer logged as usual.
	before := len(e.logs.String())
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: alice})
	if strings.Contains(e.logs.String()[before:], "client_gone") {
		t.Fatalf("client_gone on a served request: %s", e.logs.String()[before:])
	}
}

// TestInFlightRecordOfAnotherProcess: with ExclusiveStore, an in-flight record that no request
// of this handler is running was left by a process that died, and a retry takes it over at
// once; without it, only after a minute (another process may be running it).
func TestInFlightRecordOfAnotherProcess(t *testing.T) {
	for _, exclusive := range []bool{false, true} {
		e := newEnv(t, httpapi.Options{ExclusiveStore: exclusive})
		alice := e.token("alice@example.com")
		ws := e.workspace(alice, "pro")
		q := req{Method: "POST", Path: "/v1/workspaces/" + ws + "/regions", Token: alice,
			Header: map[string]string{"Idempotency-Key": "left-behind"}, Body: map[string]any{"name": "left"}}
		rec := platform.IdempotencyRecord{Caller: e.principal(alice), Key: "left-behind", RequestHash: e.requestHashOf(q),
			Body: []byte{}, CreatedAt: e.clock.Now()}
		must(t, e.store.Update(e.ctx, func(tx platform.Tx) error { return tx.CreateIdempotencyRecord(&rec) }))
		r := e.do(q)
		switch {
		case exclusive && r.Status != http.StatusCreated:
			t.Fatalf("exclusive store: the abandoned record is not taken over: %s", r)
		case !exclusive:
			assertError(t, r, 409, "failed_precondition", "")
			e.clock.Advance(2 * time.Minute)
			e.must(201, q)
		}
		r = e.do(q)
		if r.Status != 201 || r.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("after the takeover: %s", r)
		}
	}
}

// TestIdempotencyConcurrentExclusive: with ExclusiveStore, concurrent retries of one request
// still run it once: a record in flight is taken over only when no request runs it.
func TestIdempotencyConcurrentExclusive(t *testing.T) {
	e := newEnv(t, httpapi.Options{ExclusiveStore: true})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "enterprise")
	path := "/v1/workspaces/" + ws + "/regions"
	for round := range 10 {
		name := "race-" + strings.Repeat("x", round+1)
		q := req{Method: "POST", Path: path, Token: alice, Body: `{"name":"` + name + `"}`,
			Header: map[string]string{"Idempotency-Key": name}}
		results := make(chan *response, 12)
		var wg sync.WaitGroup
		for range 12 {
			wg.Go(func() { results <- e.do(q) })
		}
		wg.Wait()
		close(results)
		created := 0
		for r := range results {
			switch {
			case r.Status == 201 && r.Header.Get("Idempotent-Replayed") == "":
				created++
			case r.Status == 201:
			case r.Status == 409:
				assertError(t, r, 409, "failed_precondition", "")
			default:
				t.Fatalf("concurrent retry: %s", r)
			}
		}
		if created != 1 {
			t.Fatalf("round %d: %d requests ran, want exactly 1", round, created)
		}
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: path + "?page_size=100", Token: alice}))); n != 10 {
		t.Fatalf("%d regions, want 10", n)
	}
}
