package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Backend {
		path := filepath.Join(t.TempDir(), "platform.db")
		return storetest.BackendFunc(func(ctx context.Context) (platform.Store, error) {
			return Open(ctx, path)
		})
	})
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "platform.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func pragma(t *testing.T, db *sql.DB, name string) string {
	t.Helper()
	var v string
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func TestOpenConfiguresBothPools(t *testing.T) {
	s, path := openTemp(t)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
	for _, c := range []struct {
		pool       string
		db         *sql.DB
		name, want string
	}{
		{"writer", s.writer, "journal_mode", "wal"},
		{"writer", s.writer, "foreign_keys", "1"},
		{"writer", s.writer, "busy_timeout", "10000"},
		{"writer", s.writer, "synchronous", "1"}, // NORMAL
		{"writer", s.writer, "query_only", "0"},
		{"reader", s.reader, "journal_mode", "wal"},
		{"reader", s.reader, "foreign_keys", "1"},
		{"reader", s.reader, "busy_timeout", "10000"},
		{"reader", s.reader, "query_only", "1"},
	} {
		if got := pragma(t, c.db, c.name); got != c.want {
			t.Errorf("%s: PRAGMA %s = %s, want %s", c.pool, c.name, got, c.want)
		}
	}
	if n := s.writer.Stats().MaxOpenConnections; n != 1 {
		t.Errorf("writer pool allows %d connections, want 1", n)
	}
}

func TestReaderPoolCannotWrite(t *testing.T) {
	s, _ := openTemp(t)
	_, err := s.reader.Exec(`INSERT INTO audit_events (id, actor, action, target, at) VALUES ('evt_x', 'a', 'b', 'c', 'd')`)
	if err == nil {
		t.Fatal("a write through the reader pool succeeded")
	}
}

func TestWriterTransactionsBeginImmediate(t *testing.T) {
	// While one Update holds the write lock, a write through another connection to the file
	// (as another process would) must wait rather than interleave.
	s, path := openTemp(t)
	other, err := sql.Open(driverName, "file:"+filepath.ToSlash(path)+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	err = s.Update(t.Context(), func(platform.Tx) error {
		// fn has not written anything yet: only BEGIN IMMEDIATE can be holding the lock.
		_, err := other.Exec(`INSERT INTO audit_events (id, actor, action, target, at) VALUES ('evt_x', 'a', 'b', 'c', 'd')`)
		if err == nil {
			return fmt.Errorf("another connection wrote inside an open Update")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReopenKeepsSchemaVersion(t *testing.T) {
	s, path := openTemp(t)
	var before int64
	if err := s.writer.QueryRow(`SELECT MAX(version_id) FROM goose_db_version`).Scan(&before); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("second Open: %v", err)
	}
	defer s2.Close()
	var after, rows int64
	if err := s2.writer.QueryRow(`SELECT MAX(version_id), COUNT(*) FROM goose_db_version`).Scan(&after, &rows); err != nil {
		t.Fatal(err)
	}
	if before < 1 || after != before {
		t.Errorf("schema version %d, then %d after reopening; want the same, at least 1", before, after)
	}
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		t.Fatal(err)
	}
	// goose records one row for its own table plus one per applied migration, once.
	if rows != int64(len(entries))+1 {
		t.Errorf("goose_db_version has %d rows after two opens, want %d", rows, len(entries)+1)
	}
}

func TestOpenFailsCleanly(t *testing.T) {
	if _, err := Open(t.Context(), ""); err == nil {
		t.Error("Open of an empty path succeeded")
	}
	if _, err := Open(t.Context(), filepath.Join(t.TempDir(), "missing-dir", "platform.db")); err == nil {
		t.Error("Open in a missing directory succeeded")
	}
}

func TestPathWithURICharacters(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "we?ird #dir%20")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "platform.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database not created at the given path: %v", err)
	}
}

func TestTimesStoredAsSortableUTCText(t *testing.T) {
	s, _ := openTemp(t)
	at := time.Date(2025, 1, 2, 3, 4, 5, 6000, time.FixedZone("CET", 3600))
	ev := &platform.AuditEvent{ID: "evt_t", Actor: "a", Action: "b", Target: "c", At: at}
	if err := s.Update(t.Context(), func(tx platform.Tx) error { return tx.CreateAuditEvent(ev) }); err != nil {
		t.Fatal(err)
	}
	var raw string
	if err := s.reader.QueryRow(`SELECT at FROM audit_events WHERE id = 'evt_t'`).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if want := "2025-01-02T02:04:05.000006000Z"; raw != want {
		t.Errorf("stored time %q, want %q", raw, want)
	}
}

func TestEmptyReferencesStoredAsNull(t *testing.T) {
	s, _ := openTemp(t)
	now := time.Now().UTC().Truncate(time.Microsecond)
	w := &platform.Workspace{ID: "ws_n", Slug: "nulls", Plan: platform.PlanFree}
	c := &platform.Cluster{ID: "cls_n", WorkspaceID: w.ID, Name: "c", Cloud: platform.CloudAWS}
	k := &platform.APIKey{ID: "key_n", WorkspaceID: w.ID, Name: "k", Access: platform.AccessReadOnly, SecretHash: "h"}
	o := &platform.Operation{ID: "op_n", WorkspaceID: w.ID, Kind: platform.OpClusterDelete, Status: platform.OpPending}
	ev := &platform.AuditEvent{ID: "evt_n", Action: "a", At: now}
	for _, m := range []*platform.Meta{&w.Meta, &c.Meta, &k.Meta, &o.Meta} {
		m.Stamp(now)
	}
	err := s.Update(t.Context(), func(tx platform.Tx) error {
		return errors.Join(tx.CreateWorkspace(w), tx.CreateCluster(c), tx.CreateAPIKey(k), tx.CreateOperation(o), tx.CreateAuditEvent(ev))
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`SELECT managing_organization_id IS NULL FROM workspaces`,
		`SELECT region_id IS NULL AND project_id IS NULL FROM clusters`,
		`SELECT previous_secret_hash IS NULL AND expires_at IS NULL AND previous_expires_at IS NULL FROM api_keys`,
		`SELECT target_id IS NULL AND target IS NULL FROM operations`,
		`SELECT workspace_id IS NULL AND organization_id IS NULL FROM audit_events`,
	} {
		var isNull bool
		if err := s.reader.QueryRow(q).Scan(&isNull); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if !isNull {
			t.Errorf("%s: an empty reference was not stored as NULL", q)
		}
	}
}

func TestEmailsAreLowerCase(t *testing.T) {
	// The service normalises e-mails; the store refuses one that is not (a bug upstream would
	// otherwise create a second user for the same person) and looks up case-insensitively.
	s, _ := openTemp(t)
	now := time.Now().UTC().Truncate(time.Microsecond)
	upper := &platform.User{ID: "usr_u", Email: "Upper@Example.com"}
	upper.Stamp(now)
	err := s.Update(t.Context(), func(tx platform.Tx) error { return tx.CreateUser(upper) })
	if platform.ErrorCode(err) != platform.CodeInvalidArgument {
		t.Errorf("CreateUser with an upper-case e-mail: %v, want invalid_argument", err)
	}
	alice := &platform.User{ID: "usr_a", Email: "alice@example.com"}
	alice.Stamp(now)
	if err := s.Update(t.Context(), func(tx platform.Tx) error { return tx.CreateUser(alice) }); err != nil {
		t.Fatal(err)
	}
	err = s.View(t.Context(), func(tx platform.Tx) error {
		u, err := tx.GetUserByEmail("Alice@Example.COM")
		if err == nil && u.ID != alice.ID {
			err = fmt.Errorf("found %s", u.ID)
		}
		return err
	})
	if err != nil {
		t.Errorf("GetUserByEmail with another case: %v", err)
	}
}

func TestHotQueriesUseTheirIndex(t *testing.T) {
	// A list read on every request (or polled by the worker) must walk its index in seq
	// order: no table scan, no sort.
	s, _ := openTemp(t)
	for _, c := range []struct {
		query string
		args  []any
		index string
	}{
		{listProjectsSQL, []any{"ws_x", 0, 50}, "projects_by_workspace"},
		{listWorkspaceMembersSQL, []any{"ws_x", 0, 50}, "workspace_members_by_workspace"},
		{listUnfinishedOperationsSQL, []any{50}, "operations_unfinished"},
		{listListedProductsSQL, []any{0, 50}, "products_listed"},
	} {
		rows, err := s.reader.Query("EXPLAIN QUERY PLAN "+c.query, c.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, notused int
			var detail string
			if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		p := strings.Join(plan, "; ")
		if !strings.Contains(p, "INDEX "+c.index) || strings.Contains(p, "TEMP B-TREE") {
			t.Errorf("plan %q, want a walk of index %s without sorting", p, c.index)
		}
	}
}

func BenchmarkListProjects1000(b *testing.B) {
	s, _ := openTemp(b)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Microsecond)
	w := &platform.Workspace{ID: platform.NewID(platform.PrefixWorkspace), Slug: "bench", Plan: platform.PlanEnterprise}
	w.Stamp(now)
	err := s.Update(ctx, func(tx platform.Tx) error {
		if err := tx.CreateWorkspace(w); err != nil {
			return err
		}
		for i := range 1000 {
			p := &platform.Project{ID: platform.NewID(platform.PrefixProject), WorkspaceID: w.ID,
				Slug: fmt.Sprintf("project-%04d", i), Name: fmt.Sprintf("Project %d", i), Description: "benchmark project"}
			p.Stamp(now)
			if err := tx.CreateProject(p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		err := s.View(ctx, func(tx platform.Tx) error {
			ps, err := tx.ListProjects(w.ID, platform.Page{Limit: 1000})
			if err == nil && len(ps) != 1000 {
				err = fmt.Errorf("listed %d projects", len(ps))
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func TestOpenWithFullSyncFsyncsEveryCommit(t *testing.T) {
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "platform.db"), WithFullSync())
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if got := pragma(t, s.writer, "synchronous"); got != "2" {
		t.Errorf("PRAGMA synchronous = %s, want 2 (FULL)", got)
	}
}

// The database and its -wal and -shm files are readable by their owner only, in a directory
// open to others too, and a file an earlier version left world-readable is tightened.
func TestFilesAreOwnerOnly(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("POSIX permissions")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	check := func(what, path string) {
		t.Helper()
		s, err := Open(context.Background(), path)
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer func() { _ = s.Close() }()
		ws := &platform.Workspace{ID: platform.NewID(platform.PrefixWorkspace), Slug: "perm-" + what, Name: "x",
			Plan: platform.PlanFree, Settings: map[string]string{}}
		ws.Stamp(time.Now().UTC().Truncate(time.Microsecond))
		if err := s.Update(context.Background(), func(tx platform.Tx) error { return tx.CreateWorkspace(ws) }); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{path, path + "-wal", path + "-shm"} {
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if mode := fi.Mode().Perm(); mode != 0o600 {
				t.Errorf("%s: %s has mode %v, want 0600", what, filepath.Base(p), mode)
			}
		}
	}
	check("new", filepath.Join(dir, "platform.db"))
	old := filepath.Join(dir, "old.db")
	for _, p := range []string{old, old + "-wal", old + "-shm"} {
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	check("old", old)
}
