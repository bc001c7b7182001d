package storetest

import (
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var planSessionTests = []test{
	{"planned_deletes/record_list_and_scope", func(t *testing.T, e *env) {
		rec := func(actor, session, ws, kind, target string) *platform.PlannedDelete {
			d := &platform.PlannedDelete{Actor: actor, Session: session, WorkspaceID: ws, Kind: kind, TargetID: target,
				CreatedAt: e.now()}
			e.update(func(tx platform.Tx) error { return tx.RecordPlannedDelete(d) })
			return d
		}
		w := &platform.PlannedDelete{Actor: "usr_a", Session: "plan-1", WorkspaceID: "ws_1", Kind: platform.PlannedWorkspace,
			TargetID: "ws_1", Force: true, CreatedAt: e.now()}
		e.update(func(tx platform.Tx) error { return tx.RecordPlannedDelete(w) })
		p := rec("usr_a", "plan-1", "ws_1", platform.PlannedProject, "prj_1")
		other := rec("usr_a", "plan-1", "ws_2", platform.PlannedProject, "prj_2")
		// Recording the same delete again keeps the first record.
		again := *p
		again.CreatedAt = e.now()
		e.update(func(tx platform.Tx) error { return tx.RecordPlannedDelete(&again) })
		// Sessions belong to their actor; other sessions are apart.
		rec("usr_b", "plan-1", "ws_1", platform.PlannedProject, "prj_9")
		rec("usr_a", "plan-2", "ws_1", platform.PlannedProject, "prj_8")

		same(t, "session in ws_1", get(e, func(tx platform.Tx) ([]platform.PlannedDelete, error) {
			return tx.ListPlannedDeletes("usr_a", "plan-1", "ws_1")
		}), []platform.PlannedDelete{*w, *p})
		same(t, "whole session", get(e, func(tx platform.Tx) ([]platform.PlannedDelete, error) {
			return tx.ListPlannedDeletes("usr_a", "plan-1", "")
		}), []platform.PlannedDelete{*w, *p, *other})
		same(t, "unknown session", get(e, func(tx platform.Tx) ([]platform.PlannedDelete, error) {
			return tx.ListPlannedDeletes("usr_a", "nope-0000", "")
		}), []platform.PlannedDelete{})
		// Entries are rolled back with their transaction, like everything else.
		_ = e.try(func(tx platform.Tx) error {
			if err := tx.RecordPlannedDelete(&platform.PlannedDelete{Actor: "usr_a", Session: "plan-1",
				WorkspaceID: "ws_1", Kind: platform.PlannedRegion, TargetID: "reg_1", CreatedAt: e.now()}); err != nil {
				return err
			}
			return platform.Errorf(platform.CodeAborted, "roll back")
		})
		if got := get(e, func(tx platform.Tx) ([]platform.PlannedDelete, error) {
			return tx.ListPlannedDeletes("usr_a", "plan-1", "ws_1")
		}); len(got) != 2 {
			t.Errorf("after a rolled back record: %d entries, want 2", len(got))
		}
	}},
	{"planned_deletes/delete_before_cutoff", func(t *testing.T, e *env) {
		t0 := e.now()
		for i := range 4 {
			d := &platform.PlannedDelete{Actor: "usr_a", Session: "plan-1", WorkspaceID: "ws_1", Kind: platform.PlannedProject,
				TargetID: string(rune('a' + i)), CreatedAt: t0.Add(time.Duration(i) * time.Hour)}
			e.update(func(tx platform.Tx) error { return tx.RecordPlannedDelete(d) })
		}
		var n int
		e.update(func(tx platform.Tx) (err error) {
			n, err = tx.DeletePlannedDeletesBefore(t0.Add(2 * time.Hour).In(time.FixedZone("X", 5*3600)))
			return err
		})
		if n != 2 {
			t.Errorf("DeletePlannedDeletesBefore = %d, want 2", n)
		}
		left := get(e, func(tx platform.Tx) ([]platform.PlannedDelete, error) {
			return tx.ListPlannedDeletes("usr_a", "plan-1", "")
		})
		if len(left) != 2 || left[0].TargetID != "c" || left[1].TargetID != "d" {
			t.Errorf("left after cleanup: %+v, want c and d", left)
		}
	}},
}
