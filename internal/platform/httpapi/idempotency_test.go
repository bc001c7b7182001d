package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

func TestIdempotency(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	path := "/v1/workspaces/" + ws + "/projects"
	count := func() int {
		return len(items(t, e.must(200, req{Method: "GET", Path: path, Token: alice})))
	}

	t.Run("replay", func(t *testing.T) {
		before := count()
		q := req{Method: "POST", Path: path, Token: alice, Body: `{"slug":"once","name":"Once"}`,
			Header: map[string]string{"Idempotency-Key": "create-once"}}
		first := e.do(q)
		if first.Status != 201 || first.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("first: %s %v", first, first.Header)
		}
		second := e.do(q)
		if second.Status != 201 || !bytes.Equal(second.Body, first.Body) || second.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replay: %s %v", second, second.Header)
		}
		if second.Header.Get("Location") != first.Header.Get("Location") || second.Header.Get("ETag") != first.Header.Get("ETag") {
			t.Fatalf("replay headers: %v vs %v", second.Header, first.Header)
		}
		if n := count(); n != before+1 {
			t.Fatalf("projects: got %d, want exactly one more than %d", n, before)
		}
		// Keys are scoped to the caller: another caller's same key is another request.
		bob := e.token("bob@example.com")
		r := e.do(req{Method: "POST", Path: "/v1/workspaces", Token: bob, Body: map[string]any{"slug": e.uniq("bob"), "name": "B"},
			Header: map[string]string{"Idempotency-Key": "create-once"}})
		if r.Status != 201 || r.Header.Get("Idempotent-Replayed") != "" {
			t.Fatalf("another caller's key: %s", r)
		}
	})

	t.Run("mismatch", func(t *testing.T) {
		hdr := map[string]string{"Idempotency-Key": "mm"}
		e.must(201, req{Method: "POST", Path: path, Token: alice, Header: hdr, Body: map[string]any{"slug": "mm-1", "name": "M"}})
		r := e.do(req{Method: "POST", Path: path, Token: alice, Header: hdr, Body: map[string]any{"slug": "mm-2", "name": "M"}})
		assertError(t, r, 422, "idempotency_mismatch", "")
		// Another path with the same key is another request too.
		r = e.do(req{Method: "POST", Path: "/v1/workspaces/" + ws + "/regions", Token: alice, Header: hdr, Body: map[string]any{"slug": "mm-1", "name": "M"}})
		assertError(t, r, 422, "idempotency_mismatch", "")
	})

	t.Run("client errors are replayed", func(t *testing.T) {
		q := req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": "bad-one"},
			Body: map[string]any{"slug": "X", "name": "bad"}}
		first := e.do(q)
		assertError(t, first, 400, "invalid_argument", "slug")
		second := e.do(q)
		if second.Status != 400 || !bytes.Equal(second.Body, first.Body) || second.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("replayed error: %s %v", second, second.Header)
		}
	})

	t.Run("precondition failures are not", func(t *testing.T) {
		// 412 is not stored: after re-reading, the same key may succeed.
		e.must(201, req{Method: "POST", Path: path, Token: alice, Body: map[string]any{"slug": "tgt", "name": "T"}})
		caller := e.principal(alice)
		rec := platform.IdempotencyRecord{Caller: caller, Key: "in-flight", RequestHash: "whatever", CreatedAt: e.clock.Now()}
		must(t, e.store.Update(e.ctx, func(tx platform.Tx) error { return tx.CreateIdempotencyRecord(&rec) }))

		q := req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": "in-flight"},
			Body: map[string]any{"slug": "flight", "name": "F"}}
		// A different request hash still gets 422 even while in flight.
		assertError(t, e.do(q), 422, "idempotency_mismatch", "")
		// Same hash, still running: 409.
		rec.RequestHash = e.requestHashOf(q)
		must(t, e.store.Update(e.ctx, func(tx platform.Tx) error { return tx.UpdateIdempotencyRecord(&rec) }))
		r := e.do(q)
		if er := assertError(t, r, 409, "failed_precondition", ""); !strings.Contains(er["message"].(string), "still in progress") {
			t.Fatalf("in flight: %s", r)
		}
		if r.Header.Get("Retry-After") == "" {
			t.Fatalf("in flight: no Retry-After")
		}
		// Abandoned after a minute: a retry takes it over and runs.
		e.clock.Advance(2 * time.Minute)
		e.must(201, req{Method: q.Method, Path: q.Path, Token: q.Token, Header: q.Header, Body: q.Body})
		r = e.do(q)
		if r.Status != 201 || r.Header.Get("Idempotent-Replayed") != "true" {
			t.Fatalf("after takeover: %s", r)
		}
	})

	t.Run("key format", func(t *testing.T) {
		for _, k := range []string{strings.Repeat("k", 256), "tab\there", "ünïcode"} {
			r := e.do(req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": k},
				Body: map[string]any{"slug": "fmt", "name": "F"}})
			assertError(t, r, 400, "invalid_argument", "Idempotency-Key")
		}
		e.must(201, req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": strings.Repeat("k", 255)},
			Body: map[string]any{"slug": "fmt", "name": "F"}})
	})

	t.Run("secrets are sealed at rest", func(t *testing.T) {
		q := req{Method: "POST", Path: "/v1/workspaces/" + ws + "/api-keys", Token: alice, Header: map[string]string{"Idempotency-Key": "key-1"},
			Body: map[string]any{"name": "ci", "access": "read_only"}}
		first := e.do(q)
		secret := first.JSON(t)["secret"].(string)
		var rec *platform.IdempotencyRecord
		must(t, e.store.View(e.ctx, func(tx platform.Tx) (err error) {
			rec, err = tx.GetIdempotencyRecord(e.principal(alice), "key-1")
			return err
		}))
		if rec.Status != 201 || bytes.Contains(rec.Body, []byte(secret)) || bytes.Contains(rec.Body, []byte(`"name"`)) {
			t.Fatalf("record holds the answer in plain text: %q", rec.Body)
		}
		second := e.do(q)
		if second.Status != 201 || !bytes.Equal(second.Body, first.Body) {
			t.Fatalf("sealed replay: %s", second)
		}
	})

	t.Run("expired records are purged", func(t *testing.T) {
		q := req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": "old"},
			Body: map[string]any{"slug": "old-1", "name": "O"}}
		e.must(201, q)
		e.clock.Advance(25 * time.Hour)
		// Any idempotent POST purges (at most once a minute); then the key is fresh again and,
		// the project existing, the create is refused for real.
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/regions", Token: alice,
			Header: map[string]string{"Idempotency-Key": "trigger"}, Body: map[string]any{"name": "trigger"}})
		r := e.do(q)
		assertError(t, r, 409, "already_exists", "")
		if r.Header.Get("Idempotent-Replayed") != "" {
			t.Fatal("an expired record was replayed")
		}
	})

	t.Run("dry runs write no record", func(t *testing.T) {
		q := req{Method: "POST", Path: path + "?validate_only=true", Token: alice, Header: map[string]string{"Idempotency-Key": "dry"},
			Body: map[string]any{"slug": "dry", "name": "D"}}
		e.must(200, q)
		err := e.store.View(e.ctx, func(tx platform.Tx) error {
			_, err := tx.GetIdempotencyRecord(e.principal(alice), "dry")
			return err
		})
		if !platform.IsCode(err, platform.CodeNotFound) {
			t.Fatalf("dry run left a record: %v", err)
		}
	})
}

// principal is the idempotency scope of a token's caller.
func (e *env) principal(token string) string {
	e.tb.Helper()
	p, err := e.svc.Authenticate(e.ctx, token)
	must(e.tb, err)
	return p.Subject()
}

// requestHashOf is the hash the server computes for q (sent with a JSON body by env.do).
func (e *env) requestHashOf(q req) string {
	e.tb.Helper()
	body, err := json.Marshal(q.Body)
	must(e.tb, err)
	return httpapi.RequestHash(e.secretKey, httptest.NewRequest(q.Method, q.Path, nil), body)
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// Concurrent retries of one request create one object: the others replay it or are told the
// first is still in progress.
func TestIdempotencyConcurrent(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	path := "/v1/workspaces/" + ws + "/regions"
	q := req{Method: "POST", Path: path, Token: alice, Body: `{"name":"race"}`, Header: map[string]string{"Idempotency-Key": "race"}}
	results := make(chan *response, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { results <- e.do(q) })
	}
	wg.Wait()
	close(results)
	var created int
	var body []byte
	for r := range results {
		switch {
		case r.Status == 201 && r.Header.Get("Idempotent-Replayed") == "":
			created++
			body = r.Body
		case r.Status == 201:
		case r.Status == 409:
			assertError(t, r, 409, "failed_precondition", "")
		default:
			t.Fatalf("concurrent retry: %s", r)
		}
	}
	if created != 1 {
		t.Fatalf("%d requests ran, want exactly 1", created)
	}
	if n := len(items(t, e.must(200, req{Method: "GET", Path: path, Token: alice}))); n != 1 {
		t.Fatalf("%d regions, want 1", n)
	}
	if r := e.do(q); r.Status != 201 || !bytes.Equal(r.Body, body) {
		t.Fatalf("later retry: %s", r)
	}
}

// TestIdempotencyRequestHashIsKeyed: a request body may hold a secret value, so the stored
// request hash is an HMAC under a key derived from the server's secret key: a copy of the
// database cannot confirm a guessed body. Records of earlier versions (an unkeyed SHA-256) are
// still matched until they expire, and a taken-over one is rewritten with the keyed hash.
func TestIdempotencyRequestHashIsKeyed(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "pro")
	path := "/v1/workspaces/" + ws + "/secrets"
	q := req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": "keyed"},
		Body: map[string]any{"name": "GUESS_ME", "value": "hunter2"}}
	e.must(201, q)
	record := func(key string) *platform.IdempotencyRecord {
		var rec *platform.IdempotencyRecord
		must(t, e.store.View(e.ctx, func(tx platform.Tx) (err error) {
			rec, err = tx.GetIdempotencyRecord(e.principal(alice), key)
			return err
		}))
		return rec
	}
	body, err := json.Marshal(q.Body)
	must(t, err)
	r := httptest.NewRequest(q.Method, q.Path, nil)
	rec := record("keyed")
	if rec.RequestHash != e.requestHashOf(q) || !strings.HasPrefix(rec.RequestHash, "h2:") {
		t.Fatalf("stored hash %q is not the keyed hash", rec.RequestHash)
	}
	// Whoever has the database but not the key computes other hashes for every guess.
	if rec.RequestHash == httpapi.LegacyRequestHash(r, body) || rec.RequestHash == httpapi.RequestHash(make([]byte, 32), r, body) {
		t.Fatal("the stored hash can be recomputed without the server's secret key")
	}

	// A record written by an earlier version, with the unkeyed hash: replayed for the same
	// request, 422 for another.
	legacy := req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": "legacy"},
		Body: map[string]any{"name": "LEGACY", "value": "v"}}
	lbody, err := json.Marshal(legacy.Body)
	must(t, err)
	answer := []byte(`{"id":"sec_legacy","name":"LEGACY","version":1}`)
	must(t, e.store.Update(e.ctx, func(tx platform.Tx) error {
		return tx.CreateIdempotencyRecord(&platform.IdempotencyRecord{Caller: e.principal(alice), Key: "legacy",
			RequestHash: httpapi.LegacyRequestHash(httptest.NewRequest(legacy.Method, legacy.Path, nil), lbody),
			Status:      201, Body: answer, CreatedAt: e.clock.Now()})
	}))
	rep := e.do(legacy)
	if rep.Status != 201 || !bytes.Equal(rep.Body, answer) || rep.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("legacy record not replayed: %s", rep)
	}
	other := legacy
	other.Body = map[string]any{"name": "LEGACY", "value": "w"}
	assertError(t, e.do(other), 422, "idempotency_mismatch", "")

	// A legacy record left in flight is taken over (after the abandon delay) and keyed anew.
	flight := req{Method: "POST", Path: path, Token: alice, Header: map[string]string{"Idempotency-Key": "legacy-flight"},
		Body: map[string]any{"name": "FLIGHT", "value": "v"}}
	fbody, err := json.Marshal(flight.Body)
	must(t, err)
	must(t, e.store.Update(e.ctx, func(tx platform.Tx) error {
		return tx.CreateIdempotencyRecord(&platform.IdempotencyRecord{Caller: e.principal(alice), Key: "legacy-flight",
			RequestHash: httpapi.LegacyRequestHash(httptest.NewRequest(flight.Method, flight.Path, nil), fbody),
			Body:        []byte{}, CreatedAt: e.clock.Now()})
	}))
	e.clock.Advance(2 * time.Minute)
	e.must(201, flight)
	if got := record("legacy-flight").RequestHash; got != e.requestHashOf(flight) {
		t.Fatalf("the taken-over record keeps hash %q, want the keyed one", got)
	}
	if rep := e.do(flight); rep.Status != 201 || rep.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("after the takeover: %s", rep)
	}
}
