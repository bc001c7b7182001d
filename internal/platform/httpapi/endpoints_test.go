package httpapi_test

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// TestEveryEndpoint walks through every route of docs/platform.md section 8 on its happy path,
// checking status codes, headers and body shapes, and finally that no route was left out.
func TestEveryEndpoint(t *testing.T) {
	doc := []byte(`{"openapi":"3.1.0","info":{"title":"platform"}}`)
	e := newEnv(t, httpapi.Options{OpenAPI: doc})

	// Public endpoints.
	if m := e.must(200, req{Method: "GET", Path: "/healthz"}); m["status"] != "ok" {
		t.Fatalf("healthz: %v", m)
	}
	if r := e.do(req{Method: "GET", Path: "/v1/openapi.json"}); r.Status != 200 || string(r.Body) != string(doc) {
		t.Fatalf("openapi: %s", r)
	}

	alice := e.token("alice@example.com")
	bob := e.token("bob@example.com")
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: bob}) // bob's first authentication: active

	versions := e.must(200, req{Method: "GET", Path: "/v1/kubernetes-versions", Token: alice})
	if vs, _ := versions["items"].([]any); len(vs) == 0 || vs[0] != "1.29" {
		t.Fatalf("kubernetes versions: %v", versions)
	}

	// Caller and tokens.
	me := e.must(200, req{Method: "GET", Path: "/v1/me", Token: alice})
	if me["type"] != "user" || me["email"] != "alice@example.com" || !strings.HasPrefix(me["user_id"].(string), "usr_") {
		t.Fatalf("me: %v", me)
	}
	aliceID := me["user_id"].(string)
	r := e.do(req{Method: "POST", Path: "/v1/me/tokens", Token: alice, Body: map[string]any{"name": "ci"}})
	tok := r.JSON(t)
	if r.Status != 201 || !strings.HasPrefix(tok["secret"].(string), "pt_") || r.Header.Get("Location") != "/v1/me/tokens/"+tok["id"].(string) {
		t.Fatalf("create token: %s %v", r, r.Header)
	}
	if r.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("a secret-bearing answer must not be cached: %v", r.Header)
	}
	list := e.must(200, req{Method: "GET", Path: "/v1/me/tokens", Token: alice})
	if n := len(items(t, list)); n != 2 {
		t.Fatalf("tokens: got %d, want 2: %v", n, list)
	}
	for _, it := range items(t, list) {
		if _, ok := it.(map[string]any)["secret"]; ok {
			t.Fatalf("token list shows a secret: %v", it)
		}
	}
	got := e.must(200, req{Method: "GET", Path: "/v1/me/tokens/" + tok["id"].(string), Token: alice})
	if _, ok := got["secret"]; ok || got["id"] != tok["id"] || got["name"] != "ci" {
		t.Fatalf("get token: %v", got)
	}
	// Another user's token is not found, never shown.
	assertError(t, e.do(req{Method: "GET", Path: "/v1/me/tokens/" + tok["id"].(string), Token: adminToken}), 404, "not_found", "")
	e.must(204, req{Method: "DELETE", Path: "/v1/me/tokens/" + tok["id"].(string), Token: alice})
	assertError(t, e.do(req{Method: "GET", Path: "/v1/me", Token: tok["secret"].(string)}), 401, "unauthenticated", "")

	// Organizations and their members.
	org := e.must(201, req{Method: "POST", Path: "/v1/organizations", Token: alice, Body: map[string]any{"slug": "acme-org", "name": "Acme"}})
	if !strings.HasPrefix(org["id"].(string), "org_") || org["version"] != 1.0 {
		t.Fatalf("organization: %v", org)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/organizations", Token: alice}))); n != 1 {
		t.Fatalf("organizations: %d", n)
	}
	r = e.do(req{Method: "GET", Path: "/v1/organizations/acme-org", Token: alice})
	if r.Status != 200 || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("get organization: %s %v", r, r.Header)
	}
	if m := e.must(200, req{Method: "PATCH", Path: "/v1/organizations/" + org["id"].(string), Token: alice,
		Body: map[string]any{"name": "Acme Inc"}}); m["name"] != "Acme Inc" || m["version"] != 2.0 {
		t.Fatalf("patch organization: %v", m)
	}
	om := e.must(201, req{Method: "POST", Path: "/v1/organizations/acme-org/members", Token: alice,
		Body: map[string]any{"email": "bob@example.com", "role": "member"}})
	if om["email"] != "bob@example.com" || om["role"] != "member" {
		t.Fatalf("org member: %v", om)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/organizations/acme-org/members", Token: alice}))); n != 2 {
		t.Fatalf("org members: %d", n)
	}
	e.must(200, req{Method: "GET", Path: "/v1/organizations/acme-org/members/" + url.PathEscape("bob@example.com"), Token: alice})
	e.must(200, req{Method: "GET", Path: "/v1/organizations/acme-org/members/bob%40example.com", Token: alice})
	if m := e.must(200, req{Method: "PATCH", Path: "/v1/organizations/acme-org/members/bob@example.com", Token: alice,
		Body: map[string]any{"role": "owner"}}); m["role"] != "owner" {
		t.Fatalf("patch org member: %v", m)
	}
	e.must(204, req{Method: "DELETE", Path: "/v1/organizations/acme-org/members/" + om["user_id"].(string), Token: alice})
	e.must(204, req{Method: "DELETE", Path: "/v1/organizations/acme-org", Token: alice})
	assertError(t, e.do(req{Method: "GET", Path: "/v1/organizations/acme-org", Token: alice}), 404, "not_found", "")

	// Workspaces.
	r = e.do(req{Method: "POST", Path: "/v1/workspaces", Token: alice,
		Body: map[string]any{"slug": "acme", "name": "Acme", "plan": "enterprise", "settings": map[string]string{"team": "core"}}})
	ws := r.JSON(t)
	if r.Status != 201 || r.Header.Get("Location") != "/v1/workspaces/"+ws["id"].(string) || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("create workspace: %s %v", r, r.Header)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces", Token: alice}))); n != 1 {
		t.Fatalf("workspaces: %d", n)
	}
	if m := e.must(200, req{Method: "GET", Path: "/v1/workspaces/" + ws["id"].(string), Token: alice}); m["slug"] != "acme" {
		t.Fatalf("get workspace by id: %v", m)
	}
	if m := e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme", Token: alice,
		Body: map[string]any{"description": "the acme workspace"}}); m["description"] != "the acme workspace" || m["version"] != 2.0 {
		t.Fatalf("patch workspace: %v", m)
	}
	usage := e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/usage", Token: alice})
	if usage["plan"] != "enterprise" || usage["limits"] == nil || usage["usage"].(map[string]any)["members"] != 1.0 {
		t.Fatalf("usage: %v", usage)
	}

	// Workspace members.
	wm := e.must(201, req{Method: "POST", Path: "/v1/workspaces/acme/members", Token: alice,
		Body: map[string]any{"email": "Bob@Example.com", "role": "member"}})
	// Invited until bob first uses acme, although he already uses the platform.
	if wm["email"] != "bob@example.com" || wm["status"] != "invited" || wm["role"] != "member" {
		t.Fatalf("invite: %v", wm)
	}
	bobID := wm["user_id"].(string)
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/managing-organization/members", Token: alice}))); n != 0 {
		t.Fatalf("a workspace without a managing organization lists %d implicit admins", n)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/members", Token: alice}))); n != 2 {
		t.Fatalf("members: %d", n)
	}
	e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/members/bob@example.com", Token: bob})
	if m := e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme/members/" + bobID, Token: alice,
		Body: map[string]any{"role": "viewer"}}); m["role"] != "viewer" {
		t.Fatalf("patch member: %v", m)
	}

	// Projects, project members and effective access.
	r = e.do(req{Method: "POST", Path: "/v1/workspaces/acme/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	prj := r.JSON(t)
	if r.Status != 201 || r.Header.Get("Location") != "/v1/workspaces/acme/projects/"+prj["id"].(string) {
		t.Fatalf("create project: %s %v", r, r.Header)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/projects", Token: alice}))); n != 1 {
		t.Fatalf("projects: %d", n)
	}
	e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/projects/web", Token: alice})
	e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme/projects/" + prj["id"].(string), Token: alice,
		Body: map[string]any{"name": "Web site"}})
	pm := e.must(201, req{Method: "POST", Path: "/v1/workspaces/acme/projects/web/members", Token: alice,
		Body: map[string]any{"email": "bob@example.com", "role": "member"}})
	if pm["user_id"] != bobID || pm["role"] != "member" {
		t.Fatalf("project member: %v", pm)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/projects/web/members", Token: alice}))); n != 1 {
		t.Fatalf("project members: %d", n)
	}
	e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/projects/web/members/bob@example.com", Token: alice})
	e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme/projects/web/members/bob@example.com", Token: alice,
		Body: map[string]any{"role": "admin"}})
	access := e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/projects/web/access/bob@example.com", Token: alice})
	if access["role"] != "admin" || access["source"] != "override" || len(access["permissions"].([]any)) == 0 {
		t.Fatalf("access: %v", access)
	}
	e.must(204, req{Method: "DELETE", Path: "/v1/workspaces/acme/projects/web/members/" + bobID, Token: alice})

	// Custom roles.
	role := e.must(201, req{Method: "POST", Path: "/v1/workspaces/acme/roles", Token: alice,
		Body: map[string]any{"name": "auditor", "permissions": []string{"workspace.read", "members.read"}}})
	if !strings.HasPrefix(role["id"].(string), "role_") {
		t.Fatalf("role: %v", role)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/roles", Token: alice}))); n != 1 {
		t.Fatalf("roles: %d", n)
	}
	e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/roles/auditor", Token: alice})
	e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme/roles/" + role["id"].(string), Token: alice,
		Body: map[string]any{"description": "reads things"}})
	e.must(204, req{Method: "DELETE", Path: "/v1/workspaces/acme/roles/auditor", Token: alice})

	// API keys.
	key := e.must(201, req{Method: "POST", Path: "/v1/workspaces/acme/api-keys", Token: alice,
		Body: map[string]any{"name": "deployer", "access": "read_write"}})
	keyID, secret := key["id"].(string), key["secret"].(string)
	if !strings.HasPrefix(secret, "pk_") || key["prefix"] != secret[:12] {
		t.Fatalf("api key: %v", key)
	}
	for _, m := range []map[string]any{
		e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/api-keys/" + keyID, Token: alice}),
		items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/api-keys", Token: alice}))[0].(map[string]any),
		e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme/api-keys/" + keyID, Token: alice, Body: map[string]any{"name": "deploy"}}),
	} {
		if _, ok := m["secret"]; ok {
			t.Fatalf("secret outside create/rotate: %v", m)
		}
	}
	asKey := e.must(200, req{Method: "GET", Path: "/v1/me", Token: secret})
	if asKey["type"] != "api_key" || asKey["api_key_id"] != keyID || asKey["workspace_slug"] != "acme" {
		t.Fatalf("me as key: %v", asKey)
	}
	rot := e.must(200, req{Method: "POST", Path: "/v1/workspaces/acme/api-keys/" + keyID + "/rotate", Token: alice})
	if rot["secret"] == secret || !strings.HasPrefix(rot["secret"].(string), "pk_") {
		t.Fatalf("rotate: %v", rot)
	}
	secret = rot["secret"].(string)

	// Regions, clusters and operations (the key creates them: read_write holds clusters.manage).
	region := e.must(201, req{Method: "POST", Path: "/v1/workspaces/acme/regions", Token: secret,
		Body: map[string]any{"name": "eu-west", "description": "Europe"}})
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/regions", Token: alice}))); n != 1 {
		t.Fatalf("regions: %d", n)
	}
	e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/regions/eu-west", Token: alice})
	e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme/regions/" + region["id"].(string), Token: alice,
		Body: map[string]any{"description": "EU"}})

	r = e.do(req{Method: "POST", Path: "/v1/workspaces/acme/clusters", Token: secret, Body: map[string]any{
		"name": "prod-eu", "cloud": "aws", "location": "eu-central-1", "kubernetes_version": "1.30",
		"node_pools": nodePools(), "region_id": region["id"], "project_id": prj["id"]}})
	cls := r.JSON(t)
	if r.Status != 202 || cls["status"] != "provisioning" || !strings.HasPrefix(cls["operation_id"].(string), "op_") ||
		r.Header.Get("Location") != "/v1/workspaces/acme/clusters/"+cls["id"].(string) {
		t.Fatalf("create cluster: %s %v", r, r.Header)
	}
	op := e.must(200, req{Method: "GET", Path: "/v1/operations/" + cls["operation_id"].(string), Token: alice})
	wantKeys := []string{"created_at", "error", "id", "kind", "status", "target_id", "updated_at"}
	if got := keys(op); !slices.Equal(got, wantKeys) || op["kind"] != "cluster.create" || op["target_id"] != cls["id"] || op["status"] != "pending" {
		t.Fatalf("operation: %v (keys %v)", op, got)
	}
	e.finishOperations()
	if m := e.must(200, req{Method: "GET", Path: "/v1/operations/" + cls["operation_id"].(string), Token: alice}); m["status"] != "succeeded" {
		t.Fatalf("operation after delay: %v", m)
	}
	if m := e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/clusters/prod-eu", Token: alice}); m["status"] != "running" || m["endpoint"] == "" {
		t.Fatalf("cluster after provisioning: %v", m)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/clusters", Token: alice}))); n != 1 {
		t.Fatalf("clusters: %d", n)
	}
	// An immediate change answers 200; a version change starts an operation: 202.
	r = e.do(req{Method: "PATCH", Path: "/v1/workspaces/acme/clusters/prod-eu", Token: secret, Body: map[string]any{"project_id": ""}})
	if m := r.JSON(t); r.Status != 200 || m["operation_id"] != "" || m["project_id"] != "" {
		t.Fatalf("immediate cluster update: %s", r)
	}
	r = e.do(req{Method: "PATCH", Path: "/v1/workspaces/acme/clusters/" + cls["id"].(string), Token: secret, Body: map[string]any{"kubernetes_version": "1.31"}})
	if m := r.JSON(t); r.Status != 202 || m["status"] != "updating" || m["operation_id"] == "" || r.Header.Get("ETag") != strconv.Quote(strconv.Itoa(int(m["version"].(float64)))) {
		t.Fatalf("async cluster update: %s %v", r, r.Header)
	}
	e.finishOperations()
	e.exerciseInstallations(t, "acme", secret, cls["id"].(string)) // installations_test.go
	exerciseDeployments(t, e, alice, "acme", "web", cls["id"].(string))
	r = e.do(req{Method: "DELETE", Path: "/v1/workspaces/acme/clusters/prod-eu", Token: secret})
	if m := r.JSON(t); r.Status != 202 || m["status"] != "deleting" || m["operation_id"] == "" {
		t.Fatalf("delete cluster: %s", r)
	}
	e.finishOperations()
	assertError(t, e.do(req{Method: "GET", Path: "/v1/workspaces/acme/clusters/prod-eu", Token: alice}), 404, "not_found", "")
	e.must(204, req{Method: "DELETE", Path: "/v1/workspaces/acme/regions/eu-west", Token: alice})
	e.must(204, req{Method: "DELETE", Path: "/v1/workspaces/acme/api-keys/" + keyID, Token: alice})
	e.must(204, req{Method: "DELETE", Path: "/v1/workspaces/acme/projects/web", Token: alice})

	exerciseProducts(t, e, "acme", alice, bob)
	exerciseBilling(t, e, alice, "acme") // subscriptions_test.go
	exerciseSecrets(t, e, alice, "acme")

	e.must(200, req{Method: "POST", Path: "/v1/plan-sessions/plan-0123456789/deletes", Token: alice,
		Body: map[string]any{"workspace_id": "acme", "deletes": []any{map[string]any{"kind": "project", "target_id": "prj_x"}}}})
	e.must(200, req{Method: "POST", Path: "/v1/plan-sessions/plan-0123456789/dry-runs", Token: alice,
		Body: map[string]any{"calls": []any{map[string]any{"method": "POST", "path": "/v1/workspaces/acme/projects",
			"body": map[string]any{"slug": "later", "name": "Later"}}}}})
	e.must(200, req{Method: "GET", Path: "/v1/plan-sessions/plan-0123456789", Token: alice})
	audit := items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/audit-events?page_size=200", Token: alice}))
	if len(audit) < 10 || audit[0].(map[string]any)["action"] != "workspace.create" || audit[0].(map[string]any)["actor"] != aliceID {
		t.Fatalf("audit events: %v", audit)
	}

	// Ownership moves to bob; alice stays as admin; bob can then delete the workspace.
	e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/acme/members/bob@example.com", Token: alice, Body: map[string]any{"role": "admin"}})
	if m := e.must(200, req{Method: "POST", Path: "/v1/workspaces/acme/transfer-ownership", Token: alice,
		Body: map[string]any{"email": "bob@example.com"}}); m["role"] != "owner" || m["user_id"] != bobID {
		t.Fatalf("transfer: %v", m)
	}
	if m := e.must(200, req{Method: "GET", Path: "/v1/workspaces/acme/members/" + aliceID, Token: bob}); m["role"] != "admin" {
		t.Fatalf("previous owner: %v", m)
	}
	e.must(204, req{Method: "DELETE", Path: "/v1/workspaces/acme/members/alice@example.com", Token: bob})
	e.must(204, req{Method: "DELETE", Path: "/v1/workspaces/acme", Token: bob})
	assertError(t, e.do(req{Method: "GET", Path: "/v1/workspaces/acme", Token: bob}), 404, "not_found", "")

	e.mu.Lock()
	defer e.mu.Unlock()
	for _, rt := range httpapi.Routes() {
		if !e.hits[rt.Method+" "+rt.Pattern] {
			t.Errorf("route %s %s (%s) was not exercised on its happy path", rt.Method, rt.Pattern, rt.Name)
		}
	}
}

// finishOperations runs every pending cluster operation to its end.
func (e *env) finishOperations() {
	e.tb.Helper()
	for range 3 {
		if _, err := e.svc.AdvanceOperations(e.ctx); err != nil {
			e.tb.Fatal(err)
		}
		e.clock.Advance(2 * time.Second)
	}
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestRoutesAreUniqueAndCoverSection8(t *testing.T) {
	seen := map[string]bool{}
	for _, rt := range httpapi.Routes() {
		k := rt.Method + " " + rt.Pattern
		if seen[k] || seen[rt.Name] {
			t.Errorf("duplicate route %s (%s)", k, rt.Name)
		}
		seen[k], seen[rt.Name] = true, true
	}
	// Section 8, as written there.
	for _, k := range []string{
		"GET /v1/me", "GET /v1/me/tokens", "POST /v1/me/tokens", "GET /v1/me/tokens/{id}", "DELETE /v1/me/tokens/{id}",
		"GET /v1/kubernetes-versions", "POST /v1/admin/users/{email}/tokens",
		"POST /v1/organizations", "GET /v1/organizations",
		"GET /v1/organizations/{org}", "PATCH /v1/organizations/{org}", "DELETE /v1/organizations/{org}",
		"GET /v1/organizations/{org}/members", "POST /v1/organizations/{org}/members",
		"GET /v1/organizations/{org}/members/{member}", "PATCH /v1/organizations/{org}/members/{member}",
		"DELETE /v1/organizations/{org}/members/{member}",
		"POST /v1/workspaces", "GET /v1/workspaces", "GET /v1/workspaces/{ws}", "PATCH /v1/workspaces/{ws}",
		"DELETE /v1/workspaces/{ws}", "POST /v1/workspaces/{ws}/transfer-ownership",
		"GET /v1/workspaces/{ws}/usage", "GET /v1/workspaces/{ws}/audit-events",
		"GET /v1/workspaces/{ws}/members", "POST /v1/workspaces/{ws}/members",
		"GET /v1/workspaces/{ws}/members/{member}", "PATCH /v1/workspaces/{ws}/members/{member}",
		"DELETE /v1/workspaces/{ws}/members/{member}",
		"GET /v1/workspaces/{ws}/projects", "POST /v1/workspaces/{ws}/projects",
		"GET /v1/workspaces/{ws}/projects/{prj}", "PATCH /v1/workspaces/{ws}/projects/{prj}",
		"DELETE /v1/workspaces/{ws}/projects/{prj}",
		"GET /v1/workspaces/{ws}/projects/{prj}/members", "POST /v1/workspaces/{ws}/projects/{prj}/members",
		"GET /v1/workspaces/{ws}/projects/{prj}/members/{member}", "PATCH /v1/workspaces/{ws}/projects/{prj}/members/{member}",
		"DELETE /v1/workspaces/{ws}/projects/{prj}/members/{member}",
		"GET /v1/workspaces/{ws}/projects/{prj}/access/{member}",
		"GET /v1/workspaces/{ws}/roles", "POST /v1/workspaces/{ws}/roles",
		"GET /v1/workspaces/{ws}/roles/{role}", "PATCH /v1/workspaces/{ws}/roles/{role}", "DELETE /v1/workspaces/{ws}/roles/{role}",
		"GET /v1/workspaces/{ws}/api-keys", "POST /v1/workspaces/{ws}/api-keys",
		"GET /v1/workspaces/{ws}/api-keys/{key}", "PATCH /v1/workspaces/{ws}/api-keys/{key}",
		"DELETE /v1/workspaces/{ws}/api-keys/{key}", "POST /v1/workspaces/{ws}/api-keys/{key}/rotate",
		"GET /v1/workspaces/{ws}/regions", "POST /v1/workspaces/{ws}/regions",
		"GET /v1/workspaces/{ws}/regions/{region}", "PATCH /v1/workspaces/{ws}/regions/{region}",
		"DELETE /v1/workspaces/{ws}/regions/{region}",
		"GET /v1/workspaces/{ws}/clusters", "POST /v1/workspaces/{ws}/clusters",
		"GET /v1/workspaces/{ws}/clusters/{cluster}", "PATCH /v1/workspaces/{ws}/clusters/{cluster}",
		"DELETE /v1/workspaces/{ws}/clusters/{cluster}",
		"GET /v1/workspaces/{ws}/projects/{prj}/deployments", "POST /v1/workspaces/{ws}/projects/{prj}/deployments",
		"GET /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}", "PATCH /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}",
		"DELETE /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}",
		"POST /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/redeploy",
		"GET /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/logs", "POST /v1/github/webhook",
		"GET /v1/operations/{op}", "GET /v1/openapi.json", "GET /healthz",
	} {
		if !seen[k] {
			t.Errorf("section 8 endpoint %s is not routed", k)
		}
	}
	// Section 8 lists 64; section 9 adds GET /v1/me/tokens/{id}; plan sessions (docs/platform.md)
	// add GET /v1/plan-sessions/{session}.
	// Beyond them (docs/platform.md): the plan sessions, and who administers a workspace
	// through its managing organization.
	for _, k := range []string{"GET /v1/plan-sessions/{session}", "POST /v1/plan-sessions/{session}/deletes",
		"POST /v1/plan-sessions/{session}/dry-runs", "GET /v1/workspaces/{ws}/managing-organization/members"} {
		if !seen[k] {
			t.Errorf("%s is not routed", k)
		}
	}
	// Section 11.
	section11 := slices.Concat(productRoutes, installationRoutes, deploymentRoutes, secretsRoutes)
	for _, k := range section11 {
		if !seen[k] {
			t.Errorf("section 8 endpoint %s is not routed", k)
		}
	}
	for _, k := range billingRoutes {
		if !seen[k] {
			t.Errorf("section 12 endpoint %s is not routed", k)
		}
	}
	if n, want := len(httpapi.Routes()), 69+len(section11)+len(billingRoutes); n != want {
		t.Errorf("got %d routes, want %d: the 65 of sections 8 and 9, the 4 of docs/platform.md and those of sections 11 and 12", n, want)
	}
}
