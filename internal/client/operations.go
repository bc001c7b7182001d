package client

import (
	"context"
	"fmt"
	"time"
)

// Operation kinds.
const (
	OperationClusterCreate = "cluster.create"
	OperationClusterUpdate = "cluster.update"
	OperationClusterDelete = "cluster.delete"

	OperationInstallationCreate = "installation.create"
	OperationInstallationUpdate = "installation.update"
	OperationInstallationDelete = "installation.delete"

	// OperationStripeAccountOnboard is a Stripe account's onboarding.
	OperationStripeAccountOnboard = "stripe_account.onboard"
)

// Operation statuses.
const (
	OperationPending   = "pending"
	OperationRunning   = "running"
	OperationSucceeded = "succeeded"
	OperationFailed    = "failed"
)

// Operation is an asynchronous change (of a cluster or an installation: create, update or delete).
type Operation struct {
	ID       string `json:"id"`
	Kind     string `json:"kind"`      // OperationClusterCreate, ...
	TargetID string `json:"target_id"` // the id of the cluster or installation
	Status   string `json:"status"`
	// Error is the reason of a failed operation.
	Error     string    `json:"error"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// OperationFailedError is returned by Operations.Wait when the operation ends "failed".
type OperationFailedError struct {
	OperationID string
	Kind        string
	TargetID    string
	// Message is the server's reason, e.g. "provisioning failed: location ... has no capacity".
	Message string
}

func (e *OperationFailedError) Error() string {
	return fmt.Sprintf("platform: operation %s (%s of %s) failed: %s", e.OperationID, e.Kind, e.TargetID, e.Message)
}

// OperationsService reads operations (/v1/operations/{op}).
type OperationsService struct{ c *Client }

// Get reads an operation.
func (s *OperationsService) Get(ctx context.Context, id string) (*Operation, error) {
	p, err := path("operations", seg{"operation id", id})
	return getJSON[Operation](ctx, s.c, p, err, nil)
}

// Wait polls an operation until it ends. It returns the operation, and an
// *OperationFailedError carrying the server's message when it failed. It waits until ctx
// ends: give ctx a deadline.
func (s *OperationsService) Wait(ctx context.Context, id string) (*Operation, error) {
	var last *Operation
	err := s.c.poll(ctx, "operation "+id, func(ctx context.Context) (bool, string, error) {
		op, err := s.Get(ctx, id)
		if err != nil {
			return false, "", err
		}
		last = op
		switch op.Status {
		case OperationSucceeded:
			return true, op.Status, nil
		case OperationFailed:
			return true, op.Status, &OperationFailedError{OperationID: op.ID, Kind: op.Kind, TargetID: op.TargetID, Message: op.Error}
		}
		return false, op.Status, nil
	})
	return last, err
}
