package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// Installations over HTTP (docs/platform.md sections 7, 8 and 11). Products, releases and
// secrets are stored directly: they have their own endpoints.

// seedProduct stores a product of workspace ws (a slug) with one release per tag.
func (e *env) seedProduct(ws string, vis platform.Visibility, tags ...string) *platform.Product {
	e.tb.Helper()
	now := e.clock.Now()
	p := &platform.Product{ID: platform.NewID(platform.PrefixProduct), Slug: e.uniq("prod"), Name: "Product",
		Visibility: vis, Price: platform.DefaultPrice()}
	p.Stamp(now)
	err := e.store.Update(e.ctx, func(tx platform.Tx) error {
		w, err := tx.GetWorkspaceBySlug(ws)
		if err != nil {
			return err
		}
		p.WorkspaceID = w.ID
		if err := tx.CreateProduct(p); err != nil {
			return err
		}
		for _, tag := range tags {
			r := &platform.Release{ID: platform.NewID(platform.PrefixRelease), WorkspaceID: w.ID, ProductID: p.ID, Tag: tag,
				Chart: "oci://charts.example.com/" + p.Slug + ":" + tag, Notes: "release " + tag}
			r.Stamp(now)
			if err := tx.CreateRelease(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		e.tb.Fatal(err)
	}
	return p
}

// runningCluster creates a cluster through the API and runs its operation.
func (e *env) runningCluster(ws, token string) string {
	e.tb.Helper()
	c := e.must(202, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/clusters", Token: token, Body: map[string]any{
		"name": e.uniq("cluster"), "cloud": "aws", "location": "eu-central-1", "kubernetes_version": "1.31", "node_pools": nodePools()}})
	e.finishOperations()
	return c["id"].(string)
}

// exerciseInstallations walks every installation route on its happy path in workspace ws (a
// slug), on the running cluster clusterID, and leaves nothing behind.
func (e *env) exerciseInstallations(t *testing.T, ws, token, clusterID string) {
	t.Helper()
	base := "/v1/workspaces/" + ws + "/installations"
	p := e.seedProduct(ws, platform.VisibilityPrivate, "1.0.0", "1.1.0")
	r := e.do(req{Method: "POST", Path: base, Token: token, Body: map[string]any{"name": "shop", "cluster_id": clusterID,
		"source": map[string]any{"product_id": p.ID, "tag": "1.0.0"}, "values": map[string]string{"replicas": "2"}}})
	inst := r.JSON(t)
	id, _ := inst["id"].(string)
	if r.Status != 202 || inst["status"] != "installing" || inst["namespace"] != "shop" || !strings.HasPrefix(inst["operation_id"].(string), "op_") ||
		r.Header.Get("Location") != base+"/"+id || r.Header.Get("ETag") != `"1"` || !strings.HasPrefix(id, "inst_") ||
		!strings.HasPrefix(inst["repository_url"].(string), "oci://localhost/ws_") || !strings.HasSuffix(inst["repository_url"].(string), "/"+id) {
		t.Fatalf("create installation: %s %v", r, r.Header)
	}
	op := e.must(200, req{Method: "GET", Path: "/v1/operations/" + inst["operation_id"].(string), Token: token})
	if op["kind"] != "installation.create" || op["target_id"] != id {
		t.Fatalf("installation operation: %v", op)
	}
	e.finishOperations()
	got := e.must(200, req{Method: "GET", Path: base + "/shop", Token: token})
	if got["status"] != "installed" || got["installed_tag"] != "1.0.0" || got["source"].(map[string]any)["product_id"] != p.ID {
		t.Fatalf("installed: %v", got)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: base, Token: token}))); n != 1 {
		t.Fatalf("installations: %d", n)
	}
	pk := e.must(200, req{Method: "GET", Path: base + "/" + id + "/packages", Token: token})
	pkgs, _ := pk["items"].([]any)
	if len(pkgs) != 2 || pkgs[0].(map[string]any)["tag"] != "1.1.0" || len(pk) != 1 {
		t.Fatalf("packages: %v", pk)
	}
	if first := pkgs[0].(map[string]any); len(first) != 4 || first["chart"] != "oci://charts.example.com/"+p.Slug+":1.1.0" || first["notes"] != "release 1.1.0" {
		t.Fatalf("package: %v", first)
	}
	// A rename is immediate (200); a new tag starts an upgrade (202).
	if m := e.must(200, req{Method: "PATCH", Path: base + "/shop", Token: token, Body: map[string]any{"name": "shop-eu"}}); m["operation_id"] != "" || m["name"] != "shop-eu" {
		t.Fatalf("rename: %v", m)
	}
	r = e.do(req{Method: "PATCH", Path: base + "/" + id, Token: token, Body: map[string]any{"source": map[string]any{"tag": "1.1.0"}}})
	if m := r.JSON(t); r.Status != 202 || m["status"] != "upgrading" || m["operation_id"] == "" || m["installed_tag"] != "1.0.0" ||
		r.Header.Get("ETag") != fmt.Sprintf(`"%d"`, int(m["version"].(float64))) {
		t.Fatalf("upgrade: %s %v", r, r.Header)
	}
	e.finishOperations()
	if m := e.must(200, req{Method: "GET", Path: base + "/shop-eu", Token: token}); m["installed_tag"] != "1.1.0" || m["status"] != "installed" {
		t.Fatalf("after upgrade: %v", m)
	}
	r = e.do(req{Method: "DELETE", Path: base + "/shop-eu", Token: token})
	if m := r.JSON(t); r.Status != 202 || m["status"] != "uninstalling" || m["operation_id"] == "" {
		t.Fatalf("uninstall: %s", r)
	}
	e.finishOperations()
	assertError(t, e.do(req{Method: "GET", Path: base + "/" + id, Token: token}), 404, "not_found", "")
	if err := e.store.Update(e.ctx, func(tx platform.Tx) error { return tx.DeleteProduct(p.WorkspaceID, p.ID) }); err != nil {
		t.Fatal(err)
	}
}

func TestInstallationEndpoints(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	base := "/v1/workspaces/" + ws + "/installations"
	cluster := e.runningCluster(ws, alice)
	p := e.seedProduct(ws, platform.VisibilityPrivate, "1.0.0", "2.0.0")
	body := func(name string) map[string]any {
		return map[string]any{"name": name, "cluster_id": cluster, "source": map[string]any{"product_id": p.ID, "tag": "1.0.0"}}
	}

	t.Run("happy path", func(t *testing.T) { e.exerciseInstallations(t, ws, alice, cluster) })

	t.Run("validate_only", func(t *testing.T) {
		m := e.must(200, req{Method: "POST", Path: base + "?validate_only=true", Token: alice, Body: body("dry")})
		if m["id"] != "" || m["operation_id"] != "" || m["repository_url"] != "" || m["status"] != "installing" || m["name"] != "dry" {
			t.Fatalf("dry create: %v", m)
		}
		assertError(t, e.do(req{Method: "GET", Path: base + "/dry", Token: alice}), 404, "not_found", "")
	})

	t.Run("idempotent create", func(t *testing.T) {
		hdr := map[string]string{"Idempotency-Key": "install-once"}
		first := e.do(req{Method: "POST", Path: base, Token: alice, Body: body("once"), Header: hdr})
		again := e.do(req{Method: "POST", Path: base, Token: alice, Body: body("once"), Header: hdr})
		if first.Status != 202 || again.Status != 202 || string(first.Body) != string(again.Body) || again.Header.Get("Idempotent-Replayed") != "true" ||
			again.Header.Get("Location") != first.Header.Get("Location") {
			t.Fatalf("replay: %s / %s %v", first, again, again.Header)
		}
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: body("other"), Header: hdr}), 422, "idempotency_mismatch", "")
		if n := len(items(t, e.must(200, req{Method: "GET", Path: base, Token: alice}))); n != 1 {
			t.Fatalf("installations after a replayed create: %d", n)
		}
	})

	t.Run("errors", func(t *testing.T) {
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": "xyz", "cluster_id": "cls_aaaaaaaaaaaaaaaa",
			"source": map[string]any{"chart": "oci://charts.example.com/x:1"}}}), 400, "invalid_argument", "cluster_id")
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": "xyz", "cluster_id": cluster,
			"source": map[string]any{"chart": "oci://charts.example.com/x:1", "helm": true}}}), 400, "invalid_argument", "source.helm")
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": "xyz", "cluster_id": cluster,
			"source": map[string]any{"product_id": p.ID, "tag": "9.0.0"}}}), 400, "invalid_argument", "source.tag")
		assertError(t, e.do(req{Method: "PATCH", Path: base + "/once", Token: alice, Body: map[string]any{"namespace": "other"}}),
			400, "invalid_argument", "namespace")
		// Still installing: no upgrade yet.
		assertError(t, e.do(req{Method: "PATCH", Path: base + "/once", Token: alice, Body: map[string]any{"source": map[string]any{"tag": "2.0.0"}}}),
			409, "failed_precondition", "")
		bob := e.token("bob@example.com")
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/members", Token: alice, Body: map[string]any{"email": "bob@example.com", "role": "viewer"}})
		e.must(200, req{Method: "GET", Path: base + "/once", Token: bob})
		e.must(200, req{Method: "GET", Path: base + "/once/packages", Token: bob})
		assertError(t, e.do(req{Method: "DELETE", Path: base + "/once", Token: bob}), 403, "permission_denied", "")
		// The cluster is in use.
		e.finishOperations()
		r := e.do(req{Method: "DELETE", Path: "/v1/workspaces/" + ws + "/clusters/" + cluster, Token: alice})
		if m := assertError(t, r, 409, "failed_precondition", ""); !strings.Contains(m["message"].(string), "1 installation (once)") {
			t.Fatalf("cluster delete: %s", r)
		}
		assertError(t, e.do(req{Method: "GET", Path: base + "/nope/packages", Token: alice}), 404, "not_found", "")
	})

	t.Run("if-match", func(t *testing.T) {
		r := e.do(req{Method: "GET", Path: base + "/once", Token: alice})
		etag := r.Header.Get("ETag")
		if etag != fmt.Sprintf(`"%d"`, int(r.JSON(t)["version"].(float64))) {
			t.Fatalf("ETag %q: %s", etag, r)
		}
		assertError(t, e.do(req{Method: "PATCH", Path: base + "/once", Token: alice, Body: map[string]any{"name": "twice"},
			Header: map[string]string{"If-Match": `"1"`}}), 412, "aborted", "")
		assertError(t, e.do(req{Method: "DELETE", Path: base + "/once", Token: alice, Header: map[string]string{"If-Match": `"1"`}}), 412, "aborted", "")
		e.must(202, req{Method: "DELETE", Path: base + "/once", Token: alice, Header: map[string]string{"If-Match": etag}})
		e.finishOperations()
	})

	t.Run("pagination", func(t *testing.T) {
		for i := range 3 {
			e.must(202, req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"name": fmt.Sprintf("chart-%d", i), "cluster_id": cluster,
				"source": map[string]any{"chart": "https://charts.example.com/c.tgz"}}})
		}
		var names []string
		path := base + "?page_size=2"
		for path != "" {
			page := e.must(200, req{Method: "GET", Path: path, Token: alice})
			for _, it := range items(t, page) {
				names = append(names, it.(map[string]any)["name"].(string))
			}
			path = ""
			if next := page["next_page_token"].(string); next != "" {
				path = base + "?page_size=2&page_token=" + next
			}
		}
		if strings.Join(names, ",") != "chart-0,chart-1,chart-2" {
			t.Fatalf("pages: %v", names)
		}
		pk := e.must(200, req{Method: "GET", Path: base + "/chart-0/packages", Token: alice})
		if it := pk["items"].([]any); len(it) != 1 || it[0].(map[string]any)["tag"] != "" || it[0].(map[string]any)["chart"] != "https://charts.example.com/c.tgz" {
			t.Fatalf("packages of a direct install: %v", pk)
		}
	})
}

// installationRoutes are section 8's installation endpoints.
var installationRoutes = []string{"GET /v1/workspaces/{ws}/installations", "POST /v1/workspaces/{ws}/installations",
	"GET /v1/workspaces/{ws}/installations/{inst}", "PATCH /v1/workspaces/{ws}/installations/{inst}",
	"DELETE /v1/workspaces/{ws}/installations/{inst}", "GET /v1/workspaces/{ws}/installations/{inst}/packages"}
