package httpapi_test

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// billingRoutes are the routes of docs/platform.md section 12 that this package serves (the
// Stripe account's come with it).
var billingRoutes = []string{
	"GET /v1/workspaces/{ws}/subscription", "PATCH /v1/workspaces/{ws}/subscription",
	"GET /v1/workspaces/{ws}/access-state", "POST /v1/workspaces/{ws}/billing-portal-sessions",
	"POST /v1/admin/workspaces/{ws}/subscription/status",
}

// exerciseBilling walks the billing endpoints' happy paths in workspace ws (owner: token),
// leaving it active on the plan it had.
func exerciseBilling(t *testing.T, e *env, token, ws string) {
	t.Helper()
	sub := e.must(200, req{Method: "GET", Path: "/v1/workspaces/" + ws + "/subscription", Token: token})
	if sub["status"] != "active" || sub["cancel_at_period_end"] != false || sub["version"] != 1.0 {
		t.Fatalf("subscription: %v", sub)
	}
	for _, k := range []string{"plan", "current_period_end", "created_at", "updated_at"} {
		if _, ok := sub[k]; !ok {
			t.Fatalf("subscription without %s: %v", k, sub)
		}
	}
	r := e.do(req{Method: "PATCH", Path: "/v1/workspaces/" + ws + "/subscription", Token: token,
		Body: map[string]any{"cancel_at_period_end": true}, Header: map[string]string{"If-Match": `"1"`}})
	if m := r.JSON(t); r.Status != 200 || m["cancel_at_period_end"] != true || m["version"] != 2.0 || r.Header.Get("ETag") != `"2"` {
		t.Fatalf("patch subscription: %s %v", r, r.Header)
	}
	e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/" + ws + "/subscription", Token: token,
		Body: map[string]any{"cancel_at_period_end": false}})

	st := e.must(200, req{Method: "GET", Path: "/v1/workspaces/" + ws + "/access-state", Token: token})
	if st["state"] != "full" || st["reason"] != "" || st["since"] == "" {
		t.Fatalf("access state: %v", st)
	}
	if m := e.must(200, req{Method: "POST", Path: "/v1/admin/workspaces/" + ws + "/subscription/status", Token: adminToken,
		Body: map[string]any{"status": "past_due"}}); m["status"] != "past_due" {
		t.Fatalf("admin status: %v", m)
	}
	st = e.must(200, req{Method: "GET", Path: "/v1/workspaces/" + ws + "/access-state", Token: token})
	if st["state"] != "read_only" || st["reason"] != "subscription past_due" {
		t.Fatalf("access state when past_due: %v", st)
	}
	e.must(200, req{Method: "POST", Path: "/v1/admin/workspaces/" + ws + "/subscription/status", Token: adminToken,
		Body: map[string]any{"status": "active"}})

	r = e.do(req{Method: "POST", Path: "/v1/workspaces/" + ws + "/billing-portal-sessions", Token: token,
		Body: map[string]any{"return_url": "https://example.com/back"}})
	m := r.JSON(t)
	if r.Status != 201 || r.Header.Get("Cache-Control") != "no-store" || r.Header.Get("Location") != "" {
		t.Fatalf("billing portal session: %s %v", r, r.Header)
	}
	u, err := url.Parse(m["url"].(string))
	if err != nil || u.Scheme != "https" || u.Query().Get("signature") == "" {
		t.Fatalf("billing portal url: %v", m)
	}
	if exp, err := time.Parse(time.RFC3339, m["expires_at"].(string)); err != nil || exp.Sub(e.clock.Now()) > time.Hour ||
		exp.Sub(e.clock.Now()) < time.Hour-time.Second {
		t.Fatalf("expires_at: %v (%v)", m, err)
	}
	if strings.Contains(e.logs.String(), u.Query().Get("signature")) {
		t.Fatal("the billing portal URL was logged")
	}
}

// A billing portal URL is a credential: never stored (the idempotency record is sealed), never
// logged, blank in a dry run's answer.
func TestBillingPortalSessionURLIsASecret(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "")
	path := "/v1/workspaces/" + ws + "/billing-portal-sessions"
	q := req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": "portal-1"},
		Body: map[string]any{"return_url": "http://localhost:8080/done"}}
	first := e.do(q)
	u := first.JSON(t)["url"].(string)
	if first.Status != 201 || first.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("create: %s %v", first, first.Header)
	}
	var rec *platform.IdempotencyRecord
	must(t, e.store.View(e.ctx, func(tx platform.Tx) (err error) {
		rec, err = tx.GetIdempotencyRecord(e.principal(alice), "portal-1")
		return err
	}))
	sig := []byte(mustParse(t, u).Query().Get("signature"))
	if bytes.Contains(rec.Body, sig) || bytes.Contains(rec.Body, []byte("billing-portal")) {
		t.Fatalf("the idempotency record holds the URL in plain text: %q", rec.Body)
	}
	second := e.do(q)
	if second.Status != 201 || !bytes.Equal(second.Body, first.Body) || second.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("replay: %s %v", second, second.Header)
	}
	if strings.Contains(e.logs.String(), string(sig)) {
		t.Fatal("the URL was logged")
	}
	dry := e.must(200, req{Method: "POST", Path: path + "?validate_only=true", Token: alice, Body: map[string]any{"return_url": "https://example.com/"}})
	if dry["url"] != "" || dry["expires_at"] == "" {
		t.Fatalf("dry run: %v", dry)
	}
	for _, bad := range []string{"", "http://example.com/", "javascript:alert(1)"} {
		assertError(t, e.do(req{Method: "POST", Path: path, Token: alice, Body: map[string]any{"return_url": bad}}),
			400, "invalid_argument", "return_url")
	}
	audit := items(t, e.must(200, req{Method: "GET", Path: "/v1/workspaces/" + ws + "/audit-events", Token: alice}))
	n := 0
	for _, a := range audit {
		if a.(map[string]any)["action"] == "billing_portal_session.create" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("audit events of the portal sessions: %d, want 1 (the replay and the dry run record none)", n)
	}
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSubscriptionStatusIsTheAdministrators(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	status := "/v1/admin/workspaces/" + ws + "/subscription/status"
	assertError(t, e.do(req{Method: "POST", Path: status, Token: alice, Body: map[string]any{"status": "canceled"}}),
		403, "permission_denied", "")
	assertError(t, e.do(req{Method: "POST", Path: status, Token: adminToken, Body: map[string]any{"status": "unpaid"}}),
		400, "invalid_argument", "status")
	assertError(t, e.do(req{Method: "POST", Path: "/v1/admin/workspaces/nope/subscription/status", Token: adminToken,
		Body: map[string]any{"status": "canceled"}}), 404, "not_found", "")
	e.must(200, req{Method: "POST", Path: status, Token: adminToken, Body: map[string]any{"status": "canceled"}})

	// Suspended: a plan-only PATCH of the workspace is billing, any other is refused.
	if m := e.must(200, req{Method: "PATCH", Path: "/v1/workspaces/" + ws, Token: alice, Body: map[string]any{"plan": "enterprise"}}); m["plan"] != "enterprise" {
		t.Fatalf("plan-only patch: %v", m)
	}
	m := assertError(t, e.do(req{Method: "PATCH", Path: "/v1/workspaces/" + ws, Token: alice, Body: map[string]any{"plan": "pro", "name": "X"}}),
		409, "failed_precondition", "")
	if m["message"] != "workspace is suspended: subscription canceled" {
		t.Fatalf("patch with a name: %v", m)
	}
	if sub := e.must(200, req{Method: "GET", Path: "/v1/workspaces/" + ws + "/subscription", Token: alice}); sub["plan"] != "enterprise" || sub["status"] != "canceled" {
		t.Fatalf("subscription: %v", sub)
	}
}
