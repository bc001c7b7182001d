package httpapi_test

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

func TestPagination(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	path := "/v1/workspaces/" + ws + "/projects"
	var want []string
	for i := range 7 {
		slug := fmt.Sprintf("p-%02d", i)
		want = append(want, slug)
		e.must(201, req{Method: "POST", Path: path, Token: alice, Body: map[string]any{"slug": slug, "name": slug}})
	}

	var got []string
	var tokens []string
	next := ""
	for pages := 0; ; pages++ {
		if pages > 3 {
			t.Fatal("more pages than 7 items at 3 a page")
		}
		q := path + "?page_size=3"
		if next != "" {
			q += "&page_token=" + url.QueryEscape(next)
		}
		page := e.must(200, req{Method: "GET", Path: q, Token: alice})
		for _, it := range items(t, page) {
			got = append(got, it.(map[string]any)["slug"].(string))
		}
		next = page["next_page_token"].(string)
		if next == "" {
			break
		}
		tokens = append(tokens, next)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("pages: got %v, want %v in creation order", got, want)
	}
	if len(tokens) != 2 {
		t.Fatalf("got %d page tokens, want 2", len(tokens))
	}
	// The default page size holds them all.
	if page := e.must(200, req{Method: "GET", Path: path, Token: alice}); len(items(t, page)) != 7 || page["next_page_token"] != "" {
		t.Fatalf("default page: %v", page)
	}

	tok := tokens[0]
	raw, _ := base64.RawURLEncoding.DecodeString(tok)
	raw[3] ^= 0x40 // change the cursor
	tampered := base64.RawURLEncoding.EncodeToString(raw)
	bob := e.token("bob@example.com")
	for name, q := range map[string]req{
		"tampered":       {Path: path + "?page_token=" + tampered, Token: alice},
		"garbage":        {Path: path + "?page_token=not-a-token", Token: alice},
		"truncated":      {Path: path + "?page_token=" + tok[:len(tok)-2], Token: alice},
		"other list":     {Path: "/v1/workspaces/" + ws + "/regions?page_token=" + tok, Token: alice},
		"other caller":   {Path: path + "?page_token=" + tok, Token: bob},
		"page_size zero": {Path: path + "?page_size=0", Token: alice},
	} {
		q.Method = "GET"
		r := e.do(q)
		field := "page_token"
		if strings.Contains(name, "page_size") {
			field = "page_size"
		}
		if name == "other caller" && r.Status == 404 {
			continue // bob cannot see the workspace at all; the token check comes first anyway
		}
		assertError(t, r, 400, "invalid_argument", field)
	}
	for _, size := range []string{"0", "201", "-1", "abc", "1e2", "99999999999999999999"} {
		assertError(t, e.do(req{Method: "GET", Path: path + "?page_size=" + size, Token: alice}), 400, "invalid_argument", "page_size")
	}
	e.must(200, req{Method: "GET", Path: path + "?page_size=200", Token: alice})

	// Tokens expire.
	e.clock.Advance(25 * time.Hour)
	assertError(t, e.do(req{Method: "GET", Path: path + "?page_token=" + tok, Token: alice}), 400, "invalid_argument", "page_token")
}

func TestValidateOnly(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "enterprise")
	base := "/v1/workspaces/" + ws
	auditCount := func() int {
		return len(items(t, e.must(200, req{Method: "GET", Path: base + "/audit-events?page_size=200", Token: alice})))
	}
	e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	region := e.must(201, req{Method: "POST", Path: base + "/regions", Token: alice, Body: map[string]any{"name": "eu-west"}})
	key := e.must(201, req{Method: "POST", Path: base + "/api-keys", Token: alice, Body: map[string]any{"name": "k", "access": "read_only"}})
	before := auditCount()

	// Creates answer 200 with the object as it would be, minted ids empty.
	p := e.must(200, req{Method: "POST", Path: base + "/projects?validate_only=true", Token: alice, Body: map[string]any{"slug": "dry", "name": "Dry"}})
	if p["id"] != "" || p["slug"] != "dry" || p["version"] != 1.0 || p["workspace_id"] == "" {
		t.Fatalf("dry project: %v", p)
	}
	c := e.must(200, req{Method: "POST", Path: base + "/clusters?validate_only=true", Token: alice, Body: map[string]any{
		"name": "dry", "cloud": "gcp", "location": "europe-west1", "kubernetes_version": "1.31", "node_pools": nodePools(),
		"region_id": region["id"]}})
	if c["id"] != "" || c["operation_id"] != "" || c["status"] != "provisioning" {
		t.Fatalf("dry cluster: %v", c)
	}
	k := e.must(200, req{Method: "POST", Path: base + "/api-keys?validate_only=true", Token: alice, Body: map[string]any{"name": "dry", "access": "read_only"}})
	if k["id"] != "" || k["secret"] != "" || k["prefix"] != "" || k["name"] != "dry" {
		t.Fatalf("dry key: %v", k)
	}
	m := e.must(200, req{Method: "POST", Path: base + "/members?validate_only=1", Token: alice, Body: map[string]any{"email": "new@example.com", "role": "member"}})
	if m["user_id"] != "" || m["email"] != "new@example.com" {
		t.Fatalf("dry invite: %v", m)
	}
	rot := e.must(200, req{Method: "POST", Path: base + "/api-keys/" + key["id"].(string) + "/rotate?validate_only=true", Token: alice})
	if rot["secret"] != "" || rot["id"] != key["id"] {
		t.Fatalf("dry rotate: %v", rot)
	}
	// Updates show the new state; deletes answer 200 and delete nothing.
	u := e.must(200, req{Method: "PATCH", Path: base + "/projects/web?validate_only=true", Token: alice, Body: map[string]any{"name": "Renamed"}})
	if u["name"] != "Renamed" || u["version"] != 2.0 || u["id"] == "" {
		t.Fatalf("dry update: %v", u)
	}
	e.must(200, req{Method: "DELETE", Path: base + "/projects/web?validate_only=true", Token: alice})
	e.must(200, req{Method: "DELETE", Path: base + "?validate_only=true&force=true", Token: alice})

	// The real call's error, without the real call.
	assertError(t, e.do(req{Method: "POST", Path: base + "/projects?validate_only=true", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}}),
		409, "already_exists", "")
	assertError(t, e.do(req{Method: "DELETE", Path: base + "?validate_only=true", Token: alice}), 409, "failed_precondition", "")
	assertError(t, e.do(req{Method: "POST", Path: base + "/projects?validate_only=maybe", Token: alice, Body: map[string]any{"slug": "x", "name": "X"}}),
		400, "invalid_argument", "validate_only")

	// Nothing was written.
	if got := e.must(200, req{Method: "GET", Path: base + "/projects/web", Token: alice}); got["name"] != "Web" || got["version"] != 1.0 {
		t.Fatalf("project changed by a dry run: %v", got)
	}
	assertError(t, e.do(req{Method: "GET", Path: base + "/projects/dry", Token: alice}), 404, "not_found", "")
	if n := len(items(t, e.must(200, req{Method: "GET", Path: base + "/clusters", Token: alice}))); n != 0 {
		t.Fatalf("a dry run created %d clusters", n)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: base + "/members", Token: alice}))); n != 1 {
		t.Fatalf("a dry run invited someone: %d members", n)
	}
	assertError(t, e.do(req{Method: "GET", Path: "/v1/me", Token: adminToken + "x"}), 401, "unauthenticated", "")
	if after := auditCount(); after != before {
		t.Fatalf("dry runs wrote %d audit events", after-before)
	}
	if err := e.store.View(e.ctx, func(tx platform.Tx) error {
		_, err := tx.GetUserByEmail("new@example.com")
		return err
	}); !platform.IsCode(err, platform.CodeNotFound) {
		t.Fatalf("a dry invite created the user: %v", err)
	}
}

func TestIfMatch(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "")
	path := "/v1/workspaces/" + ws + "/projects/web"
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})

	etag := func() string {
		r := e.do(req{Method: "GET", Path: path, Token: alice})
		if r.Header.Get("ETag") != fmt.Sprintf(`"%d"`, int(r.JSON(t)["version"].(float64))) {
			t.Fatalf("ETag %q does not match the version: %s", r.Header.Get("ETag"), r)
		}
		return r.Header.Get("ETag")
	}
	patch := func(ifMatch string) *response {
		return e.do(req{Method: "PATCH", Path: path, Token: alice, Body: map[string]any{"description": ifMatch},
			Header: map[string]string{"If-Match": ifMatch}})
	}
	for i, form := range []string{`"1"`, `W/"2"`, `3`, `*`} {
		if i < 3 && etag() != fmt.Sprintf(`"%d"`, i+1) {
			t.Fatalf("unexpected version before %s", form)
		}
		if r := patch(form); r.Status != 200 || r.Header.Get("ETag") != fmt.Sprintf(`"%d"`, i+2) {
			t.Fatalf("If-Match %s: %s %v", form, r, r.Header)
		}
	}
	assertError(t, patch(`"1"`), 412, "aborted", "")
	for _, bad := range []string{`"abc"`, `"0"`, `"-1"`, `"1", "2"`, `W/`, `""`, `"99999999999999999999"`} {
		assertError(t, patch(bad), 400, "invalid_argument", "If-Match")
	}
	assertError(t, e.do(req{Method: "DELETE", Path: path, Token: alice, Header: map[string]string{"If-Match": `"1"`}}), 412, "aborted", "")
	e.must(204, req{Method: "DELETE", Path: path, Token: alice, Header: map[string]string{"If-Match": etag()}})
}

func TestBodyDecoding(t *testing.T) {
	e := newEnv(t, httpapi.Options{MaxBodyBytes: 4096})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "enterprise")
	base := "/v1/workspaces/" + ws
	for _, tc := range []struct {
		name, path, body, field string
	}{
		{"unknown field", "/projects", `{"slug":"a-b","name":"A","colour":"red"}`, "colour"},
		{"wrong type", "/projects", `{"slug":5,"name":"A"}`, "slug"},
		{"nested wrong type", "/clusters", `{"name":"c1","node_pools":[{"name":"a","min_nodes":"one"}]}`, "node_pools.min_nodes"},
		{"map value type", "?", `{"settings":{"a":1}}`, "settings"},
		{"bad timestamp", "/api-keys", `{"name":"k","access":"read_only","expires_at":"tomorrow"}`, "expires_at"},
		{"timestamp out of range in UTC", "/api-keys", `{"name":"k","access":"read_only","expires_at":"9999-12-31T23:59:59-23:00"}`, "expires_at"},
		{"timestamp type", "/api-keys", `{"name":"k","access":"read_only","expires_at":12}`, "expires_at"},
		{"integer overflow", "/api-keys/key_aaaaaaaaaaaaaaaa/rotate", `{"grace_period_seconds":1e40}`, "grace_period_seconds"},
		{"syntax", "/projects", `{"slug":"a-b",}`, "body"},
		{"truncated", "/projects", `{"slug":"a-b"`, "body"},
		{"trailing data", "/projects", `{"slug":"a-b","name":"A"} {}`, "body"},
		{"not an object", "/projects", `["slug"]`, "body"},
		{"null", "/projects", `null`, "body"},
		{"empty", "/projects", ``, "body"},
		{"huge", "/projects", `{"slug":"a-b","name":"` + strings.Repeat("x", 5000) + `"}`, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method, path := "POST", base+tc.path
			if tc.path == "?" {
				method, path = "PATCH", base
			}
			r := e.do(req{Method: method, Path: path, Token: alice, Body: tc.body})
			assertError(t, r, 400, "invalid_argument", tc.field)
		})
	}
	// Optional bodies may be empty; required ones name what is missing through the service.
	key := e.must(201, req{Method: "POST", Path: base + "/api-keys", Token: alice, Body: map[string]any{"name": "k", "access": "read_only"}})
	e.must(200, req{Method: "POST", Path: base + "/api-keys/" + key["id"].(string) + "/rotate", Token: alice})
	e.must(201, req{Method: "POST", Path: "/v1/admin/users/carol@example.com/tokens", Token: adminToken})
	assertError(t, e.do(req{Method: "POST", Path: "/v1/me/tokens", Token: alice, Body: `{}`}), 400, "invalid_argument", "name")
}

func TestKeyRotationAndSecrets(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "")
	base := "/v1/workspaces/" + ws + "/api-keys"
	key := e.must(201, req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": "k", "access": "read_only"}})
	id, old := key["id"].(string), key["secret"].(string)

	// With a grace period the old secret keeps working until it ends.
	rot := e.must(200, req{Method: "POST", Path: base + "/" + id + "/rotate", Token: alice, Body: map[string]any{"grace_period_seconds": 60}})
	cur := rot["secret"].(string)
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: old})
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: cur})
	e.clock.Advance(61 * time.Second)
	if er := assertError(t, e.do(req{Method: "GET", Path: "/v1/me", Token: old}), 401, "unauthenticated", ""); er["message"] != "api key expired" {
		t.Fatalf("old secret after grace: %v", er)
	}
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: cur})

	// Without one it stops at once.
	rot = e.must(200, req{Method: "POST", Path: base + "/" + id + "/rotate", Token: alice, Body: `{}`})
	assertError(t, e.do(req{Method: "GET", Path: "/v1/me", Token: cur}), 401, "unauthenticated", "")
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: rot["secret"].(string)})
	assertError(t, e.do(req{Method: "POST", Path: base + "/" + id + "/rotate", Token: alice, Body: map[string]any{"grace_period_seconds": 86401}}),
		400, "invalid_argument", "grace_period_seconds")

	// Secrets appear nowhere else: not in reads, lists, audit events or logs.
	for _, path := range []string{base, base + "/" + id, "/v1/workspaces/" + ws + "/audit-events", "/v1/me/tokens"} {
		r := e.do(req{Method: "GET", Path: path, Token: alice})
		for _, s := range []string{old, cur, rot["secret"].(string), alice} {
			if strings.Contains(string(r.Body), s) {
				t.Fatalf("GET %s shows a secret: %s", path, r)
			}
		}
		if strings.Contains(string(r.Body), `"secret"`) {
			t.Fatalf("GET %s has a secret field: %s", path, r)
		}
	}
	if logs := e.logs.String(); strings.Contains(logs, old) || strings.Contains(logs, cur) || strings.Contains(logs, alice) {
		t.Fatal("a secret was logged")
	}
}

func TestForceDelete(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "")
	base := "/v1/workspaces/" + ws
	e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	e.must(201, req{Method: "POST", Path: base + "/regions", Token: alice, Body: map[string]any{"name": "eu-west"}})
	r := e.do(req{Method: "DELETE", Path: base, Token: alice})
	if er := assertError(t, r, 409, "failed_precondition", ""); !strings.Contains(er["message"].(string), "1 project (web), 1 region (eu-west)") {
		t.Fatalf("refusal lists counts and names: %s", r)
	}
	if d := detailFields(r.Err(t)); len(d) != 2 || !strings.HasPrefix(d[0], "projects/prj_") || !strings.HasPrefix(d[1], "regions/reg_") {
		t.Fatalf("refusal names each object by id in details: %v", d)
	}
	assertError(t, e.do(req{Method: "DELETE", Path: base + "?force=yes", Token: alice}), 400, "invalid_argument", "force")
	e.must(204, req{Method: "DELETE", Path: base + "?force=true", Token: alice})
	assertError(t, e.do(req{Method: "GET", Path: base, Token: alice}), 404, "not_found", "")
}
