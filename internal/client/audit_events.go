package client

import (
	"context"
	"iter"
	"time"
)

// AuditEvent is an immutable record of a successful mutation.
type AuditEvent struct {
	ID             string    `json:"id"`
	WorkspaceID    string    `json:"workspace_id,omitempty"`
	OrganizationID string    `json:"organization_id,omitempty"`
	Actor          string    `json:"actor"`  // user id or API key id
	Action         string    `json:"action"` // e.g. "project.create"
	Target         string    `json:"target"` // id of the changed object
	At             time.Time `json:"at"`
}

// AuditEventList is a page of audit events.
type AuditEventList = Page[AuditEvent]

// AuditEventsService reads /v1/workspaces/{ws}/audit-events.
type AuditEventsService struct{ c *Client }

// List returns one page of a workspace's audit trail, oldest first.
func (s *AuditEventsService) List(ctx context.Context, ws string, opts ListOptions) (*AuditEventList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "audit-events")
	return listPage[AuditEvent](ctx, s.c, p, err, opts)
}

// All iterates over a workspace's whole audit trail.
func (s *AuditEventsService) All(ctx context.Context, ws string) iter.Seq2[*AuditEvent, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*AuditEventList, error) { return s.List(ctx, ws, o) })
}
