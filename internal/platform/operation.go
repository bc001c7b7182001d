package platform

import "time"

// Operation kinds.
const (
	OpClusterCreate = "cluster.create"
	OpClusterUpdate = "cluster.update"
	OpClusterDelete = "cluster.delete"
)

// Operation statuses.
const (
	OpPending   = "pending"
	OpRunning   = "running"
	OpSucceeded = "succeeded"
	OpFailed    = "failed"
)

// Operation is an asynchronous change recorded as data, so that a worker can run it and a
// restarted server can resume it. Target holds the desired cluster state (for create and
// update) so the worker needs nothing but the operation to finish the change.
type Operation struct {
	ID          string    `json:"id"`
	WorkspaceID string    `json:"workspace_id"`
	Kind        string    `json:"kind"`
	TargetID    string    `json:"target_id"`
	Status      string    `json:"status"`
	Error       string    `json:"error"`
	Target      *Cluster  `json:"-"`
	DueAt       time.Time `json:"-"`
	Meta
}
