package platform

import (
	"regexp"
	"time"
)

// A plan session relates the dry runs of one Terraform plan (docs/platform.md, "Plan
// sessions"): a client names it with the Platform-Plan-Session header on its dry runs, the
// server remembers every dry-run DELETE made in it, and later dry runs in the same session are
// evaluated against the current state minus what the session plans to delete. Real calls are
// never affected.

// PlanSessionTTL is how long a session's planned deletes are remembered: at least as long as
// a saved plan is commonly kept before it is applied.
const PlanSessionTTL = 24 * time.Hour

// PlanSessionIDMaxLen bounds a session id.
const PlanSessionIDMaxLen = 128

var planSessionIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{8,128}$`)

// ValidPlanSessionID reports whether id is a well-formed session id: 8-128 letters, digits,
// '_' and '-'. Clients choose them; they should be random.
func ValidPlanSessionID(id string) bool { return planSessionIDPattern.MatchString(id) }

// Kinds of planned deletes: the object types a plan can delete inside a workspace.
const (
	PlannedWorkspace       = "workspace"
	PlannedProject         = "project"
	PlannedProjectMember   = "project_member"
	PlannedWorkspaceMember = "workspace_member"
	PlannedRole            = "role"
	PlannedAPIKey          = "api_key"
	PlannedRegion          = "region"
	PlannedCluster         = "cluster"
	// Applications (docs/platform.md section 11).
	PlannedProduct            = "product"
	PlannedRelease            = "release"
	PlannedInstallation       = "installation"
	PlannedDeployment         = "deployment"
	PlannedSecret             = "secret"
	PlannedGitHubInstallation = "github_installation"
)

// PlannedDelete records that a plan session intends to delete one object.
type PlannedDelete struct {
	// Actor owns the session (a user id or an API key id): sessions are private to whoever made
	// them, and survive the rotation of the token used.
	Actor       string `json:"-"`
	Session     string `json:"-"`
	WorkspaceID string `json:"workspace_id"`
	Kind        string `json:"kind"`
	// TargetID is the object's id; a member's user id for memberships (project members:
	// "<project id>/<user id>").
	TargetID string `json:"target_id"`
	// Force is set on a workspace deleted with everything in it (force=true).
	Force     bool      `json:"force"`
	CreatedAt time.Time `json:"created_at"`
}
