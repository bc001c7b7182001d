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
		var desired platform.Cluster
		if ok, err := withTarget.DecodeTarget(&desired); !ok || err != nil {
			t.Fatalf("operation target does not decode: %v", err)
		}
		desired.Status = platform.ClusterFailed
		if err := withTarget.SetTarget(&desired); err != nil {
			t.Fatal(err)
		}
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
	{"operations/installation_target_round_trips", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		c := e.cluster(w, "prod")
		r := e.release(e.product(w, "redis"), "1.0.0")
		in := e.installation(c, "cache", fromRelease(r), installationSecrets("DB_PASSWORD"))
		// The desired state of an update: the next values, not stored in the installation yet.
		desired := *in
		desired.Seq = 0
		desired.Values = map[string]string{"replicaCount": "5", "quote": `"x" & <y>`}
		o := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: w.ID,
			Kind: platform.OpInstallationUpdate, Status: platform.OpPending, TargetID: in.ID}
		if err := o.SetTarget(&desired); err != nil {
			t.Fatal(err)
		}
		o.Stamp(e.now())
		o.DueAt = o.CreatedAt
		before := *o
		e.update(func(tx platform.Tx) error { return tx.CreateOperation(o) })
		created(t, "operation", before, *o, o.Seq)
		got := get(e, func(tx platform.Tx) (*platform.Operation, error) { return tx.GetOperation(o.ID) })
		same(t, "operation with an installation target", got, o)
		var back platform.Installation
		if ok, err := got.DecodeTarget(&back); !ok || err != nil {
			t.Fatalf("operation target does not decode: %v", err)
		}
		same(t, "decoded installation target", &back, &desired)
		same(t, "ListUnfinishedOperationsForTarget(installation)", get(e, func(tx platform.Tx) ([]platform.Operation, error) {
			return tx.ListUnfinishedOperationsForTarget(in.ID)
		}), []platform.Operation{*o})
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
