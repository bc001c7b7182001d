package sqlite

import (
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const plannedDeleteCols = `d.actor, d.session, d.workspace_id, d.kind, d.target_id, d.force, d.created_at`

func scanPlannedDelete(s scanner, d *platform.PlannedDelete) error {
	return s.Scan(&d.Actor, &d.Session, &d.WorkspaceID, &d.Kind, &d.TargetID, &d.Force, timeCol{&d.CreatedAt})
}

// RecordPlannedDelete keeps the first record of a (actor, session, kind, target): a plan that
// dry-runs the same delete twice still plans one delete.
func (t *tx) RecordPlannedDelete(d *platform.PlannedDelete) error {
	if err := t.writable(); err != nil {
		return err
	}
	_, err := t.q.ExecContext(t.ctx,
		`INSERT INTO planned_deletes (actor, session, workspace_id, kind, target_id, force, created_at)
		 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (actor, session, kind, target_id) DO NOTHING`,
		d.Actor, d.Session, d.WorkspaceID, d.Kind, d.TargetID, d.Force, formatTime(d.CreatedAt))
	if err != nil {
		return fail("record planned delete", err)
	}
	return nil
}

func (t *tx) ListPlannedDeletes(actor, session, workspaceID string) ([]platform.PlannedDelete, error) {
	if workspaceID == "" {
		return many(t, "list planned deletes", 0, scanPlannedDelete,
			`SELECT `+plannedDeleteCols+` FROM planned_deletes d WHERE d.actor = ? AND d.session = ? ORDER BY d.seq`,
			actor, session)
	}
	return many(t, "list planned deletes", 0, scanPlannedDelete,
		`SELECT `+plannedDeleteCols+` FROM planned_deletes d
		 WHERE d.actor = ? AND d.session = ? AND d.workspace_id = ? ORDER BY d.seq`,
		actor, session, workspaceID)
}

func (t *tx) DeletePlannedDeletesBefore(before time.Time) (int, error) {
	return t.deleteOlder("delete planned deletes", `DELETE FROM planned_deletes WHERE created_at < ?`, before)
}
