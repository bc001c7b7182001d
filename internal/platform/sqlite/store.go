// Package sqlite is the embedded SQLite backend of platform.Store: one database file, no cgo
// (modernc.org/sqlite), schema migrations embedded and applied with goose on Open.
//
// Concurrency model: one writer connection (SQLite allows one writer at a time anyway; a single
// pooled connection makes writers queue in database/sql instead of spinning on SQLITE_BUSY) whose
// transactions start with BEGIN IMMEDIATE, and a pool of read-only connections for View, which
// WAL mode lets run alongside the writer on a consistent snapshot. Every connection keeps the
// statements it has prepared (stmtcache.go): the store's queries are a fixed set, and preparing
// one costs more than running it.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime"

	"github.com/pressly/goose/v3"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Store is a platform.Store on one SQLite database file.
type Store struct {
	writer *sql.DB
	reader *sql.DB
}

var _ platform.Store = (*Store)(nil)

// Option configures Open.
type Option func(*options)

type options struct{ fullSync bool }

// WithFullSync fsyncs every commit, so that acknowledged writes also survive an OS crash or a
// power loss, not only a process kill (see writerPragmas).
func WithFullSync() Option { return func(o *options) { o.fullSync = true } }

// Open opens (creating if needed) the database file at path and migrates it to the current
// schema. The directory must exist.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	writerDSN, readerDSN, err := dsns(path, o.fullSync)
	if err != nil {
		return nil, err
	}
	if err := ownerOnly(path); err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	writer, err := openDB(writerDSN, false)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	writer.SetConnMaxIdleTime(0)
	if err := migrate(ctx, writer); err != nil {
		_ = writer.Close()
		return nil, fmt.Errorf("sqlite: migrate %s: %w", path, err)
	}

	reader, err := openDB(readerDSN, true)
	if err != nil {
		_ = writer.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	readers := max(4, runtime.GOMAXPROCS(0))
	reader.SetMaxOpenConns(readers)
	reader.SetMaxIdleConns(readers)
	reader.SetConnMaxLifetime(0)
	reader.SetConnMaxIdleTime(0)
	if err := reader.PingContext(ctx); err != nil {
		_ = reader.Close()
		_ = writer.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return &Store{writer: writer, reader: reader}, nil
}

// ownerOnly makes the database file readable by its owner only, creating it (empty) if need
// be: it holds credential hashes. SQLite creates the -wal and -shm files with the database
// file's permissions, so they follow; those left by an earlier run are tightened too.
func ownerOnly(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Chmod(p, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// migrate applies every pending migration. goose runs each one in its own transaction on a
// single connection, which the one-connection writer pool provides.
func migrate(ctx context.Context, db *sql.DB) error {
	fsys, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, fsys, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return err
	}
	// p.Close would close db, which the store keeps using.
	_, err = p.Up(ctx)
	return err
}

// View runs fn in a read-only transaction on a reader connection.
func (s *Store) View(ctx context.Context, fn func(platform.Tx) error) error {
	sqlTx, err := s.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("sqlite: begin read transaction: %w", err)
	}
	// A read transaction has nothing to commit; rolling back just ends the snapshot.
	defer func() { _ = sqlTx.Rollback() }()
	return fn(&tx{ctx: ctx, q: sqlTx, readOnly: true})
}

// Update runs fn in a write transaction (BEGIN IMMEDIATE on the writer connection). It commits
// when fn returns nil; otherwise it rolls back and returns fn's error unchanged, because the
// service relies on getting its own *platform.Error (and sentinels) back. fn must not call
// Update again: the one writer connection is taken, so the inner call would wait for ctx.
func (s *Store) Update(ctx context.Context, fn func(platform.Tx) error) (err error) {
	sqlTx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: begin write transaction: %w", err)
	}
	committed := false
	defer func() {
		// Also covers a panic in fn, so the writer connection is never left inside a transaction.
		if !committed {
			_ = sqlTx.Rollback()
		}
	}()
	if err := fn(&tx{ctx: ctx, q: sqlTx}); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	committed = true
	return nil
}

// Close closes both connection pools. Closing the last connection checkpoints the WAL.
func (s *Store) Close() error {
	return errors.Join(s.reader.Close(), s.writer.Close())
}
