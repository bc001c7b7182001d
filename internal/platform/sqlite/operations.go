package sqlite

import (
	"encoding/json"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const operationCols = `o.seq, o.id, o.workspace_id, o.kind, o.target_id, o.status, o.error, o.target, o.due_at,
	o.created_at, o.updated_at, o.version`

func scanOperation(s scanner, o *platform.Operation) error {
	return s.Scan(&o.Seq, &o.ID, &o.WorkspaceID, &o.Kind, refCol{&o.TargetID}, &o.Status, &o.Error,
		jsonCol{&o.Target}, timeCol{&o.DueAt}, timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt}, &o.Version)
}

// operationTarget encodes the desired cluster state; no target is NULL.
func operationTarget(c *platform.Cluster) (any, error) {
	if c == nil {
		return nil, nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return string(b), nil
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

const auditEventCols = `e.seq, e.id, e.workspace_id, e.organization_id, e.actor, e.action, e.target, e.at`

func scanAuditEvent(s scanner, e *platform.AuditEvent) error {
	return s.Scan(&e.Seq, &e.ID, refCol{&e.WorkspaceID}, refCol{&e.OrganizationID}, &e.Actor, &e.Action, &e.Target,
		timeCol{&e.At})
}

func (t *tx) CreateAuditEvent(e *platform.AuditEvent) error {
	seq, err := t.insert("create audit event",
		`INSERT INTO audit_events (id, workspace_id, organization_id, actor, action, target, at)
		 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{e.ID, nullable(e.WorkspaceID), nullable(e.OrganizationID), e.Actor, e.Action, e.Target, formatTime(e.At)},
		taken(alreadyExists("audit event %q already exists", e.ID), `SELECT 1 FROM audit_events WHERE id = ?`, e.ID),
	)
	if err != nil {
		return err
	}
	e.Seq = seq
	return nil
}

func (t *tx) ListAuditEvents(workspaceID string, page platform.Page) ([]platform.AuditEvent, error) {
	return many(t, "list audit events", page.Limit, scanAuditEvent,
		`SELECT `+auditEventCols+` FROM audit_events e WHERE e.workspace_id = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

const idempotencyCols = `r.caller, r.idem_key, r.request_hash, r.status, r.body, r.created_at`

func scanIdempotencyRecord(s scanner, r *platform.IdempotencyRecord) error {
	return s.Scan(&r.Caller, &r.Key, &r.RequestHash, &r.Status, &r.Body, timeCol{&r.CreatedAt})
}

// idempotencyBody keeps the column NOT NULL: no body is stored as an empty one.
func idempotencyBody(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func (t *tx) CreateIdempotencyRecord(r *platform.IdempotencyRecord) error {
	_, err := t.insert("create idempotency record",
		`INSERT INTO idempotency_records (caller, idem_key, request_hash, status, body, created_at)
		 VALUES (?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{r.Caller, r.Key, r.RequestHash, r.Status, idempotencyBody(r.Body), formatTime(r.CreatedAt)},
		taken(alreadyExists("idempotency key %q already exists for this caller", r.Key),
			`SELECT 1 FROM idempotency_records WHERE caller = ? AND idem_key = ?`, r.Caller, r.Key),
	)
	return err
}

func (t *tx) GetIdempotencyRecord(caller, key string) (*platform.IdempotencyRecord, error) {
	return one(t, "idempotency key", key, scanIdempotencyRecord,
		`SELECT `+idempotencyCols+` FROM idempotency_records r WHERE r.caller = ? AND r.idem_key = ?`, caller, key)
}

// UpdateIdempotencyRecord overwrites the record: it has a single writer (the request that
// created it), so there is no version to check.
func (t *tx) UpdateIdempotencyRecord(r *platform.IdempotencyRecord) error {
	if err := t.writable(); err != nil {
		return err
	}
	res, err := t.q.ExecContext(t.ctx,
		`UPDATE idempotency_records SET request_hash = ?, status = ?, body = ?, created_at = ?
		 WHERE caller = ? AND idem_key = ?`,
		r.RequestHash, r.Status, idempotencyBody(r.Body), formatTime(r.CreatedAt), r.Caller, r.Key)
	if err != nil {
		return fail("update idempotency record", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("update idempotency record", err)
	} else if n == 0 {
		return platform.NotFound("idempotency key", r.Key)
	}
	return nil
}

func (t *tx) DeleteIdempotencyRecord(caller, key string) error {
	return t.remove(row{kind: "idempotency key", ref: key, table: "idempotency_records",
		where: "caller = ? AND idem_key = ?", args: []any{caller, key}})
}

// DeleteIdempotencyRecordsBefore compares timestamps as text, which orders them correctly
// because the stored form is fixed-width UTC.
func (t *tx) DeleteIdempotencyRecordsBefore(before time.Time) (int, error) {
	if err := t.writable(); err != nil {
		return 0, err
	}
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM idempotency_records WHERE created_at < ?`, formatTime(before))
	if err != nil {
		return 0, fail("delete idempotency records", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fail("delete idempotency records", err)
	}
	return int(n), nil
}
