package sqlite

// A prepared-statement cache per connection.
//
// modernc.org/sqlite prepares every query it is given (parse, resolve names, plan) and
// finalizes the statement afterwards; for the store's short indexed lookups that preparation
// costs more than running the query. The store's queries are a fixed set of strings, so each
// connection keeps every statement it has prepared, keyed by its SQL text, and runs it again
// from there: bind, step, reset. Nothing else changes: the same driver statement runs with the
// same arguments, context and error handling; SQLite itself prepares a cached statement again
// should the schema change under it.
//
// The cache sits between database/sql and the driver, so the store's code passes plain SQL
// as before and database/sql's own prepared-statement machinery (which would need a pool
// connection to prepare on, and the single writer connection may be the one already in use)
// is not involved. database/sql never uses a driver connection from two goroutines at once,
// and it closes a driver.Rows under the same connection lock, so the cache needs no lock.

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"

	"modernc.org/sqlite"
)

// maxCachedStmts bounds the statements one connection keeps. The store has far fewer distinct
// queries; anything beyond (say, statements run once by a migration) is prepared per call.
const maxCachedStmts = 512

// openDB opens a database/sql pool on dsn whose connections cache their statements.
// queryOnly tells that the DSN makes the connections query_only (the reader pool): their
// read-only transactions then begin and end with cached statements too, see BeginTx.
func openDB(dsn string, queryOnly bool) (*sql.DB, error) {
	c, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(cachingConnector{Connector: c, queryOnly: queryOnly}), nil
}

type cachingConnector struct {
	driver.Connector
	queryOnly bool
}

func (c cachingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	inner, ok := dc.(driverConn)
	if !ok {
		_ = dc.Close()
		return nil, fmt.Errorf("sqlite: driver connection %T lacks the context methods the store needs", dc)
	}
	return &cachingConn{driverConn: inner, queryOnly: c.queryOnly, stmts: make(map[string]*cachedStmt)}, nil
}

// driverConn is what database/sql uses of a modernc connection.
type driverConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type driverStmt interface {
	driver.Stmt
	driver.StmtExecContext
	driver.StmtQueryContext
}

// cachedStmt is a prepared statement of one connection. busy while rows read from it are
// open: a statement runs once at a time, so the same query issued meanwhile is prepared
// afresh for that call.
type cachedStmt struct {
	driverStmt
	busy bool
}

type cachingConn struct {
	driverConn
	queryOnly bool
	stmts     map[string]*cachedStmt
}

var (
	_ driverConn  = (*cachingConn)(nil)
	_ driver.Rows = (*cachedRows)(nil)
	_ driver.Tx   = readTx{}
)

// stmt returns the cached statement for query, preparing it on first use. It returns nil
// (and no error) when the query should run uncached: its statement is busy or the cache is full.
func (c *cachingConn) stmt(ctx context.Context, query string) (*cachedStmt, error) {
	if s, ok := c.stmts[query]; ok {
		if s.busy {
			return nil, nil
		}
		return s, nil
	}
	if len(c.stmts) >= maxCachedStmts {
		return nil, nil
	}
	ds, err := c.driverConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(driverStmt)
	if !ok {
		_ = ds.Close()
		return nil, nil
	}
	s := &cachedStmt{driverStmt: st}
	c.stmts[query] = s
	return s, nil
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.driverConn.QueryContext(ctx, query, args)
	}
	rows, err := s.QueryContext(ctx, args)
	if err != nil {
		return nil, err
	}
	s.busy = true
	return &cachedRows{Rows: rows, stmt: s}, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if s == nil {
		return c.driverConn.ExecContext(ctx, query, args)
	}
	return s.ExecContext(ctx, args)
}

// BeginTx begins a read-only transaction of a query_only connection with a cached BEGIN, and
// readTx ends it with a cached ROLLBACK (or COMMIT). Any other transaction is the driver's,
// which prepares those statements each time. The driver begins a read-only transaction with
// a plain (deferred) BEGIN whatever _txlock says, so this runs the same statement.
func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if !c.queryOnly || !opts.ReadOnly {
		return c.driverConn.BeginTx(ctx, opts)
	}
	if _, err := c.ExecContext(ctx, "BEGIN", nil); err != nil {
		if ctx.Err() != nil {
			// The context ended: the BEGIN may have run all the same (the driver reports the
			// context's error once it is done). End the transaction, or the connection would
			// go back to the pool inside it; with none open, this fails harmlessly.
			_, _ = c.ExecContext(context.Background(), "ROLLBACK", nil)
		}
		return nil, err
	}
	return readTx{c}, nil
}

// readTx is a read-only transaction of a query_only connection. It has written nothing and
// ending it only releases its read snapshot, which never waits for a lock, so it needs no
// context. A failed COMMIT is rolled back, as the driver does, so that the connection never
// stays inside the transaction.
type readTx struct{ c *cachingConn }

func (t readTx) Commit() error {
	if _, err := t.c.ExecContext(context.Background(), "COMMIT", nil); err != nil {
		_, _ = t.c.ExecContext(context.Background(), "ROLLBACK", nil)
		return err
	}
	return nil
}

func (t readTx) Rollback() error {
	_, err := t.c.ExecContext(context.Background(), "ROLLBACK", nil)
	return err
}

// Close finalizes the cached statements, then closes the connection. database/sql closes a
// connection only once its rows are closed, so no statement is busy here; one that were would
// be left to SQLite, which finalizes it with the connection.
func (c *cachingConn) Close() error {
	var errs []error
	for q, s := range c.stmts {
		if !s.busy {
			errs = append(errs, s.Close())
		}
		delete(c.stmts, q)
	}
	return errors.Join(append(errs, c.driverConn.Close())...)
}

// cachedRows releases its statement for the next call when closed. The driver resets the
// statement (rather than finalizing it) on Close.
type cachedRows struct {
	driver.Rows
	stmt *cachedStmt
}

func (r *cachedRows) Close() error {
	err := r.Rows.Close()
	if r.stmt != nil {
		r.stmt.busy = false
		r.stmt = nil
	}
	return err
}

// The column type methods of the driver's rows, so that sql.Rows.ColumnTypes reports the same
// as without the cache.

func (r *cachedRows) ColumnTypeDatabaseTypeName(index int) string {
	if x, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return x.ColumnTypeDatabaseTypeName(index)
	}
	return ""
}

func (r *cachedRows) ColumnTypeLength(index int) (int64, bool) {
	if x, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return x.ColumnTypeLength(index)
	}
	return 0, false
}

func (r *cachedRows) ColumnTypeNullable(index int) (bool, bool) {
	if x, ok := r.Rows.(driver.RowsColumnTypeNullable); ok {
		return x.ColumnTypeNullable(index)
	}
	return false, false
}

func (r *cachedRows) ColumnTypePrecisionScale(index int) (int64, int64, bool) {
	if x, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return x.ColumnTypePrecisionScale(index)
	}
	return 0, 0, false
}

func (r *cachedRows) ColumnTypeScanType(index int) reflect.Type {
	if x, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return x.ColumnTypeScanType(index)
	}
	return reflect.TypeFor[any]()
}
