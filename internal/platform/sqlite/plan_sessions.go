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

const plannedCreateCols = `c.actor, c.session, c.workspace_id, c.kind, c.key, c.created_at`

func scanPlannedCreate(s scanner, c *platform.PlannedCreate) error {
	return s.Scan(&c.Actor, &c.Session, &c.WorkspaceID, &c.Kind, &c.Key, timeCol{&c.CreatedAt})
}

func (t *tx) RecordPlannedCreate(c *platform.PlannedCreate) (bool, error) {
	if err := t.writable(); err != nil {
		return false, err
	}
	res, err := t.q.ExecContext(t.ctx,
		`INSERT INTO planned_creates (actor, session, workspace_id, kind, key, created_at)
		 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (actor, session, kind, key) DO NOTHING`,
		c.Actor, c.Session, c.WorkspaceID, c.Kind, c.Key, formatTime(c.CreatedAt))
	if err != nil {
		return false, fail("record planned create", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fail("record planned create", err)
	}
	return n == 1, nil
}

func (t *tx) HasPlannedCreate(actor, session, kind, key string) (bool, error) {
	return t.exists("find planned create",
		`SELECT 1 FROM planned_creates WHERE actor = ? AND session = ? AND kind = ? AND key = ?`,
		actor, session, kind, key)
}

func (t *tx) CountPlannedCreates(actor, session, workspaceID, kind string) (int, error) {
	return t.count("count planned creates",
		`SELECT count(*) FROM planned_creates WHERE actor = ? AND session = ? AND workspace_id = ? AND kind = ?`,
		actor, session, workspaceID, kind)
}

func (t *tx) ListPlannedCreates(actor, session string) ([]platform.PlannedCreate, error) {
	return many(t, "list planned creates", 0, scanPlannedCreate,
		`SELECT `+plannedCreateCols+` FROM planned_creates c WHERE c.actor = ? AND c.session = ? ORDER BY c.seq`,
		actor, session)
}

func (t *tx) DeletePlannedCreatesBefore(before time.Time) (int, error) {
	return t.deleteOlder("delete planned creates", `DELETE FROM planned_creates WHERE created_at < ?`, before)
}
