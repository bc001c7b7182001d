package httpapi_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// GitHub App installations over HTTP (docs/platform.md section 11).

func TestGitHubInstallations_HTTP(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	other := e.workspace(alice, "pro")
	base := "/v1/workspaces/" + ws + "/github-installations"
	body := map[string]any{"installation_id": 42, "account_login": "octo-org", "account_type": "Organization",
		"repository_selection": "all"}
	g := e.must(201, req{Method: "POST", Path: base, Token: alice, Body: body})
	id := g["id"].(string)

	// One GitHub installation, one workspace.
	assertError(t, e.do(req{Method: "POST", Path: "/v1/workspaces/" + other + "/github-installations", Token: alice, Body: body}),
		409, "already_exists", "")
	// installation_id never changes; the same one is accepted.
	assertError(t, e.do(req{Method: "PATCH", Path: base + "/42", Token: alice, Body: map[string]any{"installation_id": 43}}),
		400, "invalid_argument", "installation_id")
	if m := e.must(200, req{Method: "PATCH", Path: base + "/42", Token: alice, Body: map[string]any{"installation_id": 42}}); m["version"] != 1.0 {
		t.Fatalf("an unchanged installation_id changed the object: %v", m)
	}
	// Repositories exactly when selected.
	assertError(t, e.do(req{Method: "PATCH", Path: base + "/" + id, Token: alice, Body: map[string]any{"repository_selection": "selected"}}),
		400, "invalid_argument", "repositories")
	assertError(t, e.do(req{Method: "PATCH", Path: base + "/" + id, Token: alice, Body: map[string]any{"repositories": []string{"a/b"}}}),
		400, "invalid_argument", "repositories")
	assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"installation_id": 0, "account_login": "-x",
		"account_type": "Team", "repository_selection": "some"}}), 400, "invalid_argument", "installation_id")
	// Unknown references are 404, a ref that is neither an id nor a number too.
	for _, ref := range []string{"43", "ghi_nope", "not-a-number", "-1", "0"} {
		assertError(t, e.do(req{Method: "GET", Path: base + "/" + ref, Token: alice}), 404, "not_found", "")
	}
	// If-Match.
	assertError(t, e.do(req{Method: "DELETE", Path: base + "/42", Token: alice, Header: map[string]string{"If-Match": `"9"`}}), 412, "aborted", "")

	// Suspension is the platform administrator's alone (API keys and owners are refused).
	key := e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/api-keys", Token: alice,
		Body: map[string]any{"name": "ci", "access": "read_write"}})["secret"].(string)
	for _, tok := range []string{alice, key} {
		assertError(t, e.do(req{Method: "POST", Path: "/v1/admin/github-installations/" + id + "/suspend", Token: tok}), 403, "permission_denied", "")
	}
	assertError(t, e.do(req{Method: "POST", Path: "/v1/admin/github-installations/42/suspend", Token: adminToken}), 404, "not_found", "")
	assertError(t, e.do(req{Method: "POST", Path: "/v1/admin/github-installations/" + id + "/suspend", Token: adminToken,
		Body: map[string]any{"reason": "x"}}), 400, "invalid_argument", "reason")
	if m := e.must(200, req{Method: "POST", Path: "/v1/admin/github-installations/" + id + "/suspend?validate_only=true", Token: adminToken}); m["status"] != "suspended" {
		t.Fatalf("dry-run suspend: %v", m)
	}
	if m := e.must(200, req{Method: "GET", Path: base + "/" + id, Token: alice}); m["status"] != "active" {
		t.Fatalf("a dry run suspended it: %v", m)
	}
	r := e.do(req{Method: "POST", Path: "/v1/admin/github-installations/" + id + "/suspend", Token: adminToken})
	if r.Status != 200 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("suspend: %s %v", r, r.Header)
	}
	// The read_write key holds integrations.read, not integrations.manage.
	e.must(200, req{Method: "GET", Path: base, Token: key})
	assertError(t, e.do(req{Method: "DELETE", Path: base + "/42", Token: key}), 403, "permission_denied", "")
	e.must(204, req{Method: "DELETE", Path: base + "/42", Token: alice})
}
