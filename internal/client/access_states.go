package client

import (
	"context"
	"time"
)

// Access states: what a workspace's subscription lets its members do.
const (
	// AccessStateFull: everything the roles allow.
	AccessStateFull = "full"
	// AccessStateReadOnly (subscription past_due): reads answer; mutations are refused with
	// failed_precondition, except billing, removing members, deleting API keys and deleting the
	// workspace.
	AccessStateReadOnly = "read_only"
	// AccessStateSuspended (subscription canceled): only the workspace itself, its access state,
	// subscription and billing answer; everything else is failed_precondition.
	AccessStateSuspended = "suspended"
)

// AccessState is what a workspace's subscription lets its members do, and why.
type AccessState struct {
	State string `json:"state"`
	// Reason is what decided the state, e.g. "subscription past_due"; empty when full.
	Reason string `json:"reason"`
	// Since is when the workspace entered the state.
	Since time.Time `json:"since"`
}

// AccessStatesService reads /v1/workspaces/{ws}/access-state.
type AccessStatesService struct{ c *Client }

// Get reads a workspace's access state (workspace.read; answers in every state).
func (s *AccessStatesService) Get(ctx context.Context, ws string) (*AccessState, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "access-state")
	return getJSON[AccessState](ctx, s.c, p, err, nil)
}
