package sqlite

// Everything specific to SQLite and its driver lives in this file: the DSNs with their
// pragmas, how a constraint violation is recognised, the "no limit" value and the text form
// of timestamps. The queries themselves are standard SQL with ? placeholders.

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

const driverName = "sqlite"

// Pragmas of every connection. busy_timeout comes first so that the others cannot fail with
// SQLITE_BUSY while another process holds a lock.
var commonPragmas = []string{"busy_timeout(10000)", "foreign_keys(1)"}

// The writer turns on WAL (persistent in the file, so readers need not). With synchronous
// NORMAL (the default) a commit is written to the WAL before Update returns, so an
// acknowledged write survives a kill of the process (SIGKILL, a panic); the WAL is fsynced at
// checkpoints, so an OS crash or power loss may undo the last commits. FULL (WithFullSync) also
// fsyncs every commit and survives those, at the cost of one fsync per write (the single writer
// serializes them, which bounds write throughput by the disk's fsync rate).
func writerPragmas(fullSync bool) []string {
	if fullSync {
		return []string{"journal_mode(WAL)", "synchronous(FULL)"}
	}
	return []string{"journal_mode(WAL)", "synchronous(NORMAL)"}
}

// Readers are query_only, so a write method reached through View cannot write even if the
// Go-side check were bypassed.
var readerPragmas = []string{"query_only(1)"}

// dsns returns the writer and reader data source names for the database file at path. A file:
// URI (rather than a plain name) keeps paths containing '?' or '#' unambiguous.
func dsns(path string, fullSync bool) (writer, reader string, err error) {
	if path == "" {
		return "", "", errors.New("sqlite: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", "", fmt.Errorf("sqlite: database path %s: %w", path, err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: file:///C:/dir/platform.db
	}
	build := func(txlock string, pragmas ...[]string) string {
		q := url.Values{}
		for _, ps := range pragmas {
			for _, v := range ps {
				q.Add("_pragma", v)
			}
		}
		if txlock != "" {
			q.Set("_txlock", txlock)
		}
		return (&url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}).String()
	}
	// Writer transactions take the write lock at BEGIN: a deferred transaction that reads and
	// then writes could fail with SQLITE_BUSY half-way when another process writes first.
	return build("immediate", commonPragmas, writerPragmas(fullSync)), build("", commonPragmas, readerPragmas), nil
}

// isConstraint reports whether err is a constraint violation (unique, foreign key, check ...).
// Which constraint is found out afterwards by querying, so no driver message is parsed.
func isConstraint(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// noLimit is the LIMIT value that means "all rows" in SQLite.
const noLimit = -1

// limit is the LIMIT of a page; a page without a positive limit is unbounded.
func limit(p int) int {
	if p <= 0 {
		return noLimit
	}
	return p
}

// timeLayout is fixed-width UTC with nanoseconds: text comparison orders it like time, and
// it round-trips any time exactly (the service passes microseconds).
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: stored time %q: %w", s, err)
	}
	return t, nil
}
