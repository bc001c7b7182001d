package platform

import (
	"context"
	"time"
)

// Store is the persistence port. Every backend (SQLite, PostgreSQL) implements it and passes
// the one conformance suite in package storetest.
//
// Conventions every backend follows, so the service can rely on them:
//   - Get* and lookups answer a *Error with CodeNotFound when nothing matches.
//   - Create* answers CodeAlreadyExists when a unique key (slug, name, e-mail, membership) is taken.
//   - Update* writes x only when the stored version is x.Version-1 (the caller has already
//     called Meta.Touch); otherwise CodeAborted (optimistic concurrency, never a lost update).
//     A missing row is CodeNotFound.
//   - Delete* of a missing row is CodeNotFound. Deleting a workspace, project or organization
//     removes what belongs to it (memberships, overrides, ...); the service decides whether
//     that is allowed.
//   - Lists are ordered by creation (Seq) and return at most page.Limit items with Seq > page.After.
//   - E-mails are stored and compared in lower case; the service normalises them.
//   - Member objects come back with Email joined from users. A workspace member's Status is
//     stored with the membership ("" is stored as invited).
type Store interface {
	// View runs fn in a read-only transaction.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in a read-write transaction, committed when fn returns nil and rolled
	// back (returning fn's error) otherwise.
	Update(ctx context.Context, fn func(Tx) error) error
	Close() error
}

// Page selects a slice of a list ordered by creation.
type Page struct {
	After int64 // Seq of the last item already seen; 0 for the first page
	Limit int
}

// Usage counts what a workspace holds, for quotas, usage reports and delete checks.
type Usage struct {
	Projects            int `json:"projects"`
	Members             int `json:"members"`
	APIKeys             int `json:"api_keys"`
	Regions             int `json:"regions"`
	Clusters            int `json:"clusters"`
	CustomRoles         int `json:"custom_roles"`
	Products            int `json:"products"`
	Installations       int `json:"installations"`
	Deployments         int `json:"deployments"`
	Secrets             int `json:"secrets"`
	GitHubInstallations int `json:"github_installations"`
	// PaidListedProducts counts listed products with a price (for plan changes).
	PaidListedProducts int `json:"paid_listed_products"`
}

// Dependents names what still uses an object (a cluster, secret, product, release or GitHub App
// installation), so that its delete can be refused with a message naming them. Installations
// are "name" in their workspace; a product's or release's installations may be in other
// workspaces, which the service reports only as a count. Deployments are "project-slug/name".
type Dependents struct {
	Installations []string
	Deployments   []string
}

// None tells whether nothing uses the object.
func (d Dependents) None() bool { return len(d.Installations) == 0 && len(d.Deployments) == 0 }

// Tx is one transaction over every kind of object.
type Tx interface {
	CreateUser(u *User) error
	GetUser(id string) (*User, error)
	GetUserByEmail(email string) (*User, error)
	UpdateUser(u *User) error
	CountUsers() (int, error)

	CreateUserToken(t *UserToken) error
	GetUserToken(id string) (*UserToken, error)
	// GetUserTokenBySecretHash finds a token by the hash of its secret, with the token's user:
	// authentication needs both, in one lookup.
	GetUserTokenBySecretHash(hash string) (*UserToken, *User, error)
	ListUserTokens(userID string, page Page) ([]UserToken, error)
	UpdateUserToken(t *UserToken) error
	// CountActiveUserTokens counts userID's tokens that have not expired at t.
	CountActiveUserTokens(userID string, t time.Time) (int, error)
	DeleteUserToken(id string) error

	CreateOrganization(o *Organization) error
	GetOrganization(id string) (*Organization, error)
	GetOrganizationBySlug(slug string) (*Organization, error)
	// ListOrganizationsForUser lists the organizations userID is a member of.
	ListOrganizationsForUser(userID string, page Page) ([]Organization, error)
	UpdateOrganization(o *Organization) error
	DeleteOrganization(id string) error

	CreateOrganizationMember(m *OrganizationMember) error
	GetOrganizationMember(orgID, userID string) (*OrganizationMember, error)
	ListOrganizationMembers(orgID string, page Page) ([]OrganizationMember, error)
	UpdateOrganizationMember(m *OrganizationMember) error
	DeleteOrganizationMember(orgID, userID string) error
	CountOrganizationOwners(orgID string) (int, error)
	// CountWorkspacesManagedBy counts workspaces whose managing organization is orgID.
	CountWorkspacesManagedBy(orgID string) (int, error)

	CreateWorkspace(w *Workspace) error
	GetWorkspace(id string) (*Workspace, error)
	GetWorkspaceBySlug(slug string) (*Workspace, error)
	// ListWorkspacesForUser lists workspaces where userID is a member or a member of the
	// managing organization.
	ListWorkspacesForUser(userID string, page Page) ([]Workspace, error)
	UpdateWorkspace(w *Workspace) error
	// DeleteWorkspace removes the workspace and everything in it (a forced delete); audit
	// events are kept. Its products installed in another workspace make it CodeFailedPrecondition.
	DeleteWorkspace(id string) error
	WorkspaceUsage(workspaceID string) (Usage, error)

	// Subscriptions: one per workspace, deleted with it. Every workspace read (GetWorkspace,
	// GetWorkspaceBySlug, GetWorkspaceWithMember, ListWorkspacesForUser) carries it too, in
	// Workspace.Subscription, with the workspace's plan.
	CreateSubscription(s *Subscription) error
	GetSubscription(workspaceID string) (*Subscription, error)
	// UpdateSubscription writes status, period and cancel_at_period_end (the plan is the
	// workspace's, written by UpdateWorkspace).
	UpdateSubscription(s *Subscription) error
	// ListSubscriptionsDue lists subscriptions not canceled whose period ended at or before now,
	// oldest period end first, at most limit.
	ListSubscriptionsDue(now time.Time, limit int) ([]Subscription, error)

	CreateWorkspaceMember(m *WorkspaceMember) error
	GetWorkspaceMember(workspaceID, userID string) (*WorkspaceMember, error)
	// GetWorkspaceWithMember finds the workspace by ref (an id, ws_..., or a slug) together
	// with userID's membership of it, nil when userID is not a member: authorization needs
	// both on every request, and one lookup costs less than two.
	GetWorkspaceWithMember(ref, userID string) (*Workspace, *WorkspaceMember, error)
	ListWorkspaceMembers(workspaceID string, page Page) ([]WorkspaceMember, error)
	UpdateWorkspaceMember(m *WorkspaceMember) error
	// SetWorkspaceMemberStatus records a member's status alone: observed state, not a change
	// of the membership, so neither its version nor its update time moves.
	SetWorkspaceMemberStatus(workspaceID, userID, status string) error
	// DeleteWorkspaceMember also removes the user's project overrides in that workspace.
	DeleteWorkspaceMember(workspaceID, userID string) error
	CountWorkspaceOwners(workspaceID string) (int, error)
	// CountRoleAssignments counts workspace members and project members holding role (a custom role id).
	CountRoleAssignments(workspaceID, role string) (int, error)

	CreateProject(p *Project) error
	GetProject(workspaceID, id string) (*Project, error)
	GetProjectBySlug(workspaceID, slug string) (*Project, error)
	ListProjects(workspaceID string, page Page) ([]Project, error)
	// ListProjectsForMember lists the projects where userID has a project override.
	ListProjectsForMember(workspaceID, userID string, page Page) ([]Project, error)
	UpdateProject(p *Project) error
	// DeleteProject also removes its project members and detaches its clusters (project_id "").
	DeleteProject(workspaceID, id string) error

	CreateProjectMember(m *ProjectMember) error
	GetProjectMember(projectID, userID string) (*ProjectMember, error)
	ListProjectMembers(projectID string, page Page) ([]ProjectMember, error)
	UpdateProjectMember(m *ProjectMember) error
	DeleteProjectMember(projectID, userID string) error

	CreateRole(r *Role) error
	GetRole(workspaceID, id string) (*Role, error)
	GetRoleByName(workspaceID, name string) (*Role, error)
	ListRoles(workspaceID string, page Page) ([]Role, error)
	UpdateRole(r *Role) error
	DeleteRole(workspaceID, id string) error

	CreateAPIKey(k *APIKey) error
	GetAPIKey(workspaceID, id string) (*APIKey, error)
	// GetAPIKeyBySecretHash matches the current or the previous (rotated) secret hash.
	GetAPIKeyBySecretHash(hash string) (*APIKey, error)
	ListAPIKeys(workspaceID string, page Page) ([]APIKey, error)
	UpdateAPIKey(k *APIKey) error
	DeleteAPIKey(workspaceID, id string) error

	CreateRegion(r *Region) error
	GetRegion(workspaceID, id string) (*Region, error)
	GetRegionByName(workspaceID, name string) (*Region, error)
	ListRegions(workspaceID string, page Page) ([]Region, error)
	UpdateRegion(r *Region) error
	DeleteRegion(workspaceID, id string) error
	CountClustersInRegion(workspaceID, regionID string) (int, error)

	CreateCluster(c *Cluster) error
	GetCluster(workspaceID, id string) (*Cluster, error)
	GetClusterByName(workspaceID, name string) (*Cluster, error)
	ListClusters(workspaceID string, page Page) ([]Cluster, error)
	UpdateCluster(c *Cluster) error
	DeleteCluster(workspaceID, id string) error

	CreateProduct(p *Product) error
	// GetProduct and GetProductBySlug fill InstallCount (installations in every workspace).
	GetProduct(workspaceID, id string) (*Product, error)
	GetProductBySlug(workspaceID, slug string) (*Product, error)
	// GetListedProduct finds a listed product of any workspace by id (the marketplace and
	// installations of another workspace's product); a private product is CodeNotFound.
	GetListedProduct(id string) (*Product, error)
	ListProducts(workspaceID string, page Page) ([]Product, error)
	// ListListedProducts lists the listed products of every workspace.
	ListListedProducts(page Page) ([]Product, error)
	UpdateProduct(p *Product) error
	// DeleteProduct also removes its releases.
	DeleteProduct(workspaceID, id string) error

	CreateRelease(r *Release) error
	GetRelease(productID, id string) (*Release, error)
	GetReleaseByTag(productID, tag string) (*Release, error)
	ListReleases(productID string, page Page) ([]Release, error)
	UpdateRelease(r *Release) error
	DeleteRelease(productID, id string) error
	// ProductDependents names the installations (in any workspace) of productID; with a tag,
	// only those whose source or installed tag is that tag.
	ProductDependents(productID, tag string) (Dependents, error)

	CreateSecret(s *Secret) error
	GetSecret(workspaceID, id string) (*Secret, error)
	GetSecretByName(workspaceID, name string) (*Secret, error)
	ListSecrets(workspaceID string, page Page) ([]Secret, error)
	UpdateSecret(s *Secret) error
	DeleteSecret(workspaceID, id string) error
	// SecretDependents names the installations and deployments of workspaceID that use the
	// secret called name.
	SecretDependents(workspaceID, name string) (Dependents, error)

	CreateGitHubInstallation(g *GitHubInstallation) error
	GetGitHubInstallation(workspaceID, id string) (*GitHubInstallation, error)
	// GetGitHubInstallationByGitHubID finds the workspace's connection to GitHub's
	// installation githubID.
	GetGitHubInstallationByGitHubID(workspaceID string, githubID int64) (*GitHubInstallation, error)
	// FindGitHubInstallation finds a connection in any workspace, by its id or GitHub's id
	// (0 to ignore): the platform administrator and the webhook are not in a workspace.
	FindGitHubInstallation(id string, githubID int64) (*GitHubInstallation, error)
	ListGitHubInstallations(workspaceID string, page Page) ([]GitHubInstallation, error)
	UpdateGitHubInstallation(g *GitHubInstallation) error
	DeleteGitHubInstallation(workspaceID, id string) error
	// GitHubInstallationDependents names the deployments built from the connection id.
	GitHubInstallationDependents(id string) (Dependents, error)
	// RecordGitHubDelivery remembers a webhook delivery id; CodeAlreadyExists when it was
	// seen before (a redelivery).
	RecordGitHubDelivery(deliveryID string, at time.Time) error
	// DeleteGitHubDeliveriesBefore forgets deliveries received before t and returns how many.
	DeleteGitHubDeliveriesBefore(t time.Time) (int, error)

	CreateInstallation(in *Installation) error
	GetInstallation(workspaceID, id string) (*Installation, error)
	GetInstallationByName(workspaceID, name string) (*Installation, error)
	ListInstallations(workspaceID string, page Page) ([]Installation, error)
	UpdateInstallation(in *Installation) error
	DeleteInstallation(workspaceID, id string) error

	CreateDeployment(d *Deployment) error
	// GetDeployment finds a deployment of the workspace by id (any project).
	GetDeployment(workspaceID, id string) (*Deployment, error)
	GetDeploymentByName(projectID, name string) (*Deployment, error)
	ListDeployments(projectID string, page Page) ([]Deployment, error)
	// ListDeploymentsForSource lists the deployments (of every workspace) built from
	// repository's branch through the connection githubInstallationID.
	ListDeploymentsForSource(githubInstallationID, repository, branch string) ([]Deployment, error)
	UpdateDeployment(d *Deployment) error
	// DeleteDeployment also removes its logs.
	DeleteDeployment(workspaceID, id string) error
	// ProjectDependents names the deployments in the project.
	ProjectDependents(projectID string) (Dependents, error)
	// ClusterDependents names the installations and deployments on the cluster.
	ClusterDependents(workspaceID, clusterID string) (Dependents, error)

	AppendDeploymentLog(l *DeploymentLogLine) error
	// ListDeploymentLogs lists deploymentID's lines at or after since, oldest first, at most limit.
	ListDeploymentLogs(deploymentID string, since time.Time, limit int) ([]DeploymentLogLine, error)

	CreateOperation(o *Operation) error
	GetOperation(id string) (*Operation, error)
	UpdateOperation(o *Operation) error
	// ListUnfinishedOperations lists pending and running operations, oldest first.
	ListUnfinishedOperations(limit int) ([]Operation, error)
	// ListUnfinishedOperationsForTarget lists the pending and running operations on one
	// object (a cluster), oldest first.
	ListUnfinishedOperationsForTarget(targetID string) ([]Operation, error)

	CreateAuditEvent(e *AuditEvent) error
	ListAuditEvents(workspaceID string, page Page) ([]AuditEvent, error)

	// CreateIdempotencyRecord answers CodeAlreadyExists when (caller, key) is taken.
	CreateIdempotencyRecord(r *IdempotencyRecord) error
	GetIdempotencyRecord(caller, key string) (*IdempotencyRecord, error)
	UpdateIdempotencyRecord(r *IdempotencyRecord) error
	DeleteIdempotencyRecord(caller, key string) error
	// DeleteIdempotencyRecordsBefore drops records created before t and returns how many.
	DeleteIdempotencyRecordsBefore(t time.Time) (int, error)

	// RecordPlannedDelete remembers a plan session's planned delete; recording the same
	// (actor, session, kind, target) again changes nothing.
	RecordPlannedDelete(d *PlannedDelete) error
	// ListPlannedDeletes lists what (actor, session) plans to delete in workspaceID (every
	// workspace when it is ""), in the order recorded.
	ListPlannedDeletes(actor, session, workspaceID string) ([]PlannedDelete, error)
	// DeletePlannedDeletesBefore drops planned deletes recorded before t and returns how many.
	DeletePlannedDeletesBefore(t time.Time) (int, error)

	// RecordPlannedCreate remembers a plan session's planned create; it answers false, and
	// records nothing, when (actor, session, kind, key) is already recorded.
	RecordPlannedCreate(c *PlannedCreate) (bool, error)
	// HasPlannedCreate reports whether (actor, session) plans to create an object of kind with key.
	HasPlannedCreate(actor, session, kind, key string) (bool, error)
	// CountPlannedCreates counts what (actor, session) plans to create of kind in workspaceID.
	CountPlannedCreates(actor, session, workspaceID, kind string) (int, error)
	// ListPlannedCreates lists what (actor, session) plans to create, in the order recorded.
	ListPlannedCreates(actor, session string) ([]PlannedCreate, error)
	// DeletePlannedCreatesBefore drops planned creates recorded before t and returns how many.
	DeletePlannedCreatesBefore(t time.Time) (int, error)
}
