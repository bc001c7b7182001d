package httpapi_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// The route walk (docs/platform.md section 12, "Subscription, access state and billing
// portal"): every route of httpapi.Routes() has an expectation against a read_only and a
// suspended workspace, and is called, with a dry run first for mutations, against the real
// handler, service and SQLite store, in a workspace holding one object of every kind. A route
// without an expectation fails the test, so a route added later cannot forget the access state.

// Outcomes of one route in one access state.
const (
	refused = -1 // 409 failed_precondition from the access state, with its message
	passes  = -2 // anything but the access state's refusal (what it answers is another test's business)
)

type walkExpect struct {
	// notSubject: the route is not scoped to one workspace (the caller, organizations, the
	// marketplace, administration, the webhook, documents): no access state applies.
	notSubject bool
	// readOnly and suspended: refused, passes, or the status the allowed call answers.
	readOnly, suspended int
	// path overrides the walk's path parameters for this route (another member, another key:
	// one that an allowed delete may remove without disturbing the routes after it).
	path  map[string]string
	query string
	body  any
	// noDryRun: the route takes no ?validate_only (the dry-run batch is itself dry).
	noDryRun bool
	// check looks further at an allowed answer.
	check func(t *testing.T, state string, m map[string]any)
	// pending: a route of another branch (the Stripe account), expected once merged.
	pending bool
}

var (
	readAllowed  = walkExpect{readOnly: 200, suspended: refused}
	writeRefused = walkExpect{readOnly: refused, suspended: refused}
	billing      = func(status int) walkExpect { return walkExpect{readOnly: status, suspended: status} }
	notSubject   = walkExpect{notSubject: true}
)

// walkExpectations are keyed by "METHOD pattern".
func walkExpectations() map[string]walkExpect {
	with := func(e walkExpect, f func(*walkExpect)) walkExpect { f(&e); return e }
	body := func(e walkExpect, b any) walkExpect { return with(e, func(x *walkExpect) { x.body = b }) }
	return map[string]walkExpect{
		// Not scoped to a workspace.
		"GET /v1/me": notSubject, "GET /v1/me/tokens": notSubject, "POST /v1/me/tokens": notSubject,
		"GET /v1/me/tokens/{id}": notSubject, "DELETE /v1/me/tokens/{id}": notSubject,
		"GET /v1/kubernetes-versions": notSubject, "POST /v1/admin/users/{email}/tokens": notSubject,
		"POST /v1/organizations": notSubject, "GET /v1/organizations": notSubject,
		"GET /v1/organizations/{org}": notSubject, "PATCH /v1/organizations/{org}": notSubject,
		"DELETE /v1/organizations/{org}": notSubject, "GET /v1/organizations/{org}/members": notSubject,
		"POST /v1/organizations/{org}/members": notSubject, "GET /v1/organizations/{org}/members/{member}": notSubject,
		"PATCH /v1/organizations/{org}/members/{member}": notSubject, "DELETE /v1/organizations/{org}/members/{member}": notSubject,
		"POST /v1/workspaces": notSubject, "GET /v1/workspaces": notSubject,
		"GET /v1/marketplace/products": notSubject, "GET /v1/marketplace/products/{prod_id}": notSubject,
		"POST /v1/github/webhook":                             notSubject, // accepted; starts nothing unless full (service test)
		"POST /v1/admin/github-installations/{ghi}/suspend":   notSubject,
		"POST /v1/admin/github-installations/{ghi}/unsuspend": notSubject,
		"POST /v1/admin/workspaces/{ws}/subscription/status":  notSubject, // the payment processor's stand-in
		"GET /v1/plan-sessions/{session}":                     notSubject, // the caller's own bookkeeping
		"GET /v1/openapi.json":                                notSubject, "GET /healthz": notSubject,

		// The workspace itself: it answers in every state; other changes to it are refused.
		"GET /v1/workspaces/{ws}":                     billing(200),
		"PATCH /v1/workspaces/{ws}":                   body(writeRefused, map[string]any{"name": "Renamed"}),
		"DELETE /v1/workspaces/{ws}":                  with(billing(204), func(x *walkExpect) { x.query = "force=true" }),
		"POST /v1/workspaces/{ws}/transfer-ownership": body(writeRefused, map[string]any{"email": "bob@example.com"}),
		"GET /v1/workspaces/{ws}/usage":               readAllowed,
		"GET /v1/workspaces/{ws}/audit-events":        readAllowed,

		// Billing: every state.
		"GET /v1/workspaces/{ws}/subscription":   billing(200),
		"PATCH /v1/workspaces/{ws}/subscription": body(billing(200), map[string]any{"cancel_at_period_end": true}),
		"GET /v1/workspaces/{ws}/access-state": with(billing(200), func(x *walkExpect) {
			x.check = func(t *testing.T, state string, m map[string]any) {
				if m["state"] != state || m["since"] == "" {
					t.Errorf("access state in %s: %v", state, m)
				}
			}
		}),
		"POST /v1/workspaces/{ws}/billing-portal-sessions": body(billing(201), map[string]any{"return_url": "https://example.com/back"}),
		// The Stripe account (branch i16-stripe): billing, answered in every state.
		"PUT /v1/workspaces/{ws}/stripe-account": {readOnly: passes, suspended: passes, pending: true,
			body: map[string]any{"country": "US", "business_type": "company", "email": "billing@example.com"}},
		"GET /v1/workspaces/{ws}/stripe-account":    {readOnly: passes, suspended: passes, pending: true},
		"DELETE /v1/workspaces/{ws}/stripe-account": {readOnly: passes, suspended: passes, pending: true},

		// Members: removing one takes access away, allowed while read-only.
		"GET /v1/workspaces/{ws}/members":                           readAllowed,
		"POST /v1/workspaces/{ws}/members":                          body(writeRefused, map[string]any{"email": "new@example.com", "role": "viewer"}),
		"GET /v1/workspaces/{ws}/members/{member}":                  readAllowed,
		"GET /v1/workspaces/{ws}/managing-organization/members":     readAllowed,
		"PATCH /v1/workspaces/{ws}/members/{member}":                body(writeRefused, map[string]any{"role": "viewer"}),
		"DELETE /v1/workspaces/{ws}/members/{member}":               {readOnly: 204, suspended: refused, path: map[string]string{"member": "carol@example.com"}},
		"GET /v1/workspaces/{ws}/projects":                          readAllowed,
		"POST /v1/workspaces/{ws}/projects":                         body(writeRefused, map[string]any{"slug": "new-prj", "name": "New"}),
		"GET /v1/workspaces/{ws}/projects/{prj}":                    readAllowed,
		"PATCH /v1/workspaces/{ws}/projects/{prj}":                  body(writeRefused, map[string]any{"name": "Renamed"}),
		"DELETE /v1/workspaces/{ws}/projects/{prj}":                 writeRefused,
		"GET /v1/workspaces/{ws}/projects/{prj}/members":            readAllowed,
		"POST /v1/workspaces/{ws}/projects/{prj}/members":           body(writeRefused, map[string]any{"email": "carol@example.com", "role": "viewer"}),
		"GET /v1/workspaces/{ws}/projects/{prj}/members/{member}":   readAllowed,
		"PATCH /v1/workspaces/{ws}/projects/{prj}/members/{member}": body(writeRefused, map[string]any{"role": "member"}),
		"DELETE /v1/workspaces/{ws}/projects/{prj}/members/{member}": {readOnly: 204, suspended: refused,
			path: map[string]string{"member": "dave@example.com"}},
		"GET /v1/workspaces/{ws}/projects/{prj}/access/{member}": readAllowed,

		"GET /v1/workspaces/{ws}/roles":           readAllowed,
		"POST /v1/workspaces/{ws}/roles":          body(writeRefused, map[string]any{"name": "new-role", "permissions": []string{"workspace.read"}}),
		"GET /v1/workspaces/{ws}/roles/{role}":    readAllowed,
		"PATCH /v1/workspaces/{ws}/roles/{role}":  body(writeRefused, map[string]any{"description": "changed"}),
		"DELETE /v1/workspaces/{ws}/roles/{role}": writeRefused,

		// API keys: deleting one takes access away, allowed while read-only.
		"GET /v1/workspaces/{ws}/api-keys":         readAllowed,
		"POST /v1/workspaces/{ws}/api-keys":        body(writeRefused, map[string]any{"name": "new-key", "access": "read_only"}),
		"GET /v1/workspaces/{ws}/api-keys/{key}":   readAllowed,
		"PATCH /v1/workspaces/{ws}/api-keys/{key}": body(writeRefused, map[string]any{"name": "renamed"}),
		"DELETE /v1/workspaces/{ws}/api-keys/{key}": {readOnly: 204, suspended: refused,
			path: map[string]string{"key": "{key2}"}},
		"POST /v1/workspaces/{ws}/api-keys/{key}/rotate": writeRefused,

		"GET /v1/workspaces/{ws}/regions":             readAllowed,
		"POST /v1/workspaces/{ws}/regions":            body(writeRefused, map[string]any{"name": "new-region"}),
		"GET /v1/workspaces/{ws}/regions/{region}":    readAllowed,
		"PATCH /v1/workspaces/{ws}/regions/{region}":  body(writeRefused, map[string]any{"description": "changed"}),
		"DELETE /v1/workspaces/{ws}/regions/{region}": writeRefused,
		"GET /v1/workspaces/{ws}/clusters":            readAllowed,
		"POST /v1/workspaces/{ws}/clusters": body(writeRefused, map[string]any{"name": "new-cluster", "cloud": "aws",
			"location": "eu-central-1", "kubernetes_version": "1.31", "node_pools": nodePools()}),
		"GET /v1/workspaces/{ws}/clusters/{cluster}":    readAllowed,
		"PATCH /v1/workspaces/{ws}/clusters/{cluster}":  body(writeRefused, map[string]any{"kubernetes_version": "1.31"}),
		"DELETE /v1/workspaces/{ws}/clusters/{cluster}": writeRefused,

		"GET /v1/workspaces/{ws}/products":                 readAllowed,
		"POST /v1/workspaces/{ws}/products":                body(writeRefused, map[string]any{"slug": "new-prod", "name": "New"}),
		"GET /v1/workspaces/{ws}/products/{prod}":          readAllowed,
		"PATCH /v1/workspaces/{ws}/products/{prod}":        body(writeRefused, map[string]any{"description": "changed"}),
		"DELETE /v1/workspaces/{ws}/products/{prod}":       writeRefused,
		"GET /v1/workspaces/{ws}/products/{prod}/releases": readAllowed,
		"POST /v1/workspaces/{ws}/products/{prod}/releases": body(writeRefused,
			map[string]any{"tag": "2.0.0", "chart": "oci://charts.example.com/shop:2.0.0"}),
		"GET /v1/workspaces/{ws}/products/{prod}/releases/{tag}":    readAllowed,
		"PATCH /v1/workspaces/{ws}/products/{prod}/releases/{tag}":  body(writeRefused, map[string]any{"notes": "changed"}),
		"DELETE /v1/workspaces/{ws}/products/{prod}/releases/{tag}": writeRefused,

		"GET /v1/workspaces/{ws}/installations": readAllowed,
		"POST /v1/workspaces/{ws}/installations": body(writeRefused, map[string]any{"name": "new-inst", "cluster_id": "{cluster_id}",
			"source": map[string]any{"product_id": "{product_id}", "tag": "1.0.0"}}),
		"GET /v1/workspaces/{ws}/installations/{inst}":          readAllowed,
		"PATCH /v1/workspaces/{ws}/installations/{inst}":        body(writeRefused, map[string]any{"values": map[string]string{"a": "b"}}),
		"DELETE /v1/workspaces/{ws}/installations/{inst}":       writeRefused,
		"GET /v1/workspaces/{ws}/installations/{inst}/packages": readAllowed,

		"GET /v1/workspaces/{ws}/projects/{prj}/deployments": readAllowed,
		"POST /v1/workspaces/{ws}/projects/{prj}/deployments": body(writeRefused, map[string]any{"name": "new-dep",
			"cluster_id": "{cluster_id}", "image": "ghcr.io/acme/api:1.0.0"}),
		"GET /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}":           readAllowed,
		"PATCH /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}":         body(writeRefused, map[string]any{"replicas": 2}),
		"DELETE /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}":        writeRefused,
		"POST /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/redeploy": writeRefused,
		"GET /v1/workspaces/{ws}/projects/{prj}/deployments/{dep}/logs":      readAllowed,

		"GET /v1/workspaces/{ws}/secrets":              readAllowed,
		"POST /v1/workspaces/{ws}/secrets":             body(writeRefused, map[string]any{"name": "NEW_SECRET", "value": "v"}),
		"GET /v1/workspaces/{ws}/secrets/{secret}":     readAllowed,
		"PATCH /v1/workspaces/{ws}/secrets/{secret}":   body(writeRefused, map[string]any{"value": "new"}),
		"DELETE /v1/workspaces/{ws}/secrets/{secret}":  writeRefused,
		"GET /v1/workspaces/{ws}/github-installations": readAllowed,
		"POST /v1/workspaces/{ws}/github-installations": body(writeRefused, map[string]any{"installation_id": 999999,
			"account_login": "acme", "account_type": "Organization", "repository_selection": "all"}),
		"GET /v1/workspaces/{ws}/github-installations/{ghi}":    readAllowed,
		"PATCH /v1/workspaces/{ws}/github-installations/{ghi}":  body(writeRefused, map[string]any{"account_login": "acme-renamed"}),
		"DELETE /v1/workspaces/{ws}/github-installations/{ghi}": writeRefused,

		// An operation belongs to its workspace: read like the object it changes.
		"GET /v1/operations/{op}": readAllowed,
		// Plan-session bookkeeping is a read of the workspace: a destroy plan can be made for a
		// read-only workspace (its deletes are then judged by their own dry runs).
		"POST /v1/plan-sessions/{session}/deletes": body(readAllowed, map[string]any{"workspace_id": "{ws}",
			"deletes": []any{map[string]any{"kind": "project", "target_id": "{project_id}"}}}),
		// The dry-run batch answers 200 in every state; each dry run answers as its real call.
		"POST /v1/plan-sessions/{session}/dry-runs": with(billing(200), func(x *walkExpect) {
			x.noDryRun = true
			x.body = map[string]any{"calls": []any{
				map[string]any{"method": "POST", "path": "/v1/workspaces/{ws}/projects", "body": map[string]any{"slug": "batch", "name": "Batch"}},
				map[string]any{"method": "PATCH", "path": "/v1/workspaces/{ws}/subscription", "body": map[string]any{"cancel_at_period_end": false}},
			}}
			x.check = func(t *testing.T, state string, m map[string]any) {
				results, _ := m["results"].([]any)
				if len(results) != 2 {
					t.Fatalf("dry-run batch in %s: %v", state, m)
				}
				create, _ := results[0].(map[string]any)
				errBody, _ := create["body"].(map[string]any)["error"].(map[string]any)
				if create["status"] != 409.0 || errBody["code"] != "failed_precondition" || errBody["message"] != gateMessage[state] {
					t.Errorf("dry run of a create in the batch, %s: %v", state, create)
				}
				if sub, _ := results[1].(map[string]any); sub["status"] != 200.0 {
					t.Errorf("dry run of a subscription change in the batch, %s: %v", state, sub)
				}
			}
		}),
	}
}

var gateMessage = map[string]string{
	"read_only": "workspace is read-only: subscription past_due",
	"suspended": "workspace is suspended: subscription canceled",
}

// walkFixture is a workspace with one object of every kind, made while it is full.
type walkFixture struct {
	params map[string]string
}

func newWalkFixture(t *testing.T, e *env, alice string, githubID int64) walkFixture {
	t.Helper()
	ws := e.workspace(alice, "enterprise")
	base := "/v1/workspaces/" + ws
	for _, email := range []string{"bob@example.com", "carol@example.com", "dave@example.com"} {
		e.must(201, req{Method: "POST", Path: base + "/members", Token: alice, Body: map[string]any{"email": email, "role": "member"}})
	}
	prj := e.must(201, req{Method: "POST", Path: base + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	for _, email := range []string{"bob@example.com", "dave@example.com"} {
		e.must(201, req{Method: "POST", Path: base + "/projects/web/members", Token: alice, Body: map[string]any{"email": email, "role": "viewer"}})
	}
	e.must(201, req{Method: "POST", Path: base + "/roles", Token: alice, Body: map[string]any{"name": "auditor", "permissions": []string{"workspace.read"}}})
	k1 := e.must(201, req{Method: "POST", Path: base + "/api-keys", Token: alice, Body: map[string]any{"name": "one", "access": "read_only"}})
	k2 := e.must(201, req{Method: "POST", Path: base + "/api-keys", Token: alice, Body: map[string]any{"name": "two", "access": "read_only"}})
	e.must(201, req{Method: "POST", Path: base + "/regions", Token: alice, Body: map[string]any{"name": "eu-west"}})
	cls := e.must(202, req{Method: "POST", Path: base + "/clusters", Token: alice, Body: map[string]any{"name": "prod", "cloud": "aws",
		"location": "eu-central-1", "kubernetes_version": "1.30", "node_pools": nodePools()}})
	e.finishOperations()
	prod := e.must(201, req{Method: "POST", Path: base + "/products", Token: alice, Body: map[string]any{"slug": "shop", "name": "Shop"}})
	e.must(201, req{Method: "POST", Path: base + "/products/shop/releases", Token: alice,
		Body: map[string]any{"tag": "1.0.0", "chart": "oci://charts.example.com/shop:1.0.0"}})
	e.must(202, req{Method: "POST", Path: base + "/installations", Token: alice, Body: map[string]any{"name": "shop", "cluster_id": cls["id"],
		"source": map[string]any{"product_id": prod["id"], "tag": "1.0.0"}}})
	e.must(201, req{Method: "POST", Path: base + "/secrets", Token: alice, Body: map[string]any{"name": "DB_PASSWORD", "value": "s3cret"}})
	ghi := e.gitHubInstallation(ws, githubID)
	e.must(202, req{Method: "POST", Path: base + "/projects/web/deployments", Token: alice, Body: map[string]any{"name": "backend",
		"cluster_id": cls["id"], "image": "ghcr.io/acme/api:1.0.0",
		"source": map[string]any{"github_installation_id": ghi, "repository": "acme/api", "branch": "main"}}})
	e.finishOperations()
	return walkFixture{params: map[string]string{
		"ws": ws, "prj": "web", "member": "bob@example.com", "role": "auditor", "key": k1["id"].(string), "key2": k2["id"].(string),
		"region": "eu-west", "cluster": "prod", "prod": "shop", "tag": "1.0.0", "inst": "shop", "dep": "backend",
		"secret": "DB_PASSWORD", "ghi": ghi, "op": cls["operation_id"].(string), "session": "walk-session-" + ws,
		"cluster_id": cls["id"].(string), "product_id": prod["id"].(string), "project_id": prj["id"].(string),
	}}
}

// fill replaces every {name} in s with the fixture's value.
func (f walkFixture) fill(s string) string {
	for k, v := range f.params {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// fillBody fills the placeholders of a JSON-like body.
func (f walkFixture) fillBody(b any) any {
	switch x := b.(type) {
	case string:
		return f.fill(x)
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = f.fillBody(v)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = f.fillBody(v)
		}
		return out
	}
	return b
}

func TestRouteWalkAgainstEveryAccessState(t *testing.T) {
	expect := walkExpectations()
	routes := httpapi.Routes()
	routed := map[string]bool{}
	for _, rt := range routes {
		k := rt.Method + " " + rt.Pattern
		routed[k] = true
		if _, ok := expect[k]; !ok {
			t.Errorf("route %s (%s) has no access-state expectation: add it to walkExpectations", k, rt.Name)
		}
	}
	for k, x := range expect {
		if !routed[k] && !x.pending {
			t.Errorf("expectation for %s, which is not a route", k)
		}
	}
	if t.Failed() {
		return
	}
	// The workspace's own delete goes last: it ends the walk.
	slices.SortStableFunc(routes, func(a, b httpapi.Route) int {
		last := func(r httpapi.Route) bool { return r.Method == http.MethodDelete && r.Pattern == "/v1/workspaces/{ws}" }
		switch {
		case last(a) && !last(b):
			return 1
		case last(b) && !last(a):
			return -1
		}
		return 0
	})

	for i, st := range []struct{ state, status string }{{"read_only", "past_due"}, {"suspended", "canceled"}} {
		t.Run(st.state, func(t *testing.T) {
			e := newEnv(t, httpapi.Options{})
			alice := e.token("alice@example.com")
			f := newWalkFixture(t, e, alice, int64(7000+i))
			e.must(200, req{Method: "POST", Path: "/v1/admin/workspaces/" + f.params["ws"] + "/subscription/status", Token: adminToken,
				Body: map[string]any{"status": st.status}})
			for _, rt := range routes {
				x := expect[rt.Method+" "+rt.Pattern]
				if x.notSubject {
					continue
				}
				want := x.readOnly
				if st.state == "suspended" {
					want = x.suspended
				}
				path := rt.Pattern
				for k, v := range x.path {
					path = strings.ReplaceAll(path, "{"+k+"}", v)
				}
				path = f.fill(f.fill(path))
				q := req{Method: rt.Method, Path: path, Token: alice, Body: f.fillBody(x.body)}
				if x.query != "" {
					q.Path += "?" + x.query
				}
				if x.body == nil && rt.Method != http.MethodGet && rt.Method != http.MethodDelete {
					q.Body = map[string]any{}
				}
				if rt.Method != http.MethodGet && !x.noDryRun {
					dry := q
					dry.Path += map[bool]string{true: "&", false: "?"}[strings.Contains(q.Path, "?")] + "validate_only=true"
					dryWant := want
					if want > 0 {
						dryWant = 200 // a dry run answers 200 with what the call would do
					}
					judge(t, st.state, "dry run of "+rt.Method+" "+rt.Pattern, e.do(dry), dryWant, nil)
				}
				judge(t, st.state, rt.Method+" "+rt.Pattern, e.do(q), want, x.check)
			}
		})
	}
}

// judge checks one answer against the expected outcome.
func judge(t *testing.T, state, what string, r *response, want int, check func(*testing.T, string, map[string]any)) {
	t.Helper()
	var m map[string]any
	if len(r.Body) > 0 {
		m = r.JSON(t)
	}
	errBody, _ := m["error"].(map[string]any)
	gate := r.Status == 409 && errBody["code"] == "failed_precondition" && errBody["message"] == gateMessage[state]
	switch {
	case want == refused && !gate:
		t.Errorf("%s in a %s workspace: got %s, want 409 failed_precondition %q", what, state, r, gateMessage[state])
	case want == passes && gate:
		t.Errorf("%s in a %s workspace: refused by the access state (%s), want it allowed", what, state, r)
	case want > 0 && r.Status != want:
		t.Errorf("%s in a %s workspace: got %s, want %d", what, state, r, want)
	case want > 0 && check != nil:
		check(t, state, m)
	}
}
