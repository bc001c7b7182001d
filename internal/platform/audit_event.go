package platform

import "time"

// AuditEvent is an immutable record of a successful mutation.
type AuditEvent struct {
	ID             string    `json:"id"`
	WorkspaceID    string    `json:"workspace_id,omitempty"`
	OrganizationID string    `json:"organization_id,omitempty"`
	Actor          string    `json:"actor"`
	Action         string    `json:"action"`
	Target         string    `json:"target"`
	At             time.Time `json:"at"`
	Seq            int64     `json:"-"`
}
