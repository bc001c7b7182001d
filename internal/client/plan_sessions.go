package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
)

// PlanSessionHeader names the plan session of a dry run.
const PlanSessionHeader = "Platform-Plan-Session"

// Kinds of planned deletes in a plan session.
const (
	PlannedWorkspace       = "workspace"
	PlannedProject         = "project"
	PlannedProjectMember   = "project_member"
	PlannedWorkspaceMember = "workspace_member"
	PlannedRole            = "role"
	PlannedAPIKey          = "api_key"
	PlannedRegion          = "region"
	PlannedCluster         = "cluster"
	// Applications.
	PlannedProduct            = "product"
	PlannedRelease            = "release"
	PlannedInstallation       = "installation"
	PlannedDeployment         = "deployment"
	PlannedSecret             = "secret"
	PlannedGitHubInstallation = "github_installation"
	// Billing.
	PlannedStripeAccount = "stripe_account"
)

// PlannedDelete is one delete a plan session plans.
type PlannedDelete struct {
	WorkspaceID string `json:"workspace_id"`
	Kind        string `json:"kind"`
	// TargetID is the object's id; a member's user id; "<project id>/<user id>" for a project
	// member.
	TargetID string `json:"target_id"`
	// Force is set on a workspace deleted with everything in it.
	Force     bool      `json:"force"`
	CreatedAt time.Time `json:"created_at"`
}

// PlannedCreate is one create a plan session plans (a dry-run create that would succeed).
type PlannedCreate struct {
	WorkspaceID string `json:"workspace_id,omitempty"`
	Kind        string `json:"kind"`
	// Key is the unique name the object claims, prefixed with its scope's id
	// ("<workspace id>/web" for a project).
	Key       string    `json:"key"`
	CreatedAt time.Time `json:"created_at"`
}

// PlanSession is what a plan session plans to delete and create, in the order its dry runs
// were made.
type PlanSession struct {
	ID      string          `json:"id"`
	Deletes []PlannedDelete `json:"deletes"`
	Creates []PlannedCreate `json:"creates"`
}

// DeletesWorkspace reports whether the session plans to delete workspace ws (an id), and
// whether with everything in it (force).
func (s *PlanSession) DeletesWorkspace(ws string) (deletes, force bool) {
	for _, d := range s.Deletes {
		if d.Kind == PlannedWorkspace && d.TargetID == ws {
			return true, d.Force
		}
	}
	return false, false
}

// PlanSessionsService reads /v1/plan-sessions. A plan session relates the dry runs of one
// plan: send them with WithPlanSession and WithValidateOnly. The server records every dry-run
// DELETE in the session and evaluates a workspace's dry-run DELETE (and the removal of its last
// owner) against what the session plans to delete.
type PlanSessionsService struct{ c *Client }

// Get reads what the caller's plan session id plans to delete (empty for an unknown session).
func (s *PlanSessionsService) Get(ctx context.Context, id string) (*PlanSession, error) {
	p, err := path("plan-sessions", seg{"plan session", id})
	return getJSON[PlanSession](ctx, s.c, p, err, nil)
}

// PlannedTarget is one delete declared with Declare.
type PlannedTarget struct {
	Kind     string `json:"kind"`
	TargetID string `json:"target_id"`
}

// MaxDeclaredDeletes bounds one Declare call.
const MaxDeclaredDeletes = 1000

// Declare records, in the caller's plan session id, deletes that the plan makes in workspace ws
// (an id or slug) without a dry run of each (POST /v1/plan-sessions/{id}/deletes, at most
// MaxDeclaredDeletes at once), and returns the session.
func (s *PlanSessionsService) Declare(ctx context.Context, id, ws string, targets []PlannedTarget) (*PlanSession, error) {
	p, err := path("plan-sessions", seg{"plan session", id}, "deletes")
	body := struct {
		WorkspaceID string          `json:"workspace_id"`
		Deletes     []PlannedTarget `json:"deletes"`
	}{ws, targets}
	return sendJSON[PlanSession](ctx, s.c, http.MethodPost, p, err, body, 0)
}

// WithPlanSession sends every request made with ctx in plan session id (header
// Platform-Plan-Session). The server uses it on dry runs (WithValidateOnly) only.
func WithPlanSession(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, planSessionKey, id)
}

// WorkspaceObject is one object that keeps a workspace from being deleted, as a refused
// workspace delete names it.
type WorkspaceObject struct {
	// Kind is projects, clusters, regions, api_keys or custom_roles.
	Kind string
	ID   string
	// Reason says what it is, e.g. `project "web" is still in the workspace`.
	Reason string
}

// BlockingObjects lists the objects a refused workspace delete (failed_precondition) names in
// its details; nil for any other error.
func BlockingObjects(err error) []WorkspaceObject {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "failed_precondition" {
		return nil
	}
	var out []WorkspaceObject
	for _, d := range apiErr.Details {
		kind, id, ok := strings.Cut(d.Field, "/")
		if !ok {
			continue
		}
		out = append(out, WorkspaceObject{Kind: kind, ID: id, Reason: d.Reason})
	}
	return out
}
