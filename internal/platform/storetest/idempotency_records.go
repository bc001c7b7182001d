package storetest

import (
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var idempotencyRecordTests = []test{
	{"idempotency_records/create_get_update_delete", func(t *testing.T, e *env) {
		r := &platform.IdempotencyRecord{Caller: "tok_alice", Key: "create-web-1", RequestHash: "h1", CreatedAt: e.now()}
		e.update(func(tx platform.Tx) error { return tx.CreateIdempotencyRecord(r) })
		got := get(e, func(tx platform.Tx) (*platform.IdempotencyRecord, error) {
			return tx.GetIdempotencyRecord("tok_alice", "create-web-1")
		})
		same(t, "running record", got, r)

		dup := &platform.IdempotencyRecord{Caller: "tok_alice", Key: "create-web-1", RequestHash: "h2", CreatedAt: e.now()}
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateIdempotencyRecord(dup) }),
			platform.CodeAlreadyExists, q("create-web-1"))
		// Keys are scoped to the caller.
		bobs := &platform.IdempotencyRecord{Caller: "key_bob", Key: "create-web-1", RequestHash: "h3", CreatedAt: e.now()}
		e.update(func(tx platform.Tx) error { return tx.CreateIdempotencyRecord(bobs) })

		r.Status, r.Body = 201, []byte(`{"id":"prj_x","name":"web"}`)
		e.update(func(tx platform.Tx) error { return tx.UpdateIdempotencyRecord(r) })
		same(t, "finished record", get(e, func(tx platform.Tx) (*platform.IdempotencyRecord, error) {
			return tx.GetIdempotencyRecord("tok_alice", "create-web-1")
		}), r)
		same(t, "other caller's record", get(e, func(tx platform.Tx) (*platform.IdempotencyRecord, error) {
			return tx.GetIdempotencyRecord("key_bob", "create-web-1")
		}), bobs)

		e.update(func(tx platform.Tx) error { return tx.DeleteIdempotencyRecord("tok_alice", "create-web-1") })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.IdempotencyRecord, error) {
			return tx.GetIdempotencyRecord("tok_alice", "create-web-1")
		}), platform.CodeNotFound, q("create-web-1"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteIdempotencyRecord("tok_alice", "create-web-1") }),
			platform.CodeNotFound, q("create-web-1"))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateIdempotencyRecord(r) }),
			platform.CodeNotFound, q("create-web-1"))
	}},
	{"idempotency_records/delete_before_cutoff", func(t *testing.T, e *env) {
		t0 := e.now()
		var keys []string
		for i := range 5 {
			r := &platform.IdempotencyRecord{Caller: "tok_a", Key: string(rune('a' + i)), RequestHash: "h",
				Status: 200, Body: []byte("{}"), CreatedAt: t0.Add(time.Duration(i) * time.Hour)}
			e.update(func(tx platform.Tx) error { return tx.CreateIdempotencyRecord(r) })
			keys = append(keys, r.Key)
		}
		// Records created strictly before the cutoff go; the one created at the cutoff stays.
		var n int
		e.update(func(tx platform.Tx) (err error) {
			n, err = tx.DeleteIdempotencyRecordsBefore(t0.Add(2 * time.Hour))
			return err
		})
		if n != 2 {
			t.Errorf("DeleteIdempotencyRecordsBefore = %d, want 2", n)
		}
		for i, k := range keys {
			err := getErr(e, func(tx platform.Tx) (*platform.IdempotencyRecord, error) { return tx.GetIdempotencyRecord("tok_a", k) })
			if i < 2 {
				wantErr(t, err, platform.CodeNotFound)
			} else if err != nil {
				t.Errorf("record %s after cleanup: %v", k, err)
			}
		}
		// A cutoff given in another time zone means the same instant.
		e.update(func(tx platform.Tx) (err error) {
			n, err = tx.DeleteIdempotencyRecordsBefore(t0.Add(3 * time.Hour).In(time.FixedZone("X", -7*3600)))
			return err
		})
		if n != 1 {
			t.Errorf("DeleteIdempotencyRecordsBefore in another zone = %d, want 1", n)
		}
	}},
}
