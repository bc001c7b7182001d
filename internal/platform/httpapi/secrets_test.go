package httpapi_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// Secrets and GitHub App installations over HTTP (docs/platform.md section 11).

// secretsRoutes are the routes of secrets and GitHub App installations (section 8).
var secretsRoutes = []string{
	"GET /v1/workspaces/{ws}/secrets", "POST /v1/workspaces/{ws}/secrets",
	"GET /v1/workspaces/{ws}/secrets/{secret}", "PATCH /v1/workspaces/{ws}/secrets/{secret}",
	"DELETE /v1/workspaces/{ws}/secrets/{secret}",
	"GET /v1/workspaces/{ws}/github-installations", "POST /v1/workspaces/{ws}/github-installations",
	"GET /v1/workspaces/{ws}/github-installations/{ghi}", "PATCH /v1/workspaces/{ws}/github-installations/{ghi}",
	"DELETE /v1/workspaces/{ws}/github-installations/{ghi}",
	"POST /v1/admin/github-installations/{ghi}/suspend", "POST /v1/admin/github-installations/{ghi}/unsuspend",
}

// secretValue is the value every test here stores; no answer may contain it.
const secretValue = "s3cr3t-Value-that-must-never-leak"

// noValue fails when an answer holds the secret value, or a successful one a "value" field.
func noValue(tb testing.TB, r *response) {
	tb.Helper()
	if bytes.Contains(r.Body, []byte(secretValue)) || (r.Status < 300 && bytes.Contains(r.Body, []byte(`"value"`))) {
		tb.Fatalf("the answer holds the value: %s", r)
	}
}

// exerciseSecrets walks every secret and GitHub App installation route on its happy path in ws
// (owned by token's user); TestEveryEndpoint calls it.
func exerciseSecrets(t *testing.T, e *env, token, ws string) {
	t.Helper()
	base := "/v1/workspaces/" + ws + "/secrets"
	r := e.do(req{Method: "POST", Path: base, Token: token,
		Body: map[string]any{"name": "DB_PASSWORD", "description": "the database", "value": secretValue}})
	noValue(t, r)
	sec := r.JSON(t)
	if r.Status != 201 || !strings.HasPrefix(sec["id"].(string), "sec_") || sec["value_version"] != 1.0 ||
		r.Header.Get("Location") != base+"/"+sec["id"].(string) || r.Header.Get("ETag") != `"1"` || sec["value_updated_at"] == "" {
		t.Fatalf("create secret: %s %v", r, r.Header)
	}
	for _, q := range []req{
		{Method: "GET", Path: base, Token: token},
		{Method: "GET", Path: base + "/DB_PASSWORD", Token: token},
		{Method: "GET", Path: base + "/" + sec["id"].(string), Token: token},
	} {
		r := e.do(q)
		if r.Status != 200 {
			t.Fatalf("%s %s: %s", q.Method, q.Path, r)
		}
		noValue(t, r)
	}
	r = e.do(req{Method: "PATCH", Path: base + "/DB_PASSWORD", Token: token, Body: map[string]any{"value": secretValue + "-2"}})
	if m := r.JSON(t); r.Status != 200 || m["value_version"] != 2.0 || m["version"] != 2.0 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("new value: %s %v", r, r.Header)
	}
	r = e.do(req{Method: "PATCH", Path: base + "/DB_PASSWORD", Token: token, Body: map[string]any{"value": secretValue + "-2"}})
	if m := r.JSON(t); r.Status != 200 || m["value_version"] != 2.0 || m["version"] != 2.0 {
		t.Fatalf("the same value again: %s", r)
	}
	e.must(204, req{Method: "DELETE", Path: base + "/DB_PASSWORD", Token: token, Header: map[string]string{"If-Match": `"2"`}})
	assertError(t, e.do(req{Method: "GET", Path: base + "/DB_PASSWORD", Token: token}), 404, "not_found", "")

	gbase := "/v1/workspaces/" + ws + "/github-installations"
	r = e.do(req{Method: "POST", Path: gbase, Token: token, Body: map[string]any{"installation_id": 12345678,
		"account_login": "acme", "account_type": "Organization", "repository_selection": "selected",
		"repositories": []string{"acme/web", "acme/api"}}})
	ghi := r.JSON(t)
	id := ghi["id"].(string)
	if r.Status != 201 || !strings.HasPrefix(id, "ghi_") || ghi["status"] != "active" || r.Header.Get("Location") != gbase+"/"+id {
		t.Fatalf("create github installation: %s %v", r, r.Header)
	}
	if repos := ghi["repositories"].([]any); len(repos) != 2 || repos[0] != "acme/api" {
		t.Fatalf("repositories are kept sorted: %v", repos)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: gbase, Token: token}))); n != 1 {
		t.Fatalf("github installations: %d", n)
	}
	e.must(200, req{Method: "GET", Path: gbase + "/12345678", Token: token})
	if m := e.must(200, req{Method: "PATCH", Path: gbase + "/" + id, Token: token,
		Body: map[string]any{"repository_selection": "all"}}); m["repository_selection"] != "all" || len(m["repositories"].([]any)) != 0 {
		t.Fatalf("patch github installation: %v", m)
	}
	if m := e.must(200, req{Method: "POST", Path: "/v1/admin/github-installations/" + id + "/suspend", Token: adminToken}); m["status"] != "suspended" {
		t.Fatalf("suspend: %v", m)
	}
	if m := e.must(200, req{Method: "POST", Path: "/v1/admin/github-installations/" + id + "/unsuspend", Token: adminToken,
		Body: map[string]any{}}); m["status"] != "active" {
		t.Fatalf("unsuspend: %v", m)
	}
	e.must(204, req{Method: "DELETE", Path: gbase + "/12345678", Token: token})
}

func TestSecrets_HTTP(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	base := "/v1/workspaces/" + ws + "/secrets"
	create := func(name string) map[string]any {
		r := e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": name, "value": secretValue}})
		if r.Status != 201 {
			t.Fatalf("create %s: %s", name, r)
		}
		noValue(t, r)
		return r.JSON(t)
	}
	create("DB_PASSWORD")

	t.Run("dry runs answer the secret as it would be and store nothing", func(t *testing.T) {
		r := e.do(req{Method: "POST", Path: base + "?validate_only=true", Token: alice, Body: map[string]any{"name": "DRY", "value": secretValue}})
		noValue(t, r)
		if m := r.JSON(t); r.Status != 200 || m["id"] != "" || m["name"] != "DRY" || m["value_version"] != 1.0 {
			t.Fatalf("dry-run create: %s", r)
		}
		assertError(t, e.do(req{Method: "GET", Path: base + "/DRY", Token: alice}), 404, "not_found", "")
		r = e.do(req{Method: "PATCH", Path: base + "/DB_PASSWORD?validate_only=true", Token: alice, Body: map[string]any{"value": "other"}})
		if m := r.JSON(t); r.Status != 200 || m["value_version"] != 2.0 {
			t.Fatalf("dry-run patch: %s", r)
		}
		if m := e.must(200, req{Method: "GET", Path: base + "/DB_PASSWORD", Token: alice}); m["value_version"] != 1.0 {
			t.Fatalf("a dry run changed the value: %v", m)
		}
		e.must(200, req{Method: "DELETE", Path: base + "/DB_PASSWORD?validate_only=true", Token: alice})
		e.must(200, req{Method: "GET", Path: base + "/DB_PASSWORD", Token: alice})
	})

	t.Run("If-Match", func(t *testing.T) {
		assertError(t, e.do(req{Method: "PATCH", Path: base + "/DB_PASSWORD", Token: alice, Header: map[string]string{"If-Match": `"7"`},
			Body: map[string]any{"value": secretValue + "x"}}), 412, "aborted", "")
		assertError(t, e.do(req{Method: "DELETE", Path: base + "/DB_PASSWORD", Token: alice, Header: map[string]string{"If-Match": `"7"`}}),
			412, "aborted", "")
		e.must(200, req{Method: "PATCH", Path: base + "/DB_PASSWORD", Token: alice, Header: map[string]string{"If-Match": `"1"`},
			Body: map[string]any{"description": "d"}})
	})

	t.Run("refusals never quote the value", func(t *testing.T) {
		for _, c := range []struct {
			q            req
			status       int
			code, field  string
			valueInQuery bool
		}{
			{req{Method: "PATCH", Path: base + "/DB_PASSWORD", Body: map[string]any{"name": "OTHER", "value": secretValue}}, 400, "invalid_argument", "name", false},
			{req{Method: "POST", Path: base, Body: map[string]any{"name": "DB_PASSWORD", "value": secretValue}}, 409, "already_exists", "", false},
			{req{Method: "POST", Path: base, Body: map[string]any{"name": "lower", "value": secretValue}}, 400, "invalid_argument", "name", false},
			{req{Method: "POST", Path: base, Body: map[string]any{"name": "EMPTY", "value": ""}}, 400, "invalid_argument", "value", false},
			{req{Method: "POST", Path: base, Body: map[string]any{"name": "BIG", "value": strings.Repeat("x", platform.SecretValueMaxBytes+1)}},
				400, "invalid_argument", "value", false},
			{req{Method: "POST", Path: base, Body: map[string]any{"name": "TYPO", "valeu": secretValue}}, 400, "invalid_argument", "valeu", false},
			{req{Method: "POST", Path: base, Body: `{"name": "BROKEN", "value": "` + secretValue + `\q"}`}, 400, "invalid_argument", "body", false},
			{req{Method: "POST", Path: base, Body: `{"name": "TWICE", "value": "` + secretValue + `", "value": "x"}`}, 400, "invalid_argument", "value", false},
		} {
			c.q.Token = alice
			r := e.do(c.q)
			assertError(t, r, c.status, c.code, c.field)
			noValue(t, r)
		}
		// Someone who may only read secrets is refused before anything else.
		viewer := e.token("viewer@example.com")
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/members", Token: alice,
			Body: map[string]any{"email": "viewer@example.com", "role": "viewer"}})
		r := e.do(req{Method: "PATCH", Path: base + "/DB_PASSWORD", Token: viewer, Body: map[string]any{"value": secretValue}})
		assertError(t, r, 403, "permission_denied", "")
		noValue(t, r)
		e.must(200, req{Method: "GET", Path: base + "/DB_PASSWORD", Token: viewer})
	})

	t.Run("pagination", func(t *testing.T) {
		for i := range 3 {
			create("PAGED_" + strconv.Itoa(i))
		}
		var names []string
		token := ""
		for range 10 {
			m := e.must(200, req{Method: "GET", Path: base + "?page_size=2&page_token=" + token, Token: alice})
			for _, it := range items(t, m) {
				names = append(names, it.(map[string]any)["name"].(string))
			}
			if token = m["next_page_token"].(string); token == "" {
				break
			}
		}
		if strings.Join(names, ",") != "DB_PASSWORD,PAGED_0,PAGED_1,PAGED_2" {
			t.Fatalf("pages: %v", names)
		}
	})

	t.Run("idempotent create replays without the value", func(t *testing.T) {
		q := req{Method: "POST", Path: base, Token: alice, Header: map[string]string{"Idempotency-Key": "sec-1"},
			Body: map[string]any{"name": "IDEMPOTENT", "value": secretValue}}
		first := e.do(q)
		second := e.do(q)
		if first.Status != 201 || second.Status != 201 || !bytes.Equal(first.Body, second.Body) || second.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay: %s / %s", first, second)
		}
		q.Body = map[string]any{"name": "IDEMPOTENT", "value": secretValue + "-other"}
		r := e.do(q)
		assertError(t, r, 422, "idempotency_mismatch", "")
		noValue(t, r)
		var rec *platform.IdempotencyRecord
		must(t, e.store.View(e.ctx, func(tx platform.Tx) (err error) {
			rec, err = tx.GetIdempotencyRecord(e.principal(alice), "sec-1")
			return err
		}))
		if bytes.Contains(rec.Body, []byte(secretValue)) || strings.Contains(rec.RequestHash, secretValue) {
			t.Fatalf("the record holds the value: %+v", rec)
		}
	})

	t.Run("a secret in use is not deleted", func(t *testing.T) {
		create("IN_USE")
		inst := e.installationUsing(alice, ws, "IN_USE")
		r := e.do(req{Method: "DELETE", Path: base + "/IN_USE", Token: alice})
		if er := assertError(t, r, 409, "failed_precondition", ""); !strings.Contains(er["message"].(string), inst) {
			t.Fatalf("the refusal does not name installation %s: %s", inst, r)
		}
	})
}

// installationUsing stores an installation of a new running cluster in ws that uses secret, and
// returns its name. Installations have their own endpoints; this one is written to the store.
func (e *env) installationUsing(token, ws, secret string) string {
	e.tb.Helper()
	cls := e.must(202, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/clusters", Token: token, Body: map[string]any{
		"name": e.uniq("cls"), "cloud": "aws", "location": "eu-central-1", "kubernetes_version": "1.31", "node_pools": nodePools()}})
	e.finishOperations()
	name := e.uniq("inst")
	in := &platform.Installation{ID: platform.NewID(platform.PrefixInstallation), WorkspaceID: cls["workspace_id"].(string),
		Name: name, ClusterID: cls["id"].(string), Namespace: name, Source: platform.InstallationSource{Chart: "oci://charts.example.com/app:1.0.0"},
		Values: map[string]string{}, Secrets: []string{secret}, Status: platform.InstallationInstalled, RepositoryURL: "oci://localhost/x"}
	in.Stamp(e.clock.Now())
	must(e.tb, e.store.Update(e.ctx, func(tx platform.Tx) error { return tx.CreateInstallation(in) }))
	return name
}
