package httpapi_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// Deployments and GitHub's webhook over HTTP (docs/platform.md section 11).

// testWebhookSecret is the webhook secret of every env's service (newEnvWith).
const testWebhookSecret = "whsec-httpapi-test"

// gitHubInstallation connects ws (its id) to GitHub's installation githubID in the store.
func (e *env) gitHubInstallation(wsSlug string, githubID int64) string {
	e.tb.Helper()
	g := &platform.GitHubInstallation{ID: platform.NewID(platform.PrefixGitHubInstallation), InstallationID: githubID,
		AccountLogin: "acme", AccountType: platform.GitHubAccountOrganization, RepositorySelection: platform.RepositorySelectionAll,
		Repositories: []string{}, Status: platform.GitHubActive}
	g.Stamp(e.clock.Now())
	if err := e.store.Update(e.ctx, func(tx platform.Tx) error {
		ws, err := tx.GetWorkspaceBySlug(wsSlug)
		if err != nil {
			return err
		}
		g.WorkspaceID = ws.ID
		return tx.CreateGitHubInstallation(g)
	}); err != nil {
		e.tb.Fatal(err)
	}
	return g.ID
}

// push is a GitHub push delivery signed with secret.
func push(secret, delivery string, installationID int64, repo, branch, sha string) req {
	body, _ := json.Marshal(map[string]any{"ref": "refs/heads/" + branch, "after": sha,
		"repository": map[string]any{"full_name": repo}, "installation": map[string]any{"id": installationID}})
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return req{Method: "POST", Path: "/v1/github/webhook", Body: body, Header: map[string]string{
		"X-GitHub-Event": "push", "X-GitHub-Delivery": delivery, "X-Hub-Signature-256": "sha256=" + hex.EncodeToString(mac.Sum(nil))}}
}

// exerciseDeployments walks every deployment route and the webhook on their happy paths, in
// project prj of ws, on cluster (TestEveryEndpoint).
func exerciseDeployments(t *testing.T, e *env, token, ws, prj, cluster string) {
	t.Helper()
	base := "/v1/workspaces/" + ws + "/projects/" + prj + "/deployments"
	ghi := e.gitHubInstallation(ws, 31337)
	r := e.do(req{Method: "POST", Path: base, Token: token, Body: map[string]any{"name": "backend", "cluster_id": cluster,
		"image": "ghcr.io/acme/api:1.0.0", "env": map[string]string{"PORT": "8080"},
		"source": map[string]any{"github_installation_id": ghi, "repository": "acme/api", "branch": "main"}}})
	dep := r.JSON(t)
	if r.Status != 202 || dep["status"] != "deploying" || dep["revision"] != 1.0 || !strings.HasPrefix(dep["operation_id"].(string), "op_") ||
		r.Header.Get("Location") != base+"/"+dep["id"].(string) || r.Header.Get("ETag") != `"1"` ||
		!strings.HasPrefix(dep["url"].(string), "https://backend-") {
		t.Fatalf("create deployment: %s %v", r, r.Header)
	}
	if op := e.must(200, req{Method: "GET", Path: "/v1/operations/" + dep["operation_id"].(string), Token: token}); op["kind"] != "deployment.create" {
		t.Fatalf("deployment operation: %v", op)
	}
	e.finishOperations()
	if m := e.must(200, req{Method: "GET", Path: base + "/backend", Token: token}); m["status"] != "running" || m["source"] == nil {
		t.Fatalf("deployment after the delay: %v", m)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: base, Token: token}))); n != 1 {
		t.Fatalf("deployments: %d", n)
	}
	r = e.do(req{Method: "PATCH", Path: base + "/" + dep["id"].(string), Token: token, Body: map[string]any{"replicas": 2}})
	if m := r.JSON(t); r.Status != 202 || m["revision"] != 2.0 || m["operation_id"] == "" {
		t.Fatalf("update deployment: %s", r)
	}
	r = e.do(req{Method: "POST", Path: base + "/backend/redeploy", Token: token})
	if m := r.JSON(t); r.Status != 202 || m["revision"] != 3.0 || m["operation_id"] == "" || r.Header.Get("Location") != "" {
		t.Fatalf("redeploy: %s %v", r, r.Header)
	}
	e.finishOperations()
	if m := e.must(202, push(testWebhookSecret, "delivery-every-endpoint", 31337, "acme/api", "main", strings.Repeat("a", 40))); m["deployments"] != 1.0 {
		t.Fatalf("webhook: %v", m)
	}
	e.finishOperations()
	logs := e.must(200, req{Method: "GET", Path: base + "/backend/logs?limit=1000", Token: token})
	lines, _ := logs["lines"].([]any)
	if len(lines) != 8 {
		t.Fatalf("logs: %v", logs)
	}
	if l := lines[6].(map[string]any); l["revision"] != 4.0 || !strings.Contains(l["message"].(string), "commit "+strings.Repeat("a", 40)) || l["at"] == "" {
		t.Fatalf("log line: %v", l)
	}
	r = e.do(req{Method: "DELETE", Path: base + "/backend", Token: token})
	if m := r.JSON(t); r.Status != 202 || m["status"] != "deleting" || m["operation_id"] == "" {
		t.Fatalf("delete deployment: %s", r)
	}
	e.finishOperations()
	assertError(t, e.do(req{Method: "GET", Path: base + "/backend", Token: token}), 404, "not_found", "")
	if err := e.store.Update(e.ctx, func(tx platform.Tx) error { return tx.DeleteGitHubInstallation(dep["workspace_id"].(string), ghi) }); err != nil {
		t.Fatal(err)
	}
}

func TestDeploymentRequests(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	cluster := e.runningCluster(ws, alice)
	base := "/v1/workspaces/" + ws + "/projects/web/deployments"
	body := func(name string) map[string]any {
		return map[string]any{"name": name, "cluster_id": cluster, "image": "ghcr.io/acme/web:1.0.0"}
	}

	t.Run("idempotent create", func(t *testing.T) {
		q := req{Method: "POST", Path: base, Token: alice, Body: body("idem"), Header: map[string]string{"Idempotency-Key": "create-idem"}}
		first := e.do(q)
		again := e.do(q)
		if first.Status != 202 || again.Status != 202 || string(first.Body) != string(again.Body) || again.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay: %s / %s %v", first, again, again.Header)
		}
		other := q
		other.Body = body("idem2")
		assertError(t, e.do(other), 422, "idempotency_mismatch", "")
	})

	t.Run("validate_only", func(t *testing.T) {
		m := e.must(200, req{Method: "POST", Path: base + "?validate_only=true", Token: alice, Body: body("dry")})
		if m["id"] != "" || m["operation_id"] != "" || m["status"] != "deploying" || m["name"] != "dry" {
			t.Fatalf("dry create: %v", m)
		}
		assertError(t, e.do(req{Method: "GET", Path: base + "/dry", Token: alice}), 404, "not_found", "")
		m = e.must(200, req{Method: "PATCH", Path: base + "/idem?validate_only=true", Token: alice, Body: map[string]any{"replicas": 0}})
		if m["operation_id"] != "" || m["revision"] != 2.0 || m["id"] == "" {
			t.Fatalf("dry update: %v", m)
		}
		m = e.must(200, req{Method: "POST", Path: base + "/idem/redeploy?validate_only=true", Token: alice})
		if m["operation_id"] != "" || m["revision"] != 2.0 {
			t.Fatalf("dry redeploy: %v", m)
		}
		m = e.must(200, req{Method: "DELETE", Path: base + "/idem?validate_only=true", Token: alice})
		if m["status"] != "deleting" || m["operation_id"] != "" {
			t.Fatalf("dry delete: %v", m)
		}
		if got := e.must(200, req{Method: "GET", Path: base + "/idem", Token: alice}); got["revision"] != 1.0 || got["version"] != 1.0 {
			t.Fatalf("dry runs changed it: %v", got)
		}
	})

	t.Run("status codes and If-Match", func(t *testing.T) {
		e.finishOperations()
		r := e.do(req{Method: "GET", Path: base + "/idem", Token: alice})
		etag := r.Header.Get("ETag")
		if r.Status != 200 || etag != fmt.Sprintf(`"%d"`, int(r.JSON(t)["version"].(float64))) {
			t.Fatalf("get: %s %v", r, r.Header)
		}
		// A rename alone: 200, no operation.
		r = e.do(req{Method: "PATCH", Path: base + "/idem", Token: alice, Body: map[string]any{"name": "renamed"}, Header: map[string]string{"If-Match": etag}})
		if m := r.JSON(t); r.Status != 200 || m["operation_id"] != "" || m["name"] != "renamed" {
			t.Fatalf("rename: %s", r)
		}
		assertError(t, e.do(req{Method: "PATCH", Path: base + "/renamed", Token: alice, Body: map[string]any{"replicas": 3},
			Header: map[string]string{"If-Match": etag}}), 412, "aborted", "")
		assertError(t, e.do(req{Method: "DELETE", Path: base + "/renamed", Token: alice, Header: map[string]string{"If-Match": etag}}), 412, "aborted", "")
		assertError(t, e.do(req{Method: "PATCH", Path: base + "/renamed", Token: alice, Body: map[string]any{"cluster_id": "cls_aaaaaaaaaaaaaaaa"}}),
			400, "invalid_argument", "cluster_id")
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": "bad-one", "cluster_id": "cls_aaaaaaaaaaaaaaaa",
			"image": "ghcr.io/acme/web:1"}}), 400, "invalid_argument", "cluster_id")
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": "bad-two", "cluster_id": cluster,
			"image": "ghcr.io/acme/web:1", "secrets": []string{"NOPE"}}}), 400, "invalid_argument", "secrets[0]")
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": "bad-three", "cluster_id": cluster,
			"image": "ghcr.io/acme/web:1", "replicas": "two"}}), 400, "invalid_argument", "replicas")
		assertError(t, e.do(req{Method: "POST", Path: base + "/renamed/redeploy", Token: alice, Body: map[string]any{"image": "x"}}),
			400, "invalid_argument", "image")
		e.must(202, req{Method: "POST", Path: base + "/renamed/redeploy", Token: alice, Body: map[string]any{}})
		assertError(t, e.do(req{Method: "GET", Path: base + "/nope", Token: alice}), 404, "not_found", "")
		// A project with deployments cannot be deleted.
		assertError(t, e.do(req{Method: "DELETE", Path: "/v1/workspaces/" + ws + "/projects/web", Token: alice}), 409, "failed_precondition", "")
	})

	t.Run("logs parameters", func(t *testing.T) {
		logs := base + "/renamed/logs"
		for _, q := range []string{"?limit=0", "?limit=1001", "?limit=ten", "?limit="} {
			assertError(t, e.do(req{Method: "GET", Path: logs + q, Token: alice}), 400, "invalid_argument", "limit")
		}
		for _, q := range []string{"?since=yesterday", "?since=", "?since=2030-01-02"} {
			assertError(t, e.do(req{Method: "GET", Path: logs + q, Token: alice}), 400, "invalid_argument", "since")
		}
		one := e.must(200, req{Method: "GET", Path: logs + "?limit=1", Token: alice})
		if lines := one["lines"].([]any); len(lines) != 1 {
			t.Fatalf("limit=1: %v", one)
		}
		late := e.must(200, req{Method: "GET", Path: logs + "?since=2100-01-01T00:00:00Z", Token: alice})
		if lines := late["lines"].([]any); len(lines) != 0 {
			t.Fatalf("since the future: %v", late)
		}
		all := e.must(200, req{Method: "GET", Path: logs + "?since=" + "2030-01-02T00:00:00%2B01:00", Token: alice})
		if lines := all["lines"].([]any); len(lines) < 3 {
			t.Fatalf("since with an offset: %v", all)
		}
	})

	t.Run("pagination", func(t *testing.T) {
		e.must(202, req{Method: "POST", Path: base, Token: alice, Body: body("second")})
		page := e.must(200, req{Method: "GET", Path: base + "?page_size=1", Token: alice})
		if len(items(t, page)) != 1 || page["next_page_token"] == "" {
			t.Fatalf("first page: %v", page)
		}
		next := e.must(200, req{Method: "GET", Path: base + "?page_size=1&page_token=" + page["next_page_token"].(string), Token: alice})
		if len(items(t, next)) != 0 && items(t, next)[0].(map[string]any)["id"] == items(t, page)[0].(map[string]any)["id"] {
			t.Fatalf("second page repeats the first: %v", next)
		}
	})
}

func TestGitHubWebhookRequests(t *testing.T) {
	e := newEnv(t, httpapi.Options{RateLimit: 1, RateBurst: 30})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	cluster := e.runningCluster(ws, alice)
	ghi := e.gitHubInstallation(ws, 99)
	path := "/v1/workspaces/" + ws + "/projects/web/deployments/site"
	e.must(202, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects/web/deployments", Token: alice, Body: map[string]any{
		"name": "site", "cluster_id": cluster, "image": "ghcr.io/acme/site:1",
		"source": map[string]any{"github_installation_id": ghi, "repository": "acme/site", "branch": "main"}}})
	e.finishOperations()
	revision := func() float64 { return e.must(200, req{Method: "GET", Path: path, Token: alice})["revision"].(float64) }
	sha := strings.Repeat("b", 40)

	good := push(testWebhookSecret, "d-1", 99, "acme/site", "main", sha)
	bad := push("not-the-secret", "d-1", 99, "acme/site", "main", sha)
	unsigned := push(testWebhookSecret, "d-1", 99, "acme/site", "main", sha)
	delete(unsigned.Header, "X-Hub-Signature-256")
	for _, q := range []req{bad, unsigned} {
		assertError(t, e.do(q), 401, "unauthenticated", "")
	}
	if revision() != 1 {
		t.Fatal("a refused delivery made a revision")
	}
	// Headers meant for the API change nothing: no dry run, no idempotency record.
	withKey := good
	withKey.Path += "?validate_only=true"
	withKey.Header = map[string]string{"Idempotency-Key": "k"}
	for k, v := range good.Header {
		withKey.Header[k] = v
	}
	if m := e.must(202, withKey); m["deployments"] != 1.0 {
		t.Fatalf("push: %v", m)
	}
	if revision() != 2 {
		t.Fatal("the push made no revision")
	}
	if m := e.must(202, good); m["deployments"] != 0.0 || revision() != 2 {
		t.Fatalf("redelivery: %v", m)
	}
	noDelivery := push(testWebhookSecret, "", 99, "acme/site", "main", sha)
	assertError(t, e.do(noDelivery), 400, "invalid_argument", "X-GitHub-Delivery")
	ping := push(testWebhookSecret, "d-ping", 99, "acme/site", "main", sha)
	ping.Header["X-GitHub-Event"] = "ping"
	if m := e.must(202, ping); m["deployments"] != 0.0 {
		t.Fatalf("ping: %v", m)
	}
	// Unauthenticated requests are rate limited by client address.
	limited := false
	for range 40 {
		if r := e.do(bad); r.Status == 429 {
			limited = r.Header.Get("Retry-After") != ""
			break
		}
	}
	if !limited {
		t.Fatal("the webhook is not rate limited")
	}
	if strings.Contains(e.logs.String(), testWebhookSecret) {
		t.Fatal("the webhook secret is in the logs")
	}
}

// deploymentRoutes are section 8's deployment endpoints and GitHub's webhook.
var deploymentRoutes = []string{"GET /v1/workspaces/{ws}/projects/{prj}/deployments",
	"POST /v1/workspaces/{ws}/projects/{prj}/deployments", "GET /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}",
	"PATCH /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}", "DELETE /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}",
	"POST /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/redeploy",
	"GET /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/logs", "POST /v1/github/webhook"}
