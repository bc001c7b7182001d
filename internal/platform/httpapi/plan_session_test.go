package httpapi_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// A plan session relates the dry runs of one plan: the dry-run DELETEs made in it are
// recorded, a workspace's dry-run DELETE does not count what the session deletes, removing the
// last owner passes when the session deletes the workspace, and real calls ignore it all.
func TestPlanSession(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	bob := e.token("bob@example.com")
	ws := e.workspace(alice, "")
	base := "/v1/workspaces/" + ws
	prj := e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: map[string]any{"slug": "manual", "name": "Manual"}})
	const session = "plan-0123456789"
	dry := func(method, path, token string) *response {
		return e.do(req{Method: method, Path: path + "?validate_only=true", Token: token,
			Header: map[string]string{"Platform-Plan-Session": session}})
	}

	// A malformed session id is refused on dry runs.
	assertError(t, e.do(req{Method: "DELETE", Path: base + "/projects/web?validate_only=true", Token: alice,
		Header: map[string]string{"Platform-Plan-Session": "bad id"}}), 400, "invalid_argument", "Platform-Plan-Session")

	// The workspace first (as Terraform plans a workspace removed from the configuration before
	// its contents): both projects block it.
	r := dry("DELETE", base, alice)
	if er := assertError(t, r, 409, "failed_precondition", ""); len(detailFields(er)) != 2 {
		t.Fatalf("both projects should block: %s", r)
	}
	// Once the session also deletes web, only manual blocks, and the message says so.
	if r := dry("DELETE", base+"/projects/web", alice); r.Status != 200 {
		t.Fatalf("dry-run project delete: %s", r)
	}
	r = dry("DELETE", base, alice)
	er := assertError(t, r, 409, "failed_precondition", "projects/"+fieldID(t, e, alice, base+"/projects/manual"))
	if d := detailFields(er); len(d) != 1 || !strings.Contains(er["message"].(string), "besides what this plan deletes") {
		t.Fatalf("only manual should block: %s", r)
	}
	dry("DELETE", base+"/projects/manual", alice)
	if r := dry("DELETE", base, alice); r.Status != 200 {
		t.Fatalf("the session deletes everything that blocked: %s", r)
	}
	// Another plan session, and the real call, still see both projects.
	if r := e.do(req{Method: "DELETE", Path: base + "?validate_only=true", Token: alice,
		Header: map[string]string{"Platform-Plan-Session": "other-0123456789"}}); r.Status != 409 {
		t.Fatalf("another session: %s", r)
	}
	assertError(t, e.do(req{Method: "DELETE", Path: base, Token: alice,
		Header: map[string]string{"Platform-Plan-Session": session}}), 409, "failed_precondition", "")

	// The last owner may go only in a plan that deletes the workspace with her.
	assertError(t, e.do(req{Method: "DELETE", Path: base + "/members/alice@example.com?validate_only=true", Token: alice,
		Header: map[string]string{"Platform-Plan-Session": "keep-0123456789"}}), 409, "failed_precondition", "")
	if r := dry("DELETE", base+"/members/alice@example.com", alice); r.Status != 200 {
		t.Fatalf("last owner in a plan that deletes the workspace: %s", r)
	}
	assertError(t, e.do(req{Method: "DELETE", Path: base + "/members/alice@example.com", Token: alice}), 409, "failed_precondition", "")

	// The session lists what it plans, in order; it is alice's alone.
	s := e.must(200, req{Method: "GET", Path: "/v1/plan-sessions/" + session, Token: alice})
	var got []string
	for _, d := range s["deletes"].([]any) {
		m := d.(map[string]any)
		got = append(got, m["kind"].(string)+":"+m["target_id"].(string))
	}
	want := []string{"workspace:" + wsID(t, e, alice, ws), "project:" + prj["id"].(string),
		"project:" + fieldID(t, e, alice, base+"/projects/manual"), "workspace_member:" + userID(t, e, alice)}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("session deletes %v, want %v", got, want)
	}
	if s := e.must(200, req{Method: "GET", Path: "/v1/plan-sessions/" + session, Token: bob}); len(s["deletes"].([]any)) != 0 {
		t.Fatalf("bob sees alice's session: %v", s)
	}
	assertError(t, e.do(req{Method: "GET", Path: "/v1/plan-sessions/short", Token: alice}), 400, "invalid_argument", "id")
	// A region holding a cluster can go in a plan that also deletes the cluster.
	e.must(201, req{Method: "POST", Path: base + "/regions", Token: alice, Body: map[string]any{"name": "eu-west"}})
	e.must(202, req{Method: "POST", Path: base + "/clusters", Token: alice, Body: map[string]any{"name": "prod", "region_id": fieldID(t, e, alice, base+"/regions/eu-west"),
		"cloud": "aws", "location": "eu-central-1", "kubernetes_version": "1.31", "node_pools": nodePools()}})
	assertError(t, dry("DELETE", base+"/regions/eu-west", alice), 409, "failed_precondition", "")
	if r := dry("DELETE", base+"/clusters/prod", alice); r.Status != 200 {
		t.Fatalf("dry-run cluster delete: %s", r)
	}
	if r := dry("DELETE", base+"/regions/eu-west", alice); r.Status != 200 {
		t.Fatalf("region whose cluster the session deletes: %s", r)
	}

	// Deletes a plan makes without a dry run of each can be declared in one call; they count
	// like dry-run deletes, in that session only.
	const declared = "declared-0123456789"
	decl := func(body any) *response {
		return e.do(req{Method: "POST", Path: "/v1/plan-sessions/" + declared + "/deletes", Token: alice, Body: body})
	}
	assertError(t, decl(map[string]any{"workspace_id": ws, "deletes": []any{map[string]any{"kind": "workspace", "target_id": "x"}}}),
		400, "invalid_argument", "deletes[0].kind")
	assertError(t, decl(map[string]any{"workspace_id": ws, "deletes": []any{}}), 400, "invalid_argument", "deletes")
	assertError(t, e.do(req{Method: "POST", Path: "/v1/plan-sessions/" + declared + "/deletes", Token: bob,
		Body: map[string]any{"workspace_id": ws, "deletes": []any{map[string]any{"kind": "project", "target_id": "prj_x"}}}}), 404, "not_found", "")
	var targets []any
	for _, p := range []string{"web", "manual"} {
		targets = append(targets, map[string]any{"kind": "project", "target_id": fieldID(t, e, alice, base+"/projects/"+p)})
	}
	targets = append(targets, map[string]any{"kind": "region", "target_id": fieldID(t, e, alice, base+"/regions/eu-west")},
		map[string]any{"kind": "cluster", "target_id": fieldID(t, e, alice, base+"/clusters/prod")})
	if r := decl(map[string]any{"workspace_id": ws, "deletes": targets}); r.Status != 200 || len(r.JSON(t)["deletes"].([]any)) != 4 {
		t.Fatalf("declare: %s", r)
	}
	if r := e.do(req{Method: "DELETE", Path: base + "?validate_only=true", Token: alice,
		Header: map[string]string{"Platform-Plan-Session": declared}}); r.Status != 200 {
		t.Fatalf("workspace dry run in the declared session: %s", r)
	}

	// Nothing was deleted by any of it.
	e.must(200, req{Method: "GET", Path: base + "/projects/web", Token: alice})
	e.must(200, req{Method: "GET", Path: base + "/members/alice@example.com", Token: alice})
}

func fieldID(t *testing.T, e *env, token, path string) string {
	t.Helper()
	return e.must(200, req{Method: "GET", Path: path, Token: token})["id"].(string)
}

func wsID(t *testing.T, e *env, token, slug string) string {
	t.Helper()
	return fieldID(t, e, token, "/v1/workspaces/"+slug)
}

func userID(t *testing.T, e *env, token string) string {
	t.Helper()
	return e.must(200, req{Method: "GET", Path: "/v1/me", Token: token})["user_id"].(string)
}

// A batch of dry runs answers each call exactly as the call alone would, in one request that
// the rate limit counts once; its calls are judged in the session, in order.
func TestPlanSessionDryRunBatch(t *testing.T) {
	e := newEnv(t, httpapi.Options{RateLimit: 0.001, RateBurst: 8})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "") // free plan: 3 projects
	base := "/v1/workspaces/" + ws
	e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	project := func(slug string) map[string]any {
		return map[string]any{"method": "POST", "path": base + "/projects", "body": map[string]any{"slug": slug, "name": slug}}
	}
	calls := []any{
		project("shop"), project("shop"), // the second claims the first's slug
		project("data"), project("extra"), // data reaches 3; extra would make 4
		map[string]any{"method": "PATCH", "path": base + "/projects/web", "if_match": `"1"`, "body": map[string]any{"name": "Web 2"}},
		map[string]any{"method": "PATCH", "path": base + "/projects/web", "if_match": `"7"`, "body": map[string]any{"name": "Web 3"}},
		map[string]any{"method": "DELETE", "path": base + "/projects/nope"},
		map[string]any{"method": "DELETE", "path": base + "?force=true"},
	}
	r := e.must(200, req{Method: "POST", Path: "/v1/plan-sessions/plan-batch-0001/dry-runs", Token: alice,
		Body: map[string]any{"calls": calls}})
	results := r["results"].([]any)
	want := []struct {
		status int
		text   string
	}{
		{200, `"slug":"shop"`}, {409, "already created by another resource of this plan"},
		{200, `"slug":"data"`}, {409, "4 in all"},
		{200, `"name":"Web 2"`}, {412, "aborted"}, {404, "not_found"}, {200, ""},
	}
	if len(results) != len(want) {
		t.Fatalf("%d results, want %d: %v", len(results), len(want), r)
	}
	for i, w := range want {
		res := results[i].(map[string]any)
		body, _ := json.Marshal(res["body"])
		if int(res["status"].(float64)) != w.status || !strings.Contains(string(body), w.text) || res["request_id"] == "" {
			t.Errorf("call %d: status %v body %s, want %d with %q", i, res["status"], body, w.status, w.text)
		}
	}
	// Nothing was written, and the workspace's delete in the session was recorded.
	if got := items(t, e.must(200, req{Method: "GET", Path: base + "/projects", Token: alice})); len(got) != 1 {
		t.Errorf("%d projects after a batch of dry runs, want 1", len(got))
	}
	s := e.must(200, req{Method: "GET", Path: "/v1/plan-sessions/plan-batch-0001", Token: alice})
	if len(s["deletes"].([]any)) != 1 || len(s["creates"].([]any)) != 2 {
		t.Errorf("session: %v", s)
	}
	// The batch counted once against alice's bucket of 8: five requests so far (workspace,
	// project, batch and the two reads above), so three more pass.
	passed := 0
	for e.do(req{Method: "GET", Path: base, Token: alice}).Status == 200 {
		passed++
	}
	if passed != 3 {
		t.Errorf("%d requests passed after the batch, want 3: the batch counts once", passed)
	}

	bad := newEnv(t, httpapi.Options{})
	bob := bad.token("bob@example.com")
	for _, c := range []struct {
		body  any
		field string
	}{
		{map[string]any{"calls": []any{}}, "calls"},
		{map[string]any{"calls": []any{map[string]any{"method": "GET", "path": "/v1/me"}}}, "calls[0].method"},
		{map[string]any{"calls": []any{map[string]any{"method": "POST", "path": "/v1/plan-sessions/x-12345678/dry-runs"}}}, "calls[0].path"},
		{map[string]any{"calls": []any{map[string]any{"method": "POST", "path": "http://elsewhere/v1/workspaces"}}}, "calls[0].path"},
		{map[string]any{"calls": []any{map[string]any{"method": "POST", "path": "/healthz"}}}, "calls[0].path"},
	} {
		r := bad.do(req{Method: "POST", Path: "/v1/plan-sessions/plan-batch-0002/dry-runs", Token: bob, Body: c.body})
		if er := assertError(t, r, 400, "invalid_argument", ""); !slices.Contains(detailFields(er), c.field) {
			t.Errorf("%v: fields %v, want %s", c.body, detailFields(er), c.field)
		}
	}
}
