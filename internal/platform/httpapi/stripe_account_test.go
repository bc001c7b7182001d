package httpapi_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// stripeAccountRoutes are the routes of the Stripe account (section 12).
var stripeAccountRoutes = []string{
	"PUT /v1/workspaces/{ws}/stripe-account",
	"GET /v1/workspaces/{ws}/stripe-account",
	"DELETE /v1/workspaces/{ws}/stripe-account",
}

// exerciseStripeAccount walks the Stripe account's happy path in workspace ws, owned by owner:
// created (202, onboarding), onboarded, updated, deleted.
func exerciseStripeAccount(t *testing.T, e *env, ws, owner string) {
	t.Helper()
	path := "/v1/workspaces/" + ws + "/stripe-account"
	r := e.do(req{Method: "PUT", Path: path, Token: owner,
		Body: map[string]any{"country": "US", "business_type": "company", "email": "Billing@Example.com"}})
	a := r.JSON(t)
	if r.Status != 202 || !strings.HasPrefix(a["id"].(string), "acct_") || !strings.HasPrefix(a["operation_id"].(string), "op_") ||
		a["status"] != "onboarding" || a["charges_enabled"] != false || a["payouts_enabled"] != false ||
		a["email"] != "billing@example.com" || r.Header.Get("ETag") != `"1"` || r.Header.Get("Location") != "" {
		t.Fatalf("create stripe account: %s %v", r, r.Header)
	}
	if r.Header.Get("Cache-Control") != "no-store" || !strings.HasPrefix(a["onboarding_url"].(string), "https://") {
		t.Fatalf("onboarding link: %v %v", a, r.Header)
	}
	want := []string{"business_type", "charges_enabled", "country", "created_at", "email", "id", "onboarding_url", "operation_id",
		"payouts_enabled", "status", "updated_at", "version", "workspace_id"}
	if got := keys(a); !slices.Equal(got, want) {
		t.Fatalf("stripe account keys %v, want %v", got, want)
	}
	op := e.must(200, req{Method: "GET", Path: "/v1/operations/" + a["operation_id"].(string), Token: owner})
	if op["kind"] != "stripe_account.onboard" || op["target_id"] != a["id"] {
		t.Fatalf("onboarding operation: %v", op)
	}
	e.finishOperations()
	r = e.do(req{Method: "GET", Path: path, Token: owner})
	got := r.JSON(t)
	if r.Status != 200 || got["status"] != "active" || got["charges_enabled"] != true || got["payouts_enabled"] != true ||
		got["onboarding_url"] != "" || got["operation_id"] != "" || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("onboarded stripe account: %s %v", r, r.Header)
	}
	if op := e.must(200, req{Method: "GET", Path: "/v1/operations/" + a["operation_id"].(string), Token: owner}); op["status"] != "succeeded" {
		t.Fatalf("onboarding operation after: %v", op)
	}
	r = e.do(req{Method: "PUT", Path: path, Token: owner, Header: map[string]string{"If-Match": `"2"`},
		Body: map[string]any{"country": "US", "business_type": "company", "email": "finance@example.com"}})
	if m := r.JSON(t); r.Status != 200 || m["email"] != "finance@example.com" || m["status"] != "active" || m["operation_id"] != "" ||
		r.Header.Get("ETag") != `"3"` {
		t.Fatalf("update stripe account: %s %v", r, r.Header)
	}
	e.must(204, req{Method: "DELETE", Path: path, Token: owner, Header: map[string]string{"If-Match": `"3"`}})
	assertError(t, e.do(req{Method: "GET", Path: path, Token: owner}), 404, "not_found", "")
}

func TestStripeAccount(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	bob := e.token("bob@example.com")
	ws := e.workspace(alice, "pro")
	path := "/v1/workspaces/" + ws + "/stripe-account"
	body := func(email string) map[string]any {
		return map[string]any{"country": "DE", "business_type": "individual", "email": email}
	}

	t.Run("happy path", func(t *testing.T) { exerciseStripeAccount(t, e, e.workspace(alice, "pro"), alice) })

	t.Run("validation names the field", func(t *testing.T) {
		r := e.do(req{Method: "PUT", Path: path, Token: alice, Body: map[string]any{"country": "de", "business_type": "person", "email": "nope"}})
		m := assertError(t, r, 400, "invalid_argument", "country")
		if got, want := detailFields(m), []string{"country", "business_type", "email"}; !slices.Equal(got, want) {
			t.Fatalf("details %v, want %v", got, want)
		}
		if !strings.Contains(r.String(), "must be upper case: DE, not de") {
			t.Fatalf("country reason: %s", r)
		}
		m = assertError(t, e.do(req{Method: "PUT", Path: path, Token: alice, Body: map[string]any{"country": "XX", "business_type": "company",
			"email": "a@example.com"}}), 400, "invalid_argument", "country")
		if !strings.Contains(fmt.Sprint(m), "XX is not an assigned ISO 3166-1 alpha-2 country code") {
			t.Fatalf("unassigned country: %v", m)
		}
		assertError(t, e.do(req{Method: "PUT", Path: path, Token: alice, Body: map[string]any{"country": "DE", "business_type": "company"}}),
			400, "invalid_argument", "email")
		assertError(t, e.do(req{Method: "PUT", Path: path, Token: alice, Body: map[string]any{"country": "DE", "business_type": "company",
			"email": "a@example.com", "status": "active"}}), 400, "invalid_argument", "status")
		assertError(t, e.do(req{Method: "GET", Path: path, Token: alice}), 404, "not_found", "")
	})

	t.Run("permissions", func(t *testing.T) {
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/members", Token: alice,
			Body: map[string]any{"email": "bob@example.com", "role": "member"}})
		assertError(t, e.do(req{Method: "PUT", Path: path, Token: bob, Body: body("bob@example.com")}), 403, "permission_denied", "")
		assertError(t, e.do(req{Method: "GET", Path: path, Token: bob}), 403, "permission_denied", "")
		carol := e.token("carol@example.com")
		assertError(t, e.do(req{Method: "GET", Path: path, Token: carol}), 404, "not_found", "")
	})

	t.Run("dry run, If-Match, idempotency", func(t *testing.T) {
		dry := e.must(200, req{Method: "PUT", Path: path + "?validate_only=true", Token: alice, Body: body("shop@example.com")})
		if dry["id"] != "" || dry["operation_id"] != "" || dry["onboarding_url"] != "" || dry["status"] != "onboarding" {
			t.Fatalf("dry create: %v", dry)
		}
		assertError(t, e.do(req{Method: "GET", Path: path, Token: alice}), 404, "not_found", "")
		assertError(t, e.do(req{Method: "PUT", Path: path, Token: alice, Body: body("shop@example.com"),
			Header: map[string]string{"If-Match": `"1"`}}), 412, "aborted", "")

		q := req{Method: "PUT", Path: path, Token: alice, Body: `{"country":"DE","business_type":"individual","email":"shop@example.com"}`,
			Header: map[string]string{"Idempotency-Key": "acct-1"}}
		first, second := e.do(q), e.do(q)
		if first.Status != 202 || second.Status != 202 || string(first.Body) != string(second.Body) ||
			second.Header.Get("Idempotent-Replayed") != "true" || second.Header.Get("ETag") != `"1"` {
			t.Fatalf("replay: %s / %s %v", first, second, second.Header)
		}
		q.Body = `{"country":"DE","business_type":"individual","email":"other@example.com"}`
		assertError(t, e.do(q), 422, "idempotency_mismatch", "")

		// Nothing changes: 200, the same version, no operation.
		r := e.do(req{Method: "PUT", Path: path, Token: alice, Body: body("SHOP@example.com")})
		if m := r.JSON(t); r.Status != 200 || m["version"] != 1.0 || m["operation_id"] != "" || m["status"] != "onboarding" ||
			!strings.HasPrefix(m["onboarding_url"].(string), "https://") {
			t.Fatalf("unchanged PUT: %s", r)
		}
		assertError(t, e.do(req{Method: "PUT", Path: path, Token: alice, Body: map[string]any{"country": "FR", "business_type": "individual",
			"email": "shop@example.com"}}), 400, "invalid_argument", "country")
		assertError(t, e.do(req{Method: "PUT", Path: path, Token: alice, Body: map[string]any{"country": "DE", "business_type": "company",
			"email": "shop@example.com"}}), 400, "invalid_argument", "business_type")
		assertError(t, e.do(req{Method: "PUT", Path: path, Token: alice, Body: body("new@example.com"),
			Header: map[string]string{"If-Match": `"7"`}}), 412, "aborted", "")
		assertError(t, e.do(req{Method: "DELETE", Path: path, Token: alice, Header: map[string]string{"If-Match": `"7"`}}), 412, "aborted", "")
		if m := e.must(200, req{Method: "DELETE", Path: path + "?validate_only=true", Token: alice}); len(m) != 0 {
			t.Fatalf("dry delete: %v", m)
		}
		e.must(200, req{Method: "GET", Path: path, Token: alice})
	})

	t.Run("restricted, then onboarding again", func(t *testing.T) {
		ws := e.workspace(alice, "pro")
		path := "/v1/workspaces/" + ws + "/stripe-account"
		a := e.must(202, req{Method: "PUT", Path: path, Token: alice, Body: body("restricted@example.com")})
		e.finishOperations()
		got := e.must(200, req{Method: "GET", Path: path, Token: alice})
		if got["status"] != "restricted" || got["charges_enabled"] != false || got["payouts_enabled"] != false ||
			!strings.HasPrefix(got["onboarding_url"].(string), "https://") {
			t.Fatalf("restricted account: %v", got)
		}
		op := e.must(200, req{Method: "GET", Path: "/v1/operations/" + a["operation_id"].(string), Token: alice})
		if op["status"] != "failed" || !strings.Contains(op["error"].(string), "restricted") {
			t.Fatalf("restricted onboarding: %v", op)
		}
		r := e.do(req{Method: "PUT", Path: path, Token: alice, Body: body("owner@example.com")})
		if m := r.JSON(t); r.Status != 202 || m["status"] != "onboarding" || m["operation_id"] == "" || m["operation_id"] == a["operation_id"] {
			t.Fatalf("onboarding again: %s", r)
		}
		e.finishOperations()
		if got := e.must(200, req{Method: "GET", Path: path, Token: alice}); got["status"] != "active" || got["charges_enabled"] != true {
			t.Fatalf("after onboarding again: %v", got)
		}
		// Audit events name the changes, never the onboarding link.
		audit := e.do(req{Method: "GET", Path: "/v1/workspaces/" + ws + "/audit-events?page_size=200", Token: alice})
		var actions []string
		for _, ev := range items(t, audit.JSON(t)) {
			if a := ev.(map[string]any)["action"].(string); strings.HasPrefix(a, "stripe_account.") {
				actions = append(actions, a)
			}
		}
		if want := []string{"stripe_account.create", "stripe_account.restricted", "stripe_account.update", "stripe_account.onboarded"}; !slices.Equal(actions, want) {
			t.Fatalf("audit actions %v, want %v", actions, want)
		}
		if strings.Contains(string(audit.Body), "https://connect.") || strings.Contains(e.logs.String(), "signature=") {
			t.Fatal("an onboarding link leaked into the audit events or the logs")
		}
	})

	t.Run("paid listing needs charges enabled; delete refused while paid products are listed", func(t *testing.T) {
		ws := e.workspace(alice, "pro")
		path := "/v1/workspaces/" + ws + "/stripe-account"
		products := "/v1/workspaces/" + ws + "/products"
		paid := map[string]any{"slug": "shop", "name": "Shop", "visibility": "listed", "price": map[string]any{"amount_cents": 900}}
		m := assertError(t, e.do(req{Method: "POST", Path: products, Token: alice, Body: paid}), 409, "failed_precondition", "")
		if !strings.Contains(m["message"].(string), "has no Stripe account") {
			t.Fatalf("without an account: %v", m)
		}
		e.must(202, req{Method: "PUT", Path: path, Token: alice, Body: body("shop@example.com")})
		m = assertError(t, e.do(req{Method: "POST", Path: products, Token: alice, Body: paid}), 409, "failed_precondition", "")
		if !strings.Contains(m["message"].(string), "still onboarding") {
			t.Fatalf("while onboarding: %v", m)
		}
		e.finishOperations()
		e.must(201, req{Method: "POST", Path: products, Token: alice, Body: paid})
		m = assertError(t, e.do(req{Method: "DELETE", Path: path, Token: alice}), 409, "failed_precondition", "")
		if !strings.Contains(m["message"].(string), "1 paid product(s) (shop)") {
			t.Fatalf("delete with a paid product: %v", m)
		}
		e.must(200, req{Method: "PATCH", Path: products + "/shop", Token: alice, Body: map[string]any{"visibility": "private"}})
		e.must(204, req{Method: "DELETE", Path: path, Token: alice})
	})
}

// TestStripeAccountInAPlan: a plan's batch of dry runs may PUT the Stripe account, and a paid
// product after it in the same plan is judged as the apply will find it (onboarded).
func TestStripeAccountInAPlan(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	base := "/v1/workspaces/" + ws
	paid := map[string]any{"method": "POST", "path": base + "/products",
		"body": map[string]any{"slug": "shop", "name": "Shop", "visibility": "listed", "price": map[string]any{"amount_cents": 900}}}
	calls := []any{
		paid,
		map[string]any{"method": "PUT", "path": base + "/stripe-account",
			"body": map[string]any{"country": "US", "business_type": "company", "email": "billing@example.com"}},
		paid,
	}
	r := e.must(200, req{Method: "POST", Path: "/v1/plan-sessions/plan-stripe-0001/dry-runs", Token: alice, Body: map[string]any{"calls": calls}})
	results := r["results"].([]any)
	want := []struct {
		status int
		text   string
	}{{409, "has no Stripe account"}, {200, `"status":"onboarding"`}, {200, `"slug":"shop"`}}
	if len(results) != len(want) {
		t.Fatalf("%d results, want %d: %v", len(results), len(want), r)
	}
	for i, w := range want {
		res := results[i].(map[string]any)
		body, _ := json.Marshal(res["body"])
		if int(res["status"].(float64)) != w.status || !strings.Contains(string(body), w.text) {
			t.Errorf("call %d: status %v body %s, want %d with %q", i, res["status"], body, w.status, w.text)
		}
	}
	assertError(t, e.do(req{Method: "GET", Path: base + "/stripe-account", Token: alice}), 404, "not_found", "")
}
