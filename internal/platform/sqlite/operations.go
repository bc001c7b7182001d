package sqlite

import (
	"encoding/json"
	"errors"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const operationCols = `o.seq, o.id, o.workspace_id, o.kind, o.target_id, o.status, o.error, o.target, o.due_at,
	o.created_at, o.updated_at, o.version`

func scanOperation(s scanner, o *platform.Operation) error {
	return s.Scan(&o.Seq, &o.ID, &o.WorkspaceID, &o.Kind, refCol{&o.TargetID}, &o.Status, &o.Error,
		jsonCol{&o.Target}, timeCol{&o.DueAt}, timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt}, &o.Version)
}

// operationTarget stores the desired state as JSON text; no target is NULL.
func operationTarget(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	if !json.Valid(raw) {
		return nil, errors.New("operation target is not JSON")
	}
	return string(raw), nil
}

func (t *tx) CreateOperation(o *platform.Operation) error {
	target, err := operationTarget(o.Target)
	if err != nil {
		return fail("create operation", err)
	}
	seq, err := t.insert("create operation",
		`INSERT INTO operations (id, workspace_id, kind, target_id, status, error, target, due_at,
		 created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{o.ID, o.WorkspaceID, o.Kind, nullable(o.TargetID), o.Status, o.Error, target, formatTime(o.DueAt),
			formatTime(o.CreatedAt), formatTime(o.UpdatedAt), o.Version},
		taken(alreadyExists("operation %q already exists", o.ID), `SELECT 1 FROM operations WHERE id = ?`, o.ID),
		missing(platform.NotFound("workspace", o.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, o.WorkspaceID),
	)
	if err != nil {
		return err
	}
	o.Seq = seq
	return nil
}

func (t *tx) GetOperation(id string) (*platform.Operation, error) {
	return one(t, "operation", id, scanOperation,
		`SELECT `+operationCols+` FROM operations o WHERE o.id = ?`, id)
}

func (t *tx) UpdateOperation(o *platform.Operation) error {
	target, err := operationTarget(o.Target)
	if err != nil {
		return fail("update operation", err)
	}
	return t.update(row{kind: "operation", ref: o.ID, table: "operations", where: "id = ?", args: []any{o.ID}}, o.Version,
		"target_id = ?, status = ?, error = ?, target = ?, due_at = ?, updated_at = ?, version = ?",
		[]any{nullable(o.TargetID), o.Status, o.Error, target, formatTime(o.DueAt), formatTime(o.UpdatedAt), o.Version},
	)
}

// listUnfinishedOperationsSQL spells the statuses as literals (they are platform.OpPending and
// platform.OpRunning) so that the query matches the partial index operations_unfinished: the
// worker polls it, and finished operations pile up.
const listUnfinishedOperationsSQL = `SELECT ` + operationCols + ` FROM operations o
	WHERE o.status IN ('pending', 'running') ORDER BY o.seq LIMIT ?`

func (t *tx) ListUnfinishedOperations(n int) ([]platform.Operation, error) {
	return many(t, "list unfinished operations", n, scanOperation, listUnfinishedOperationsSQL, limit(n))
}

const listUnfinishedOperationsForTargetSQL = `SELECT ` + operationCols + ` FROM operations o
	WHERE o.target_id = ? AND o.status IN ('pending', 'running') ORDER BY o.seq LIMIT ?`

func (t *tx) ListUnfinishedOperationsForTarget(targetID string) ([]platform.Operation, error) {
	return many(t, "list unfinished operations of a target", 0, scanOperation, listUnfinishedOperationsForTargetSQL, targetID, limit(0))
}
