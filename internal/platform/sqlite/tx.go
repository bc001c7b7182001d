package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// tx implements platform.Tx on one database/sql transaction. Its methods take no context:
// the one given to View or Update is kept here.
type tx struct {
	ctx      context.Context
	q        *sql.Tx
	readOnly bool
}

var _ platform.Tx = (*tx)(nil)

// errReadOnly is returned by write methods called inside View. It is a programming error, so
// it is an ordinary error (internal), not a *platform.Error.
var errReadOnly = errors.New("sqlite: write in a read-only transaction")

func (t *tx) writable() error {
	if t.readOnly {
		return errReadOnly
	}
	return nil
}

// fail wraps an unexpected database error. The service maps it to internal and never shows
// it, but logs keep the operation and the driver's message.
func fail(op string, err error) error { return fmt.Errorf("sqlite: %s: %w", op, err) }

type scanner interface{ Scan(dest ...any) error }

// one runs a query for at most one row of kind; no row is not_found naming ref (or, with an
// empty ref, naming nothing: a secret hash is not something to show).
func one[T any](t *tx, kind, ref string, scan func(scanner, *T) error, query string, args ...any) (*T, error) {
	var v T
	if err := scan(t.q.QueryRowContext(t.ctx, query, args...), &v); err != nil {
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fail("get "+kind, err)
		}
		if ref == "" {
			return nil, platform.Errorf(platform.CodeNotFound, "%s not found", kind)
		}
		return nil, platform.NotFound(kind, ref)
	}
	return &v, nil
}

// many runs a list query. The result is never nil, so an empty list encodes as [].
func many[T any](t *tx, op string, capHint int, scan func(scanner, *T) error, query string, args ...any) ([]T, error) {
	rows, err := t.q.QueryContext(t.ctx, query, args...)
	if err != nil {
		return nil, fail(op, err)
	}
	defer rows.Close()
	// Size for the page asked for, but do not trust a huge limit with memory up front.
	if capHint <= 0 {
		capHint = 16
	}
	capHint = min(capHint, 256)
	out := make([]T, 0, capHint)
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, fail(op, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fail(op, err)
	}
	return out, nil
}

func (t *tx) count(op, query string, args ...any) (int, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, query, args...).Scan(&n); err != nil {
		return 0, fail(op, err)
	}
	return n, nil
}

func (t *tx) exists(op, query string, args ...any) (bool, error) {
	var one int
	err := t.q.QueryRowContext(t.ctx, query, args...).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fail(op, err)
	}
	return true, nil
}

// check explains a constraint violation: when the row selected by query exists (or, with
// absent, does not exist), err is the reason.
type check struct {
	query  string
	args   []any
	absent bool
	skip   bool
	err    *platform.Error
}

// taken: the violation is a unique key held by the row query finds.
func taken(err *platform.Error, query string, args ...any) check {
	return check{query: query, args: args, err: err}
}

// missing: the violation is a reference to a row query does not find.
func missing(err *platform.Error, query string, args ...any) check {
	return check{query: query, args: args, absent: true, err: err}
}

// missingRef is missing for an optional reference: an empty id refers to nothing, so it
// cannot be the violation.
func missingRef(id string, err *platform.Error, query string) check {
	return check{query: query, args: []any{id}, absent: true, skip: id == "", err: err}
}

// explain turns a constraint violation into the *platform.Error of the first check that holds.
// Asking the database again after the fact (the failed statement alone was rolled back, the
// transaction goes on) keeps the success path at one statement and parses no driver message.
func (t *tx) explain(op string, cause error, checks []check) error {
	if !isConstraint(cause) {
		return fail(op, cause)
	}
	for _, c := range checks {
		if c.skip {
			continue
		}
		found, err := t.exists(op, c.query, c.args...)
		if err != nil {
			return err
		}
		if found != c.absent {
			return c.err
		}
	}
	return fail(op, cause)
}

// insert runs an INSERT ... RETURNING seq and gives the new row's seq.
func (t *tx) insert(op, query string, args []any, checks ...check) (int64, error) {
	if err := t.writable(); err != nil {
		return 0, err
	}
	var seq int64
	if err := t.q.QueryRowContext(t.ctx, query, args...).Scan(&seq); err != nil {
		return 0, t.explain(op, err, checks)
	}
	return seq, nil
}

// row names one stored row: for messages (kind, ref) and for the WHERE clause that selects it.
type row struct {
	kind, ref string
	table     string
	where     string
	args      []any
}

// update writes set (with setArgs) to r when its stored version is version-1 (the caller has
// touched the object). No row written means the row is gone (not_found) or someone else
// changed it first (aborted): never a lost update.
func (t *tx) update(r row, version int64, set string, setArgs []any, checks ...check) error {
	if err := t.writable(); err != nil {
		return err
	}
	op := "update " + r.kind
	args := make([]any, 0, len(setArgs)+len(r.args)+1)
	args = append(append(append(args, setArgs...), r.args...), version-1)
	res, err := t.q.ExecContext(t.ctx, "UPDATE "+r.table+" SET "+set+" WHERE "+r.where+" AND version = ?", args...)
	if err != nil {
		return t.explain(op, err, checks)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail(op, err)
	}
	if n > 0 {
		return nil
	}
	found, err := t.exists(op, "SELECT 1 FROM "+r.table+" WHERE "+r.where, r.args...)
	if err != nil {
		return err
	}
	if !found {
		return platform.NotFound(r.kind, r.ref)
	}
	return platform.Errorf(platform.CodeAborted,
		"%s %q was changed concurrently: version %d is not the current version", r.kind, r.ref, version-1)
}

// remove deletes r; a missing row is not_found. checks explain a refused delete (a
// foreign key that does not cascade).
func (t *tx) remove(r row, checks ...check) error {
	if err := t.writable(); err != nil {
		return err
	}
	op := "delete " + r.kind
	res, err := t.q.ExecContext(t.ctx, "DELETE FROM "+r.table+" WHERE "+r.where, r.args...)
	if err != nil {
		return t.explain(op, err, checks)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fail(op, err)
	}
	if n == 0 {
		return platform.NotFound(r.kind, r.ref)
	}
	return nil
}

// deleteOlder runs a DELETE of rows stamped before a time and gives how many went. Timestamps
// compare correctly as text because the stored form is fixed-width UTC.
func (t *tx) deleteOlder(op, query string, before time.Time) (int, error) {
	if err := t.writable(); err != nil {
		return 0, err
	}
	res, err := t.q.ExecContext(t.ctx, query, formatTime(before))
	if err != nil {
		return 0, fail(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fail(op, err)
	}
	return int(n), nil
}

func alreadyExists(format string, args ...any) *platform.Error {
	return platform.Errorf(platform.CodeAlreadyExists, format, args...)
}

// Encoding of values into columns.

// nullable stores an empty optional reference as NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullableTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return formatTime(*t)
}

// jsonText encodes v for a JSON column; a nil map or slice becomes empty (not "null") so that
// it reads back empty and non-nil.
func jsonText(v any, empty string) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	if string(b) == "null" {
		return empty, nil
	}
	return string(b), nil
}

// Decoding of columns into values, as sql.Scanner adapters.

func text(src any) (string, bool) {
	switch v := src.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// timeCol scans a NOT NULL time column.
type timeCol struct{ p *time.Time }

func (c timeCol) Scan(src any) error {
	s, ok := text(src)
	if !ok {
		return fmt.Errorf("sqlite: time column holds %T", src)
	}
	t, err := parseTime(s)
	*c.p = t
	return err
}

// nullTimeCol scans a nullable time column; NULL is nil.
type nullTimeCol struct{ p **time.Time }

func (c nullTimeCol) Scan(src any) error {
	if src == nil {
		*c.p = nil
		return nil
	}
	var t time.Time
	if err := (timeCol{&t}).Scan(src); err != nil {
		return err
	}
	*c.p = &t
	return nil
}

// refCol scans a nullable reference; NULL is "".
type refCol struct{ p *string }

func (c refCol) Scan(src any) error {
	if src == nil {
		*c.p = ""
		return nil
	}
	s, ok := text(src)
	if !ok {
		return fmt.Errorf("sqlite: text column holds %T", src)
	}
	*c.p = s
	return nil
}

// jsonCol scans a JSON column into p; NULL leaves p alone.
type jsonCol struct{ p any }

func (c jsonCol) Scan(src any) error {
	if src == nil {
		return nil
	}
	s, ok := text(src)
	if !ok {
		return fmt.Errorf("sqlite: JSON column holds %T", src)
	}
	return json.Unmarshal([]byte(s), c.p)
}

// stringCol scans text into a named string type (Plan, Access, Cloud) without reflection.
type stringCol[T ~string] struct{ p *T }

func (c stringCol[T]) Scan(src any) error {
	s, ok := text(src)
	if !ok {
		return fmt.Errorf("sqlite: text column holds %T", src)
	}
	*c.p = T(s)
	return nil
}
