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
	// Billing (docs/platform.md section 12): one per workspace, keyed by the workspace id.
	PlannedStripeAccount = "stripe_account"
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

// Kinds of planned creates outside any workspace (every kind above can be a planned create too).
const (
	PlannedOrganization       = "organization"
	PlannedOrganizationMember = "organization_member"
)

// PlannedCreate records that a plan session's dry run would create one object: later dry runs
// of the session count it against the workspace's quota and refuse a second object with the
// same unique name (docs/platform.md, "Plan sessions").
type PlannedCreate struct {
	Actor   string `json:"-"`
	Session string `json:"-"`
	// WorkspaceID is the workspace the object would be in ("" for workspaces and organizations).
	WorkspaceID string `json:"workspace_id,omitempty"`
	Kind        string `json:"kind"`
	// Key is what must be unique among the kind's objects, scoped as the store scopes it
	// (PlannedKey); objects without a unique name get a key of their own.
	Key       string    `json:"key"`
	CreatedAt time.Time `json:"created_at"`
}

// PlannedKey scopes a unique name: within scope (a workspace, project or product id) or, with
// scope "", across the platform.
func PlannedKey(scope, name string) string {
	if scope == "" {
		return name
	}
	return scope + "/" + name
}

// PlannedKind is the kind of planned create that counts against quota q.
func (q Quota) PlannedKind() string {
	switch q {
	case QuotaProjects:
		return PlannedProject
	case QuotaMembers:
		return PlannedWorkspaceMember
	case QuotaAPIKeys:
		return PlannedAPIKey
	case QuotaRegions:
		return PlannedRegion
	case QuotaClusters:
		return PlannedCluster
	case QuotaCustomRoles:
		return PlannedRole
	case QuotaProducts:
		return PlannedProduct
	case QuotaInstallations:
		return PlannedInstallation
	case QuotaDeployments:
		return PlannedDeployment
	case QuotaSecrets:
		return PlannedSecret
	case QuotaGitHubInstallations:
		return PlannedGitHubInstallation
	}
	return ""
}
