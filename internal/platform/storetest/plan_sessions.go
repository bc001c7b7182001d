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
	{"planned_creates/record_count_find_and_scope", func(t *testing.T, e *env) {
		rec := func(actor, session, ws, kind, key string) (*platform.PlannedCreate, bool) {
			c := &platform.PlannedCreate{Actor: actor, Session: session, WorkspaceID: ws, Kind: kind, Key: key, CreatedAt: e.now()}
			var ok bool
			e.update(func(tx platform.Tx) (err error) { ok, err = tx.RecordPlannedCreate(c); return err })
			return c, ok
		}
		web, ok := rec("usr_a", "plan-1", "ws_1", platform.PlannedProject, "ws_1/web")
		if !ok {
			t.Fatal("first record: not recorded")
		}
		api, _ := rec("usr_a", "plan-1", "ws_1", platform.PlannedProject, "ws_1/api")
		ws, _ := rec("usr_a", "plan-1", "", platform.PlannedWorkspace, "acme")
		// The same key again is not recorded: the caller tells a duplicate from a new create.
		if _, ok := rec("usr_a", "plan-1", "ws_1", platform.PlannedProject, "ws_1/web"); ok {
			t.Error("a second record of the same key was recorded")
		}
		// Sessions belong to their actor; other sessions, kinds and workspaces are apart.
		rec("usr_b", "plan-1", "ws_1", platform.PlannedProject, "ws_1/web")
		rec("usr_a", "plan-2", "ws_1", platform.PlannedProject, "ws_1/web")
		rec("usr_a", "plan-1", "ws_1", platform.PlannedRegion, "ws_1/web")
		rec("usr_a", "plan-1", "ws_2", platform.PlannedProject, "ws_2/web")

		n := get(e, func(tx platform.Tx) (int, error) {
			return tx.CountPlannedCreates("usr_a", "plan-1", "ws_1", platform.PlannedProject)
		})
		if n != 2 {
			t.Errorf("CountPlannedCreates = %d, want 2", n)
		}
		for _, c := range []struct {
			actor, session, kind, key string
			want                      bool
		}{
			{"usr_a", "plan-1", platform.PlannedProject, "ws_1/web", true},
			{"usr_a", "plan-1", platform.PlannedProject, "ws_1/db", false},
			{"usr_a", "plan-3", platform.PlannedProject, "ws_1/web", false},
			{"usr_c", "plan-1", platform.PlannedProject, "ws_1/web", false},
			{"usr_a", "plan-1", platform.PlannedWorkspace, "acme", true},
		} {
			got := get(e, func(tx platform.Tx) (bool, error) { return tx.HasPlannedCreate(c.actor, c.session, c.kind, c.key) })
			if got != c.want {
				t.Errorf("HasPlannedCreate(%s, %s, %s, %s) = %v, want %v", c.actor, c.session, c.kind, c.key, got, c.want)
			}
		}
		all := get(e, func(tx platform.Tx) ([]platform.PlannedCreate, error) {
			return tx.ListPlannedCreates("usr_a", "plan-1")
		})
		if len(all) != 5 {
			t.Fatalf("ListPlannedCreates: %d entries, want 5: %+v", len(all), all)
		}
		same(t, "first three", all[:3], []platform.PlannedCreate{*web, *api, *ws})
		// Entries are rolled back with their transaction.
		_ = e.try(func(tx platform.Tx) error {
			if _, err := tx.RecordPlannedCreate(&platform.PlannedCreate{Actor: "usr_a", Session: "plan-1",
				WorkspaceID: "ws_1", Kind: platform.PlannedProject, Key: "ws_1/db", CreatedAt: e.now()}); err != nil {
				return err
			}
			return platform.Errorf(platform.CodeAborted, "roll back")
		})
		if get(e, func(tx platform.Tx) (bool, error) {
			return tx.HasPlannedCreate("usr_a", "plan-1", platform.PlannedProject, "ws_1/db")
		}) {
			t.Error("a rolled back record was kept")
		}
	}},
	{"planned_creates/delete_before_cutoff", func(t *testing.T, e *env) {
		t0 := e.now()
		for i := range 4 {
			c := &platform.PlannedCreate{Actor: "usr_a", Session: "plan-1", WorkspaceID: "ws_1", Kind: platform.PlannedProject,
				Key: string(rune('a' + i)), CreatedAt: t0.Add(time.Duration(i) * time.Hour)}
			e.update(func(tx platform.Tx) error { _, err := tx.RecordPlannedCreate(c); return err })
		}
		var n int
		e.update(func(tx platform.Tx) (err error) {
			n, err = tx.DeletePlannedCreatesBefore(t0.Add(2 * time.Hour).In(time.FixedZone("X", 5*3600)))
			return err
		})
		if n != 2 {
			t.Errorf("DeletePlannedCreatesBefore = %d, want 2", n)
		}
		left := get(e, func(tx platform.Tx) ([]platform.PlannedCreate, error) {
			return tx.ListPlannedCreates("usr_a", "plan-1")
		})
		if len(left) != 2 || left[0].Key != "c" || left[1].Key != "d" {
			t.Errorf("left after cleanup: %+v, want c and d", left)
		}
	}},
}
