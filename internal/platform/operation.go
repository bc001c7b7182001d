package platform

import (
	"encoding/json"
	"time"
)

// Operation kinds: "<entity>.<change>".
const (
	OpClusterCreate = "cluster.create"
	OpClusterUpdate = "cluster.update"
	OpClusterDelete = "cluster.delete"

	OpInstallationCreate = "installation.create"
	OpInstallationUpdate = "installation.update"
	OpInstallationDelete = "installation.delete"

	OpDeploymentCreate   = "deployment.create"
	OpDeploymentUpdate   = "deployment.update"
	OpDeploymentRedeploy = "deployment.redeploy"
	OpDeploymentDelete   = "deployment.delete"

	// OpStripeAccountOnboard is a Stripe account's onboarding (docs/platform.md section 12).
	OpStripeAccountOnboard = "stripe_account.onboard"
)

// Operation statuses.
const (
	OpPending   = "pending"
	OpRunning   = "running"
	OpSucceeded = "succeeded"
	OpFailed    = "failed"
)

// Operation is an asynchronous change recorded as data, so that a worker can run it and a
// restarted server can resume it. Target holds the desired state of the object (JSON, of the
// kind's entity) so the worker needs nothing but the operation to finish the change.
type Operation struct {
	ID          string          `json:"id"`
	WorkspaceID string          `json:"workspace_id"`
	Kind        string          `json:"kind"`
	TargetID    string          `json:"target_id"`
	Status      string          `json:"status"`
	Error       string          `json:"error"`
	Target      json.RawMessage `json:"-"`
	DueAt       time.Time       `json:"-"`
	Meta
}

// SetTarget records v (an entity) as the operation's desired state.
func (o *Operation) SetTarget(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	o.Target = b
	return nil
}

// DecodeTarget reads the desired state into v; false when there is none.
func (o *Operation) DecodeTarget(v any) (bool, error) {
	if len(o.Target) == 0 {
		return false, nil
	}
	return true, json.Unmarshal(o.Target, v)
}
