package storetest

import (
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var operationTests = []test{
	{"operations/create_get_update_with_and_without_target", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		target := newCluster(w, "prod")
		target.Stamp(e.now())
		withTarget := e.operation(w, platform.OpPending, target)
		bare := e.operation(w, platform.OpRunning, nil)
		same(t, "operation with target", get(e, func(tx platform.Tx) (*platform.Operation, error) {
			return tx.GetOperation(withTarget.ID)
		}), withTarget)
		same(t, "operation without target", get(e, func(tx platform.Tx) (*platform.Operation, error) {
			return tx.GetOperation(bare.ID)
		}), bare)

		withTarget.Status, withTarget.Error = platform.OpFailed, "quota exhausted at the cloud"
		withTarget.Target.Status = platform.ClusterFailed
		withTarget.DueAt = withTarget.DueAt.Add(time.Minute)
		e.touch(&withTarget.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateOperation(withTarget) })
		same(t, "operation after update", get(e, func(tx platform.Tx) (*platform.Operation, error) {
			return tx.GetOperation(withTarget.ID)
		}), withTarget)

		withTarget.Target, withTarget.TargetID = nil, ""
		e.touch(&withTarget.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateOperation(withTarget) })
		same(t, "operation after dropping its target", get(e, func(tx platform.Tx) (*platform.Operation, error) {
			return tx.GetOperation(withTarget.ID)
		}), withTarget)

		stale := *bare
		stale.Version = 4
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateOperation(&stale) }), platform.CodeAborted, "operation", q(bare.ID))
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.Operation, error) { return tx.GetOperation("op_missing") }),
			platform.CodeNotFound, "operation", q("op_missing"))
		ghost := *bare
		ghost.ID = "op_ghost"
		e.touch(&ghost.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateOperation(&ghost) }), platform.CodeNotFound, q("op_ghost"))
		noWS := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: "ws_missing",
			Kind: platform.OpClusterDelete, Status: platform.OpPending}
		noWS.Stamp(e.now())
		noWS.DueAt = noWS.CreatedAt
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateOperation(noWS) }), platform.CodeNotFound, "workspace", q("ws_missing"))
	}},
	{"operations/list_unfinished_oldest_first", func(t *testing.T, e *env) {
		w1 := e.workspace("one")
		w2 := e.workspace("two")
		var want []platform.Operation
		for i, status := range []string{platform.OpPending, platform.OpSucceeded, platform.OpRunning, platform.OpFailed,
			platform.OpPending, platform.OpRunning, platform.OpSucceeded, platform.OpPending} {
			w := w1
			if i%2 == 1 {
				w = w2
			}
			o := e.operation(w, status, nil)
			if status == platform.OpPending || status == platform.OpRunning {
				want = append(want, *o)
			}
		}
		list := func(n int) []platform.Operation {
			return get(e, func(tx platform.Tx) ([]platform.Operation, error) { return tx.ListUnfinishedOperations(n) })
		}
		same(t, "ListUnfinishedOperations(100)", list(100), want)
		same(t, "ListUnfinishedOperations(2)", list(2), want[:2])

		// Finishing the oldest removes it from the list.
		first := want[0]
		first.Status = platform.OpSucceeded
		e.touch(&first.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateOperation(&first) })
		same(t, "ListUnfinishedOperations after finishing one", list(100), want[1:])
	}},
}

func init() {
	operationTests = append(operationTests, test{"operations/list_unfinished_for_target", func(t *testing.T, e *env) {
		w := e.workspace("one")
		a, b := &platform.Cluster{ID: platform.NewID(platform.PrefixCluster)}, &platform.Cluster{ID: platform.NewID(platform.PrefixCluster)}
		var want []platform.Operation
		for i, status := range []string{platform.OpPending, platform.OpSucceeded, platform.OpRunning, platform.OpFailed} {
			o := e.operation(w, status, a)
			e.operation(w, platform.OpPending, b)
			if i%2 == 0 {
				want = append(want, *o)
			}
		}
		got := get(e, func(tx platform.Tx) ([]platform.Operation, error) { return tx.ListUnfinishedOperationsForTarget(a.ID) })
		same(t, "ListUnfinishedOperationsForTarget", got, want)
		none := get(e, func(tx platform.Tx) ([]platform.Operation, error) {
			return tx.ListUnfinishedOperationsForTarget(platform.NewID(platform.PrefixCluster))
		})
		same(t, "ListUnfinishedOperationsForTarget of an unknown target", none, []platform.Operation{})
	}})
}

var eventTests = []test{
	{"audit_events/create_and_list_per_workspace", func(t *testing.T, e *env) {
		w1 := e.workspace("one")
		w2 := e.workspace("two")
		acme := e.org("acme")
		a := e.auditEvent(w1.ID, "", "workspace.create")
		e.auditEvent(w2.ID, "", "workspace.create")
		e.auditEvent("", acme.ID, "organization.create")
		b := e.auditEvent(w1.ID, acme.ID, "workspace.update")
		same(t, "ListAuditEvents(w1)", get(e, func(tx platform.Tx) ([]platform.AuditEvent, error) {
			return tx.ListAuditEvents(w1.ID, platform.Page{Limit: 10})
		}), []platform.AuditEvent{*a, *b})
		dup := *a
		dup.Seq = 0
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateAuditEvent(&dup) }), platform.CodeAlreadyExists, q(a.ID))
	}},
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
