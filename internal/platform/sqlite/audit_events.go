package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

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
