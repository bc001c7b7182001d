package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/server"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/sqlite"
)

// TestHeaderLimitOverTheWire: the real server (Serve's http.Server) answers headers beyond the
// API's limit with the error envelope, not net/http's plain-text 431.
func TestHeaderLimitOverTheWire(t *testing.T) {
	s := open(t, server.Config{DataDir: t.TempDir(), BootstrapToken: "header-limit-test-token-0123456789"})
	base, _ := serve(t, s)
	send := func(padding int) *http.Response {
		t.Helper()
		req, err := http.NewRequest(http.MethodGet, base+"/healthz", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Padding", strings.Repeat("a", padding))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%d bytes of headers: %v", padding, err)
		}
		t.Cleanup(func() { _ = resp.Body.Close() })
		return resp
	}
	if resp := send(httpapi.MaxHeaderBytes - 1024); resp.StatusCode != http.StatusOK {
		t.Fatalf("headers under the limit: status %d", resp.StatusCode)
	}
	for _, size := range []int{httpapi.MaxHeaderBytes, 100 << 10, 512 << 10} {
		resp := send(size)
		body, _ := io.ReadAll(resp.Body)
		var env struct {
			Error struct {
				Code      string `json:"code"`
				RequestID string `json:"request_id"`
				Details   []struct {
					Field, Reason string
				} `json:"details"`
			} `json:"error"`
		}
		if resp.StatusCode != http.StatusBadRequest || json.Unmarshal(body, &env) != nil {
			t.Fatalf("%d bytes of headers: status %d: %s", size, resp.StatusCode, body)
		}
		id := resp.Header.Get("X-Request-Id")
		if env.Error.Code != "invalid_argument" || id == "" || env.Error.RequestID != id ||
			len(env.Error.Details) != 1 || env.Error.Details[0].Field != "headers" {
			t.Fatalf("%d bytes of headers: %v %s", size, resp.Header, body)
		}
	}
}

// TestAbandonedRequestIsLoggedAsSuch: a client that gives up while its request waits for the
// database leaves an access log line saying so (499, client_gone), and no error line.
func TestAbandonedRequestIsLoggedAsSuch(t *testing.T) {
	dir := t.TempDir()
	const token = "abandoned-request-test-token-0123456789"
	logs := &syncWriter{}
	s := open(t, server.Config{DataDir: dir, BootstrapToken: token, Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	base, _ := serve(t, s)
	status, body := call(t, http.MethodGet, base+"/v1/me", token, nil) // authenticated: remembered until the next write
	mustStatus(t, http.StatusOK, status, body)

	// Hold the database's write lock from another connection: the next write waits for it.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, server.DefaultDBFile)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = db.Close() }()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	released := false
	release := func() {
		if !released {
			released = true
			_, _ = conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}
	defer release()

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/organizations", strings.NewReader(`{"slug":"acme","name":"Acme"}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		_ = resp.Body.Close()
		t.Fatalf("the request was answered (%d) while the database was locked", resp.StatusCode)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("client: %v", err)
	}
	var line map[string]any
	eventually(t, "the access log line", func() bool {
		for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
			var m map[string]any
			if json.Unmarshal([]byte(l), &m) == nil && m["msg"] == "request" && m["path"] == "/v1/organizations" {
				line = m
				return true
			}
		}
		return false
	})
	release()
	if line["status"] != float64(499) || line["client_gone"] != true || line["level"] != "INFO" {
		t.Errorf("access log line: %v", line)
	}
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		if strings.Contains(l, `"level":"ERROR"`) || strings.Contains(l, "internal error") {
			t.Errorf("error line for an abandoned request: %s", l)
		}
	}
}

// TestInFlightIdempotencyRecordTakenOverAfterRestart: a record left in flight by a process
// that died cannot still be running once a new server holds the database's lock, so a retry
// with its key runs at once instead of being told to wait (409) for a minute.
func TestInFlightIdempotencyRecordTakenOverAfterRestart(t *testing.T) {
	inst := servertest.Start(t)
	var tok struct {
		ID     string `json:"id"`
		Secret string `json:"secret"`
	}
	status, body := inst.Do(t, inst.AdminToken, http.MethodPost, "/v1/admin/users/alice@example.com/tokens", map[string]any{"name": "t"}, &tok)
	mustStatus(t, http.StatusCreated, status, body)
	const key = "retry-after-crash"
	retry := func(inst *servertest.Instance) (int, []byte, http.Header) {
		t.Helper()
		req, err := http.NewRequest(http.MethodPost, inst.URL+"/v1/me/tokens", strings.NewReader(`{"name":"ci"}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+tok.Secret)
		req.Header.Set("Idempotency-Key", key)
		resp, err := inst.HTTPClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = resp.Body.Close() }()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b, resp.Header
	}
	// The request ran once (so the record has its real request hash) ...
	status, body, _ = retry(inst)
	mustStatus(t, http.StatusCreated, status, body)
	if err := inst.Close(); err != nil {
		t.Fatal(err)
	}
	// ... and the process died before it stored the answer: the record is in flight, and recent.
	ctx := context.Background()
	store, err := sqlite.Open(ctx, filepath.Join(inst.DataDir, server.DefaultDBFile))
	if err != nil {
		t.Fatal(err)
	}
	err = store.Update(ctx, func(tx platform.Tx) error {
		rec, err := tx.GetIdempotencyRecord(tok.ID, key)
		if err != nil {
			return err
		}
		rec.Status, rec.Body, rec.CreatedAt = 0, []byte{}, time.Now().UTC()
		return tx.UpdateIdempotencyRecord(rec)
	})
	if cerr := store.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}

	inst = inst.Restart(t)
	status, body, hdr := retry(inst)
	mustStatus(t, http.StatusCreated, status, body)
	if hdr.Get("Idempotent-Replayed") != "" {
		t.Fatalf("the retry was replayed rather than run: %v", hdr)
	}
	// Its answer is now the key's answer.
	status, again, hdr := retry(inst)
	mustStatus(t, http.StatusCreated, status, again)
	if hdr.Get("Idempotent-Replayed") != "true" || string(again) != string(body) {
		t.Fatalf("second retry: %v %s, want the replay of %s", hdr, again, body)
	}
}
