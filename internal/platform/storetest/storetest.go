// Package storetest is the conformance suite of platform.Store: every backend (SQLite,
// PostgreSQL, ...) runs it from its own tests and must pass all of it, so that the service
// can rely on the conventions written on platform.Store whichever backend it is given.
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storetest.Backend {
//			path := filepath.Join(t.TempDir(), "platform.db")
//			return storetest.BackendFunc(func(ctx context.Context) (platform.Store, error) {
//				return sqlite.Open(ctx, path)
//			})
//		})
//	}
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Backend is one storage location of the backend under test.
type Backend interface {
	// Open opens the storage. The first call finds it empty; once the store it returned is
	// closed, a later call opens the same storage again with everything committed before.
	Open(ctx context.Context) (platform.Store, error)
}

// BackendFunc adapts a function to Backend.
type BackendFunc func(ctx context.Context) (platform.Store, error)

// Open calls f.
func (f BackendFunc) Open(ctx context.Context) (platform.Store, error) { return f(ctx) }

type test struct {
	name string
	fn   func(t *testing.T, e *env)
}

// Run runs the whole suite. newBackend is called once per subtest (subtests run in parallel)
// and must give a fresh, empty storage each time.
func Run(t *testing.T, newBackend func(t *testing.T) Backend) {
	var all []test
	for _, group := range [][]test{
		// One group per entity, in the order of docs/platform.md section 1, then the properties
		// that span them.
		userTests, userTokenTests, organizationTests, organizationMemberTests, workspaceTests, workspaceMemberTests,
		projectTests, projectMemberTests, roleTests, apiKeyTests, regionTests, clusterTests,
		productTests, releaseTests, installationTests, deploymentTests, secretTests, githubInstallationTests, subscriptionTests,
		operationTests, auditEventTests, idempotencyRecordTests, planSessionTests,
		paginationTests, cascadeTests, transactionTests, concurrencyTests, reopenTests,
	} {
		all = append(all, group...)
	}
	for _, tc := range all {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.fn(t, newEnv(t, newBackend(t)))
		})
	}
}

// env is one subtest's store with helpers that fail the test on unexpected errors.
type env struct {
	t       *testing.T
	ctx     context.Context
	backend Backend
	s       platform.Store
	ticks   atomic.Int64
}

func newEnv(t *testing.T, b Backend) *env {
	e := &env{t: t, ctx: t.Context(), backend: b}
	e.open()
	t.Cleanup(func() {
		if e.s != nil {
			if err := e.s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		}
	})
	return e
}

func (e *env) open() {
	e.t.Helper()
	s, err := e.backend.Open(context.Background())
	if err != nil {
		e.t.Fatalf("Open: %v", err)
	}
	e.s = s
}

// reopen closes the store and opens the same storage again.
func (e *env) reopen() {
	e.t.Helper()
	if err := e.s.Close(); err != nil {
		e.t.Fatalf("Close: %v", err)
	}
	e.s = nil
	e.open()
}

// base is the first time handed out: UTC, microsecond precision with a non-zero fraction, as
// the service passes them.
var base = time.Date(2025, 3, 14, 15, 9, 26, 535897000, time.UTC)

// now returns a new, later time on every call (safe for concurrent use).
func (e *env) now() time.Time {
	return base.Add(time.Duration(e.ticks.Add(1)) * (time.Second + 7*time.Microsecond))
}

func (e *env) update(fn func(platform.Tx) error) {
	e.t.Helper()
	if err := e.s.Update(e.ctx, fn); err != nil {
		e.t.Fatalf("Update: %v", err)
	}
}

func (e *env) view(fn func(platform.Tx) error) {
	e.t.Helper()
	if err := e.s.View(e.ctx, fn); err != nil {
		e.t.Fatalf("View: %v", err)
	}
}

// try runs fn in its own write transaction and returns its error, for expected failures.
func (e *env) try(fn func(platform.Tx) error) error {
	return e.s.Update(e.ctx, fn)
}

// get reads one value in a View and fails the test on error.
func get[T any](e *env, fn func(platform.Tx) (T, error)) T {
	e.t.Helper()
	var v T
	e.view(func(tx platform.Tx) error {
		var err error
		v, err = fn(tx)
		return err
	})
	return v
}

// getErr reads in a View and returns only the error, for expected failures.
func getErr[T any](e *env, fn func(platform.Tx) (T, error)) error {
	return e.s.View(e.ctx, func(tx platform.Tx) error {
		_, err := fn(tx)
		return err
	})
}

// wantErr checks that err is a *platform.Error with code whose message contains every one of
// contains and no trace of the storage layer.
func wantErr(t testing.TB, err error, code platform.Code, contains ...string) {
	t.Helper()
	var pe *platform.Error
	if !errors.As(err, &pe) {
		t.Errorf("got error %v, want a *platform.Error with code %s", err, code)
		return
	}
	if pe.Code != code {
		t.Errorf("got code %s (%q), want %s", pe.Code, pe.Message, code)
	}
	for _, s := range contains {
		if !strings.Contains(pe.Message, s) {
			t.Errorf("message %q does not contain %s", pe.Message, s)
		}
	}
	noLeak(t, pe.Message)
}

// leakWords betray SQL or driver text in a message meant for API callers.
var leakWords = []string{"sql", "constraint", "select ", "insert ", "update ", "delete ", "syntax", "driver", "pq:", "(19)", "(2067)", "(787)"}

// quoted matches what a message quotes (ids, slugs, e-mails): random ids may spell "sql".
var quoted = regexp.MustCompile(`"[^"]*"`)

func noLeak(t testing.TB, msg string) {
	t.Helper()
	lower := strings.ToLower(quoted.ReplaceAllString(msg, `""`))
	for _, w := range leakWords {
		if strings.Contains(lower, w) {
			t.Errorf("message %q leaks storage details (%q)", msg, w)
		}
	}
}

// message is the caller-facing message of err ("" when err is not a *platform.Error).
func message(err error) string {
	var pe *platform.Error
	if errors.As(err, &pe) {
		return pe.Message
	}
	return ""
}

// q quotes a ref the way messages name it.
func q(s string) string { return strconv.Quote(s) }

// same fails the test when got differs from want, listing every differing field. Times must
// be equal instants in UTC; nil and empty maps or slices differ (the store promises empty).
func same(t testing.TB, what string, got, want any) {
	t.Helper()
	var out []string
	diffValue(&out, "", reflect.ValueOf(got), reflect.ValueOf(want), nil)
	if len(out) > 0 {
		t.Errorf("%s differs:\n  %s", what, strings.Join(out, "\n  "))
	}
}

// sameExceptSeq is same with every Seq field ignored.
func sameExceptSeq(t testing.TB, what string, got, want any) {
	t.Helper()
	var out []string
	diffValue(&out, "", reflect.ValueOf(got), reflect.ValueOf(want), map[string]bool{"Seq": true})
	if len(out) > 0 {
		t.Errorf("%s differs:\n  %s", what, strings.Join(out, "\n  "))
	}
}

var (
	timeType  = reflect.TypeFor[time.Time]()
	bytesType = reflect.TypeFor[[]byte]()
)

func diffValue(out *[]string, path string, g, w reflect.Value, ignore map[string]bool) {
	if !g.IsValid() || !w.IsValid() {
		if g.IsValid() != w.IsValid() {
			*out = append(*out, fmt.Sprintf("%s: got %v, want %v", path, g, w))
		}
		return
	}
	switch {
	case g.Type() == timeType:
		gt, wt := g.Interface().(time.Time), w.Interface().(time.Time)
		if !gt.Equal(wt) || gt.Location() != wt.Location() {
			*out = append(*out, fmt.Sprintf("%s: got %s (%s), want %s (%s)", path,
				gt.Format(time.RFC3339Nano), gt.Location(), wt.Format(time.RFC3339Nano), wt.Location()))
		}
	case g.Type() == bytesType:
		if string(g.Bytes()) != string(w.Bytes()) {
			*out = append(*out, fmt.Sprintf("%s: got %q, want %q", path, g.Bytes(), w.Bytes()))
		}
	case g.Kind() == reflect.Pointer || g.Kind() == reflect.Interface:
		if g.IsNil() || w.IsNil() {
			if g.IsNil() != w.IsNil() {
				*out = append(*out, fmt.Sprintf("%s: got %v, want %v", path, describe(g), describe(w)))
			}
			return
		}
		diffValue(out, path, g.Elem(), w.Elem(), ignore)
	case g.Kind() == reflect.Struct:
		for i := range g.NumField() {
			f := g.Type().Field(i)
			if ignore[f.Name] || !f.IsExported() {
				continue
			}
			diffValue(out, path+"."+f.Name, g.Field(i), w.Field(i), ignore)
		}
	case g.Kind() == reflect.Slice:
		if g.IsNil() != w.IsNil() {
			*out = append(*out, fmt.Sprintf("%s: got %s, want %s", path, describe(g), describe(w)))
			return
		}
		if g.Len() != w.Len() {
			*out = append(*out, fmt.Sprintf("%s: got %d elements %v, want %d %v", path, g.Len(), g, w.Len(), w))
			return
		}
		for i := range g.Len() {
			diffValue(out, fmt.Sprintf("%s[%d]", path, i), g.Index(i), w.Index(i), ignore)
		}
	case g.Kind() == reflect.Map:
		if g.IsNil() != w.IsNil() || !reflect.DeepEqual(g.Interface(), w.Interface()) {
			*out = append(*out, fmt.Sprintf("%s: got %s, want %s", path, describe(g), describe(w)))
		}
	default:
		if !reflect.DeepEqual(g.Interface(), w.Interface()) {
			*out = append(*out, fmt.Sprintf("%s: got %#v, want %#v", path, g.Interface(), w.Interface()))
		}
	}
}

func describe(v reflect.Value) string {
	if (v.Kind() == reflect.Slice || v.Kind() == reflect.Map || v.Kind() == reflect.Pointer) && v.IsNil() {
		return "nil"
	}
	if v.Kind() == reflect.Pointer {
		return fmt.Sprintf("&%+v", v.Elem().Interface())
	}
	return fmt.Sprintf("%#v", v.Interface())
}

// created checks what a Create* call may and must do: fill a positive Seq, change nothing else.
func created(t testing.TB, what string, before, after any, seq int64) {
	t.Helper()
	if seq <= 0 {
		t.Errorf("%s: Create left Seq %d, want > 0", what, seq)
	}
	sameExceptSeq(t, what+" after Create", after, before)
}

// touch advances m as the service does before an Update*: version +1, a new update time.
func (e *env) touch(m *platform.Meta) { m.Touch(e.now()) }

func ptr[T any](v T) *T { return &v }

// sameDependents compares what uses an object. The order of the names and nil against empty
// are not part of the contract (the service sorts and counts them), so both are normalised.
func sameDependents(t testing.TB, what string, got, want platform.Dependents) {
	t.Helper()
	norm := func(names []string) []string {
		out := append([]string{}, names...)
		slices.Sort(out)
		return out
	}
	same(t, what, platform.Dependents{Installations: norm(got.Installations), Deployments: norm(got.Deployments)},
		platform.Dependents{Installations: norm(want.Installations), Deployments: norm(want.Deployments)})
}

// none is what nothing uses.
var none = platform.Dependents{}
