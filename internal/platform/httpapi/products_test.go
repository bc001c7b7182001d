package httpapi_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// Products, releases and the marketplace over HTTP (docs/platform.md sections 7 and 11).

// productRoutes are the routes of products, releases and the marketplace (section 8).
var productRoutes = []string{
	"GET /v1/workspaces/{ws}/products", "POST /v1/workspaces/{ws}/products",
	"GET /v1/workspaces/{ws}/products/{prod}", "PATCH /v1/workspaces/{ws}/products/{prod}",
	"DELETE /v1/workspaces/{ws}/products/{prod}",
	"GET /v1/workspaces/{ws}/products/{prod}/releases", "POST /v1/workspaces/{ws}/products/{prod}/releases",
	"GET /v1/workspaces/{ws}/products/{prod}/releases/{tag}", "PATCH /v1/workspaces/{ws}/products/{prod}/releases/{tag}",
	"DELETE /v1/workspaces/{ws}/products/{prod}/releases/{tag}",
	"GET /v1/marketplace/products", "GET /v1/marketplace/products/{prod_id}",
}

// exerciseProducts walks every product, release and marketplace route on its happy path in
// workspace ws (TestEveryEndpoint), as owner and as another user, and leaves no product behind.
func exerciseProducts(t *testing.T, e *env, ws, owner, other string) {
	t.Helper()
	base := "/v1/workspaces/" + ws + "/products"
	r := e.do(req{Method: "POST", Path: base, Token: owner, Body: map[string]any{"slug": "shop", "name": "Shop", "visibility": "listed"}})
	prod := r.JSON(t)
	id, _ := prod["id"].(string)
	if r.Status != 201 || !strings.HasPrefix(id, "prod_") || r.Header.Get("Location") != base+"/"+id || r.Header.Get("ETag") != `"1"` {
		t.Fatalf("create product: %s %v", r, r.Header)
	}
	if p, _ := prod["price"].(map[string]any); prod["visibility"] != "listed" || p["amount_cents"] != 0.0 || p["currency"] != "usd" ||
		p["interval"] != "month" || prod["install_count"] != 0.0 {
		t.Fatalf("product defaults: %v", prod)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: base, Token: owner}))); n != 1 {
		t.Fatalf("products: %d", n)
	}
	e.must(200, req{Method: "GET", Path: base + "/shop", Token: owner})
	if m := e.must(200, req{Method: "PATCH", Path: base + "/" + id, Token: owner,
		Body: map[string]any{"description": "Sells", "price": map[string]any{"currency": "eur"}}}); m["version"] != 2.0 ||
		m["price"].(map[string]any)["currency"] != "eur" || m["price"].(map[string]any)["interval"] != "month" {
		t.Fatalf("patch product: %v", m)
	}

	rels := base + "/shop/releases"
	r = e.do(req{Method: "POST", Path: rels, Token: owner, Body: map[string]any{"tag": "1.4.0", "chart": "oci://charts.example.com/shop:1.4.0"}})
	rel := r.JSON(t)
	relID, _ := rel["id"].(string)
	if r.Status != 201 || !strings.HasPrefix(relID, "rel_") || r.Header.Get("Location") != rels+"/"+relID || rel["product_id"] != id || rel["yanked"] != false {
		t.Fatalf("create release: %s %v", r, r.Header)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: rels, Token: owner}))); n != 1 {
		t.Fatalf("releases: %d", n)
	}
	e.must(200, req{Method: "GET", Path: rels + "/1.4.0", Token: owner})
	if m := e.must(200, req{Method: "PATCH", Path: rels + "/" + relID, Token: owner, Body: map[string]any{"notes": "First."}}); m["notes"] != "First." {
		t.Fatalf("patch release: %v", m)
	}

	// Anyone authenticated sees the marketplace.
	list := items(t, e.must(200, req{Method: "GET", Path: "/v1/marketplace/products", Token: other}))
	if len(list) != 1 {
		t.Fatalf("marketplace: %v", list)
	}
	mp := e.must(200, req{Method: "GET", Path: "/v1/marketplace/products/" + id, Token: other})
	want := []string{"created_at", "description", "id", "install_count", "name", "price", "releases", "slug", "updated_at", "version", "visibility"}
	if got := keys(mp); !slices.Equal(got, want) {
		t.Fatalf("marketplace product keys %v, want %v (no workspace id)", got, want)
	}
	if rs := mp["releases"].([]any); len(rs) != 1 || !slices.Equal(keys(rs[0].(map[string]any)), []string{"chart", "notes", "tag"}) {
		t.Fatalf("marketplace releases: %v", rs)
	}

	e.must(204, req{Method: "DELETE", Path: rels + "/1.4.0", Token: owner})
	e.must(204, req{Method: "DELETE", Path: base + "/shop", Token: owner})
	assertError(t, e.do(req{Method: "GET", Path: base + "/shop", Token: owner}), 404, "not_found", "")
}

func TestProducts(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	bob := e.token("bob@example.com")
	ws := e.workspace(alice, "pro")
	base := "/v1/workspaces/" + ws + "/products"
	e.must(201, req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"slug": "shop", "name": "Shop"}})

	t.Run("etag and If-Match", func(t *testing.T) {
		r := e.do(req{Method: "GET", Path: base + "/shop", Token: alice})
		if r.Status != 200 || r.Header.Get("ETag") != `"1"` {
			t.Fatalf("get: %s %v", r, r.Header)
		}
		assertError(t, e.do(req{Method: "PATCH", Path: base + "/shop", Token: alice, Body: map[string]any{"name": "X"},
			Header: map[string]string{"If-Match": `"7"`}}), 412, "aborted", "")
		r = e.do(req{Method: "PATCH", Path: base + "/shop", Token: alice, Body: map[string]any{"name": "Shop 2"}, Header: map[string]string{"If-Match": `"1"`}})
		if r.Status != 200 || r.Header.Get("ETag") != `"2"` {
			t.Fatalf("patch with If-Match: %s %v", r, r.Header)
		}
		assertError(t, e.do(req{Method: "DELETE", Path: base + "/shop", Token: alice, Header: map[string]string{"If-Match": `"1"`}}), 412, "aborted", "")

		e.must(201, req{Method: "POST", Path: base + "/shop/releases", Token: alice, Body: map[string]any{"tag": "1.0.0", "chart": "https://charts.example.com/shop-1.0.0.tgz"}})
		rel := base + "/shop/releases/1.0.0"
		if r := e.do(req{Method: "GET", Path: rel, Token: alice}); r.Header.Get("ETag") != `"1"` {
			t.Fatalf("release ETag: %v", r.Header)
		}
		assertError(t, e.do(req{Method: "PATCH", Path: rel, Token: alice, Body: map[string]any{"yanked": true},
			Header: map[string]string{"If-Match": `"2"`}}), 412, "aborted", "")
		assertError(t, e.do(req{Method: "DELETE", Path: rel, Token: alice, Header: map[string]string{"If-Match": `"2"`}}), 412, "aborted", "")
		e.must(204, req{Method: "DELETE", Path: rel, Token: alice, Header: map[string]string{"If-Match": `"1"`}})
	})

	t.Run("validate_only", func(t *testing.T) {
		p := e.must(200, req{Method: "POST", Path: base + "?validate_only=true", Token: alice, Body: map[string]any{"slug": "dry", "name": "Dry"}})
		if p["id"] != "" || p["slug"] != "dry" || p["visibility"] != "private" {
			t.Fatalf("dry product: %v", p)
		}
		rel := e.must(200, req{Method: "POST", Path: base + "/shop/releases?validate_only=true", Token: alice,
			Body: map[string]any{"tag": "9.9.9", "chart": "oci://charts.example.com/shop:9.9.9"}})
		if rel["id"] != "" || rel["tag"] != "9.9.9" {
			t.Fatalf("dry release: %v", rel)
		}
		u := e.must(200, req{Method: "PATCH", Path: base + "/shop?validate_only=true", Token: alice, Body: map[string]any{"visibility": "listed"}})
		if u["visibility"] != "listed" || u["id"] == "" {
			t.Fatalf("dry update: %v", u)
		}
		if m := e.must(200, req{Method: "DELETE", Path: base + "/shop?validate_only=true", Token: alice}); len(m) != 0 {
			t.Fatalf("dry delete: %v", m)
		}
		// The refusals of the real call, without the call.
		r := e.do(req{Method: "POST", Path: base + "?validate_only=true", Token: alice,
			Body: map[string]any{"slug": "paid", "name": "Paid", "visibility": "listed", "price": map[string]any{"amount_cents": 100}}})
		if m := assertError(t, r, 409, "failed_precondition", ""); !strings.Contains(m["message"].(string), "charges are not enabled") {
			t.Fatalf("paid listing: %v", m)
		}
		assertError(t, e.do(req{Method: "POST", Path: base + "?validate_only=true", Token: bob, Body: map[string]any{"slug": "xyz", "name": "X"}}),
			404, "not_found", "")
		// Nothing was written.
		if got := e.must(200, req{Method: "GET", Path: base + "/shop", Token: alice}); got["visibility"] != "private" {
			t.Fatalf("dry update changed the product: %v", got)
		}
		if n := len(items(t, e.must(200, req{Method: "GET", Path: base, Token: alice}))); n != 1 {
			t.Fatalf("products after dry runs: %d", n)
		}
		assertError(t, e.do(req{Method: "GET", Path: base + "/shop/releases/9.9.9", Token: alice}), 404, "not_found", "")
	})

	t.Run("idempotency", func(t *testing.T) {
		q := req{Method: "POST", Path: base + "/shop/releases", Token: alice, Body: `{"tag":"2.0.0","chart":"oci://charts.example.com/shop:2.0.0"}`,
			Header: map[string]string{"Idempotency-Key": "release-2"}}
		first, second := e.do(q), e.do(q)
		if first.Status != 201 || second.Status != 201 || string(first.Body) != string(second.Body) || second.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay: %s / %s %v", first, second, second.Header)
		}
		q.Body = `{"tag":"2.0.1","chart":"oci://charts.example.com/shop:2.0.1"}`
		assertError(t, e.do(q), 422, "idempotency_mismatch", "")
	})

	t.Run("bad input and conflicts", func(t *testing.T) {
		r := e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"slug": "Bad", "name": "", "visibility": "public",
			"price": map[string]any{"amount_cents": -5, "currency": "EUR", "interval": "week"}}})
		m := assertError(t, r, 400, "invalid_argument", "slug")
		if got, want := detailFields(m), []string{"slug", "name", "visibility", "price.amount_cents", "price.currency", "price.interval"}; !slices.Equal(got, want) {
			t.Fatalf("details %v, want %v", got, want)
		}
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"slug": "x1", "name": "X", "price": map[string]any{"cents": 1}}}),
			400, "invalid_argument", "price.cents")
		assertError(t, e.do(req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"slug": "shop", "name": "Again"}}), 409, "already_exists", "")
		assertError(t, e.do(req{Method: "POST", Path: base + "/shop/releases", Token: alice, Body: map[string]any{"tag": "v1", "chart": "ftp://x"}}),
			400, "invalid_argument", "chart")
		assertError(t, e.do(req{Method: "POST", Path: base + "/shop/releases", Token: alice,
			Body: map[string]any{"tag": "2.0.0", "chart": "oci://charts.example.com/shop:2.0.0"}}), 409, "already_exists", "")
		rel := base + "/shop/releases/2.0.0"
		assertError(t, e.do(req{Method: "PATCH", Path: rel, Token: alice, Body: map[string]any{"tag": "2.0.1"}}), 400, "invalid_argument", "tag")
		assertError(t, e.do(req{Method: "PATCH", Path: rel, Token: alice, Body: map[string]any{"chart": "oci://charts.example.com/shop:2.0.1"}}),
			400, "invalid_argument", "chart")
		// The same tag is accepted, changing nothing.
		if m := e.must(200, req{Method: "PATCH", Path: rel, Token: alice, Body: map[string]any{"tag": "2.0.0"}}); m["version"] != 1.0 {
			t.Fatalf("unchanged tag: %v", m)
		}
		// A member reads but does not manage; a stranger does not see the workspace.
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/members", Token: alice, Body: map[string]any{"email": "bob@example.com", "role": "member"}})
		e.must(200, req{Method: "GET", Path: rel, Token: bob})
		m = assertError(t, e.do(req{Method: "PATCH", Path: rel, Token: bob, Body: map[string]any{"yanked": true}}), 403, "permission_denied", "")
		if !strings.Contains(m["message"].(string), "products.manage") {
			t.Fatalf("403 does not name the permission: %v", m)
		}
		carol := e.token("carol@example.com")
		assertError(t, e.do(req{Method: "GET", Path: base + "/shop", Token: carol}), 404, "not_found", "")
		// The free plan holds one product.
		free := e.workspace(alice, "")
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + free + "/products", Token: alice, Body: map[string]any{"slug": "one", "name": "One"}})
		m = assertError(t, e.do(req{Method: "POST", Path: "/v1/workspaces/" + free + "/products", Token: alice, Body: map[string]any{"slug": "two", "name": "Two"}}),
			409, "quota_exceeded", "")
		if !strings.Contains(m["message"].(string), "the free plan allows 1 product, the workspace has 1") {
			t.Fatalf("quota message: %v", m)
		}
	})

	t.Run("marketplace pages and visibility", func(t *testing.T) {
		var ids []string
		for i := range 3 {
			p := e.must(201, req{Method: "POST", Path: base, Token: alice, Body: map[string]any{"slug": fmt.Sprintf("listed-%d", i), "name": "L", "visibility": "listed"}})
			ids = append(ids, p["id"].(string))
		}
		key := e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/api-keys", Token: alice, Body: map[string]any{"name": "ro", "access": "read_only"}})
		roKey := key["secret"].(string)
		var got []string
		next := ""
		for range 3 {
			q := "/v1/marketplace/products?page_size=2"
			if next != "" {
				q += "&page_token=" + url.QueryEscape(next)
			}
			page := e.must(200, req{Method: "GET", Path: q, Token: roKey})
			for _, it := range items(t, page) {
				got = append(got, it.(map[string]any)["id"].(string))
			}
			if next = page["next_page_token"].(string); next == "" {
				break
			}
		}
		if !slices.Equal(got, ids) {
			t.Fatalf("marketplace: %v, want %v", got, ids)
		}
		shop := e.must(200, req{Method: "GET", Path: base + "/shop", Token: alice})
		assertError(t, e.do(req{Method: "GET", Path: "/v1/marketplace/products/" + shop["id"].(string), Token: bob}), 404, "not_found", "")
		assertError(t, e.do(req{Method: "GET", Path: "/v1/marketplace/products", Token: ""}), 401, "unauthenticated", "")
	})
}
