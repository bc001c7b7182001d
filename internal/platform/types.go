package platform

import "time"

// Meta is carried by every stored object. Seq orders lists by creation and is never shown.
type Meta struct {
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	Version   int64     `json:"version"`
	Seq       int64     `json:"-"`
}

// Touch stamps a change: the new version and update time.
func (m *Meta) Touch(now time.Time) {
	m.Version++
	m.UpdatedAt = now
}

// Stamp initialises a new object's metadata.
func (m *Meta) Stamp(now time.Time) {
	m.CreatedAt, m.UpdatedAt, m.Version = now, now, 1
}

// User is a person, identified by a case-insensitive e-mail. Created implicitly on first invite.
type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	// Active is set once the user first authenticates; until then memberships show "invited".
	Active bool `json:"active"`
	// PlatformAdmin marks the bootstrap user: it may mint tokens for any e-mail, nothing more.
	PlatformAdmin bool `json:"platform_admin"`
	Meta
}

// UserToken is a bearer credential of a user. Only the SHA-256 of the secret is stored.
type UserToken struct {
	ID         string     `json:"id"`
	UserID     string     `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	SecretHash string     `json:"-"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	Meta
}

// Organization is an identity for a team; it owns no resources, only access.
type Organization struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	Meta
}

// Organization member roles.
const (
	OrgRoleOwner  = "owner"
	OrgRoleMember = "member"
)

// OrganizationMember is a user's membership of an organization.
type OrganizationMember struct {
	OrganizationID string `json:"organization_id"`
	UserID         string `json:"user_id"`
	Email          string `json:"email"`
	Role           string `json:"role"`
	Meta
}

// Plan is a workspace billing plan.
type Plan string

const (
	PlanFree       Plan = "free"
	PlanPro        Plan = "pro"
	PlanEnterprise Plan = "enterprise"
)

// Workspace is the top-level container for resources and billing.
type Workspace struct {
	ID                     string            `json:"id"`
	Slug                   string            `json:"slug"`
	Name                   string            `json:"name"`
	Description            string            `json:"description"`
	Plan                   Plan              `json:"plan"`
	ManagingOrganizationID string            `json:"managing_organization_id"`
	Settings               map[string]string `json:"settings"`
	Meta
}

// Member statuses.
const (
	MemberInvited = "invited"
	MemberActive  = "active"
)

// WorkspaceMember is a user with a workspace role (built-in name or custom role id).
type WorkspaceMember struct {
	WorkspaceID string `json:"workspace_id"`
	UserID      string `json:"user_id"`
	Email       string `json:"email"`
	Role        string `json:"role"`
	Status      string `json:"status"`
	Meta
}

// Project is the primary unit of work inside a workspace.
type Project struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Meta
}

// ProjectMember is a project-level role override for a workspace member.
type ProjectMember struct {
	WorkspaceID string `json:"workspace_id"`
	ProjectID   string `json:"project_id"`
	UserID      string `json:"user_id"`
	Email       string `json:"email"`
	Role        string `json:"role"`
	Meta
}

// Role is a custom role: a named set of permissions, enterprise plan only.
type Role struct {
	ID          string       `json:"id"`
	WorkspaceID string       `json:"workspace_id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Permissions []Permission `json:"permissions"`
	Meta
}

// Access is an API key's access level.
type Access string

const (
	AccessReadOnly  Access = "read_only"
	AccessReadWrite Access = "read_write"
)

// APIKey is a workspace-scoped credential. Only hashes of secrets are stored. After a rotation
// the previous secret stays valid until PreviousExpiresAt (the grace period).
type APIKey struct {
	ID                 string     `json:"id"`
	WorkspaceID        string     `json:"workspace_id"`
	Name               string     `json:"name"`
	Access             Access     `json:"access"`
	Prefix             string     `json:"prefix"`
	ExpiresAt          *time.Time `json:"expires_at"`
	CreatedBy          string     `json:"created_by"`
	SecretHash         string     `json:"-"`
	PreviousSecretHash string     `json:"-"`
	PreviousExpiresAt  *time.Time `json:"-"`
	Meta
}

// Region is an organizational label for grouping clusters.
type Region struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Meta
}

// Cloud is a cluster's cloud provider.
type Cloud string

const (
	CloudAWS     Cloud = "aws"
	CloudGCP     Cloud = "gcp"
	CloudAzure   Cloud = "azure"
	CloudHetzner Cloud = "hetzner"
)

// Cluster statuses.
const (
	ClusterProvisioning = "provisioning"
	ClusterRunning      = "running"
	ClusterUpdating     = "updating"
	ClusterDeleting     = "deleting"
	ClusterFailed       = "failed"
)

// NodePool is a group of identical nodes in a cluster.
type NodePool struct {
	Name        string `json:"name"`
	MachineType string `json:"machine_type"`
	MinNodes    int    `json:"min_nodes"`
	MaxNodes    int    `json:"max_nodes"`
}

// Cluster is a Kubernetes cluster, provisioned asynchronously through operations.
type Cluster struct {
	ID                string     `json:"id"`
	WorkspaceID       string     `json:"workspace_id"`
	Name              string     `json:"name"`
	RegionID          string     `json:"region_id"`
	ProjectID         string     `json:"project_id"`
	Cloud             Cloud      `json:"cloud"`
	Location          string     `json:"location"`
	KubernetesVersion string     `json:"kubernetes_version"`
	NodePools         []NodePool `json:"node_pools"`
	Status            string     `json:"status"`
	Endpoint          string     `json:"endpoint"`
	Meta
}

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

// IdempotencyRecord remembers the answer to a POST with an Idempotency-Key, per caller.
type IdempotencyRecord struct {
	Caller      string
	Key         string
	RequestHash string
	// Status is 0 while the first request is still running.
	Status    int
	Body      []byte
	CreatedAt time.Time
}
