package server_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/server"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/sqlite"
)

// leaks reports where in b any of values appears, as UTF-8, hex or base64 (how a store or a log
// might encode bytes).
func leaks(b []byte, values []string) []string {
	var out []string
	for _, v := range values {
		for _, enc := range []string{v, hex.EncodeToString([]byte(v)), strings.ToUpper(hex.EncodeToString([]byte(v))),
			base64.StdEncoding.EncodeToString([]byte(v)), base64.RawURLEncoding.EncodeToString([]byte(v))} {
			if bytes.Contains(b, []byte(enc)) {
				out = append(out, enc)
			}
		}
	}
	return out
}

// TestSecretValuesAppearNowhere runs an in-process server with debug logs, stores secret values
// through every path a value takes (create, idempotent create and its replay, new value, the
// same value, dry runs, refused creates and updates, a conflicting idempotent retry) and greps
// for every value in: every answer (bodies and headers), the server's logs, the audit events,
// the idempotency records, and the bytes of the database, its write-ahead log and shared
// memory, while running and after a clean shutdown (docs/platform.md section 11).
func TestSecretValuesAppearNowhere(t *testing.T) {
	logs := &syncWriter{}
	dir := t.TempDir()
	srv := servertest.Start(t, servertest.WithDataDir(dir),
		servertest.WithLogger(slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	owner := srv.UserToken(t, "owner@example.com")
	var values []string
	value := func(tag string) string {
		v := "leak-canary-" + tag + "-" + platform.NewSecret("x_")
		values = append(values, v)
		return v
	}
	var answers bytes.Buffer
	send := func(method, path, idemKey string, body any) (int, map[string]any) {
		t.Helper()
		var rd io.Reader
		switch b := body.(type) {
		case nil:
		case string:
			rd = strings.NewReader(b)
		default:
			raw, err := json.Marshal(b)
			if err != nil {
				t.Fatal(err)
			}
			rd = bytes.NewReader(raw)
		}
		req, err := http.NewRequest(method, srv.URL+path, rd)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+owner)
		req.Header.Set("Content-Type", "application/json")
		if idemKey != "" {
			req.Header.Set("Idempotency-Key", idemKey)
		}
		resp, err := srv.HTTPClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		raw, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		answers.Write(raw)
		for k, vs := range resp.Header {
			answers.WriteString(k + ": " + strings.Join(vs, ",") + "\n")
		}
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		return resp.StatusCode, m
	}
	want := func(status int, got int, m map[string]any) {
		t.Helper()
		if got != status {
			t.Fatalf("got %d %v, want %d", got, m, status)
		}
	}

	st, _ := send("POST", "/v1/workspaces", "", map[string]any{"slug": "acme", "name": "Acme", "plan": "pro"})
	want(201, st, nil)
	base := "/v1/workspaces/acme/secrets"
	first := value("create")
	for range 2 { // the second is a replay
		st, m := send("POST", base, "create-1", map[string]any{"name": "DB_PASSWORD", "value": first})
		want(201, st, m)
	}
	st, m := send("POST", base, "create-1", map[string]any{"name": "DB_PASSWORD", "value": value("mismatch")})
	want(422, st, m)
	st, m = send("POST", base+"?validate_only=true", "", map[string]any{"name": "DRY_RUN", "value": value("dry")})
	want(200, st, m)
	st, m = send("POST", base, "", map[string]any{"name": "DB_PASSWORD", "value": value("duplicate")})
	want(409, st, m)
	st, m = send("POST", base, "", map[string]any{"name": "bad name", "value": value("bad-name")})
	want(400, st, m)
	st, m = send("POST", base, "", map[string]any{"name": "TYPO", "valeu": value("unknown-field")})
	want(400, st, m)
	st, m = send("POST", base, "", `{"name": "BROKEN", "value": "`+value("malformed")+`\x"}`)
	want(400, st, m)
	st, m = send("PATCH", base+"/DB_PASSWORD", "", map[string]any{"name": "RENAMED", "value": value("refused-patch")})
	want(400, st, m)
	second := value("patch")
	st, m = send("PATCH", base+"/DB_PASSWORD", "", map[string]any{"value": second})
	want(200, st, m)
	st, m = send("PATCH", base+"/DB_PASSWORD", "", map[string]any{"value": second}) // unchanged
	want(200, st, m)
	st, m = send("PATCH", base+"/DB_PASSWORD?validate_only=true", "", map[string]any{"value": value("dry-patch")})
	want(200, st, m)
	st, m = send("PATCH", base+"/DB_PASSWORD", "", map[string]any{"value": value("stale"), "description": "x"})
	want(200, st, m)
	st, m = send("GET", base+"/DB_PASSWORD", "", nil)
	want(200, st, m)
	if m["value_version"] != 3.0 {
		t.Errorf("value_version: %v", m)
	}
	st, m = send("GET", base, "", nil)
	want(200, st, m)
	st, m = send("GET", "/v1/workspaces/acme/audit-events?page_size=200", "", nil)
	want(200, st, m)

	check := func(where string, b []byte) {
		t.Helper()
		if len(b) == 0 && where != "answers" {
			return
		}
		if found := leaks(b, values); len(found) > 0 {
			t.Errorf("%s holds secret values: %q", where, found)
		}
	}
	check("answers", answers.Bytes())
	if !bytes.Contains([]byte(logs.String()), []byte(`"path":"/v1/workspaces/acme/secrets"`)) {
		t.Fatalf("the log capture saw no request: %s", []byte(logs.String()))
	}
	check("the server's logs", []byte(logs.String()))
	dbFiles := func(when string) {
		for _, name := range []string{server.DefaultDBFile, server.DefaultDBFile + "-wal", server.DefaultDBFile + "-shm"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			check(name+" "+when, b)
		}
	}
	dbFiles("while running")

	p, err := srv.Server.Service().Authenticate(context.Background(), owner)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	dbFiles("after shutdown")
	store, err := sqlite.Open(context.Background(), filepath.Join(dir, server.DefaultDBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = store.Close() }()
	err = store.View(context.Background(), func(tx platform.Tx) error {
		rec, err := tx.GetIdempotencyRecord(p.Subject(), "create-1")
		if err != nil {
			return err
		}
		check("the idempotency record", append([]byte(rec.RequestHash), rec.Body...))
		ws, err := tx.GetWorkspaceBySlug("acme")
		if err != nil {
			return err
		}
		events, err := tx.ListAuditEvents(ws.ID, platform.Page{Limit: 1000})
		if err != nil {
			return err
		}
		raw, _ := json.Marshal(events)
		check("the audit events", raw)
		secs, err := tx.ListSecrets(ws.ID, platform.Page{Limit: 10})
		for _, s := range secs {
			check("a sealed value", s.SealedValue)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
