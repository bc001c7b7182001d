package platform

import (
	"math/bits"
	"strings"
)

// Permission is one entry of the permission catalogue (docs/platform.md section 2).
type Permission string

// Workspace permissions.
const (
	PermWorkspaceRead     Permission = "workspace.read"
	PermWorkspaceUpdate   Permission = "workspace.update"
	PermWorkspaceDelete   Permission = "workspace.delete"
	PermOwnershipTransfer Permission = "ownership.transfer"
	PermBillingManage     Permission = "billing.manage"
	PermMembersRead       Permission = "members.read"
	PermMembersManage     Permission = "members.manage"
	PermRolesManage       Permission = "roles.manage"
	PermAPIKeysManage     Permission = "api_keys.manage"
	PermProjectsCreate    Permission = "projects.create"
	PermRegionsManage     Permission = "regions.manage"
	PermClustersManage    Permission = "clusters.manage"
	PermClustersRead      Permission = "clusters.read"
	PermRegionsRead       Permission = "regions.read"
	// Applications (docs/platform.md section 11).
	PermProductsManage      Permission = "products.manage"
	PermInstallationsManage Permission = "installations.manage"
	PermSecretsManage       Permission = "secrets.manage"
	PermIntegrationsManage  Permission = "integrations.manage"
	PermProductsRead        Permission = "products.read"
	PermInstallationsRead   Permission = "installations.read"
	PermSecretsRead         Permission = "secrets.read"
	PermIntegrationsRead    Permission = "integrations.read"
)

// Project permissions.
const (
	PermProjectRead          Permission = "project.read"
	PermProjectUpdate        Permission = "project.update"
	PermProjectDelete        Permission = "project.delete"
	PermProjectMembersManage Permission = "project_members.manage"
	PermDeploymentsWrite     Permission = "deployments.write"
	PermDeploymentsRead      Permission = "deployments.read"
	PermLogsRead             Permission = "logs.read"
)

// Catalogue lists every permission in a fixed order; a PermissionSet's bit i is Catalogue[i].
var Catalogue = []Permission{
	PermWorkspaceRead, PermWorkspaceUpdate, PermWorkspaceDelete, PermOwnershipTransfer,
	PermBillingManage, PermMembersRead, PermMembersManage, PermRolesManage, PermAPIKeysManage,
	PermProjectsCreate, PermRegionsManage, PermClustersManage, PermClustersRead, PermRegionsRead,
	PermProductsManage, PermInstallationsManage, PermSecretsManage, PermIntegrationsManage,
	PermProductsRead, PermInstallationsRead, PermSecretsRead, PermIntegrationsRead,
	PermProjectRead, PermProjectUpdate, PermProjectDelete, PermProjectMembersManage,
	PermDeploymentsWrite, PermDeploymentsRead, PermLogsRead,
}

var permissionBit = func() map[Permission]PermissionSet {
	m := make(map[Permission]PermissionSet, len(Catalogue))
	for i, p := range Catalogue {
		m[p] = 1 << i
	}
	return m
}()

// PermissionSet is a set of catalogue permissions as a bit mask, so access checks are cheap.
// Bits beyond the catalogue (a corrupted or hand-built value) name no permission and are
// ignored by every method.
type PermissionSet uint32

// allPermissions is every catalogue bit.
var allPermissions = PermissionSet(1)<<len(Catalogue) - 1

// Perms builds a set from permissions; unknown names are ignored (validate them first).
func Perms(ps ...Permission) PermissionSet {
	var s PermissionSet
	for _, p := range ps {
		s |= permissionBit[p]
	}
	return s
}

// KnownPermission reports whether p is in the catalogue.
func KnownPermission(p Permission) bool { _, ok := permissionBit[p]; return ok }

// Has reports whether s holds p.
func (s PermissionSet) Has(p Permission) bool {
	b, ok := permissionBit[p]
	return ok && s&b != 0
}

// Contains reports whether s holds every permission of o.
func (s PermissionSet) Contains(o PermissionSet) bool { return o&^s&allPermissions == 0 }

// Len is the number of permissions in s (len(s.List())).
func (s PermissionSet) Len() int { return bits.OnesCount32(uint32(s & allPermissions)) }

// List returns the permissions of s in catalogue order.
func (s PermissionSet) List() []Permission {
	out := make([]Permission, 0, s.Len())
	for i, p := range Catalogue {
		if s&(1<<i) != 0 {
			out = append(out, p)
		}
	}
	return out
}

// First returns the first permission of s in catalogue order ("" when empty).
func (s PermissionSet) First() Permission {
	s &= allPermissions
	if s == 0 {
		return ""
	}
	return Catalogue[bits.TrailingZeros32(uint32(s))]
}

// ProjectPermissions is the subset of the catalogue that applies to one project.
var ProjectPermissions = Perms(PermProjectRead, PermProjectUpdate, PermProjectDelete, PermProjectMembersManage,
	PermDeploymentsWrite, PermDeploymentsRead, PermLogsRead)

// WorkspacePermissions is the subset of the catalogue that applies to the workspace.
var WorkspacePermissions = Perms(Catalogue...) &^ ProjectPermissions

// Built-in workspace roles, highest first.
const (
	RoleOwner  = "owner"
	RoleAdmin  = "admin"
	RoleMember = "member"
	RoleViewer = "viewer"
)

// CustomRolePrefix starts every custom role id; a role argument with it names a custom role.
const CustomRolePrefix = "role_"

// IsCustomRole reports whether role names a custom role (by id).
func IsCustomRole(role string) bool { return strings.HasPrefix(role, CustomRolePrefix) }

var workspaceRolePermissions = map[string]PermissionSet{
	RoleOwner: WorkspacePermissions,
	RoleAdmin: WorkspacePermissions &^ Perms(PermWorkspaceDelete, PermOwnershipTransfer),
	RoleMember: Perms(PermWorkspaceRead, PermMembersRead, PermProjectsCreate,
		PermClustersRead, PermRegionsRead, PermProductsRead, PermInstallationsRead, PermSecretsRead, PermIntegrationsRead),
	RoleViewer: Perms(PermWorkspaceRead, PermMembersRead, PermClustersRead, PermRegionsRead,
		PermProductsRead, PermInstallationsRead, PermSecretsRead, PermIntegrationsRead),
}

var keyPermissions = map[Access]PermissionSet{
	AccessReadWrite: Perms(PermWorkspaceRead, PermWorkspaceUpdate, PermMembersRead,
		PermMembersManage, PermRolesManage, PermProjectsCreate, PermRegionsManage,
		PermClustersManage, PermClustersRead, PermRegionsRead,
		PermProductsManage, PermInstallationsManage, PermSecretsManage,
		PermProductsRead, PermInstallationsRead, PermSecretsRead, PermIntegrationsRead),
	AccessReadOnly: Perms(PermWorkspaceRead, PermMembersRead, PermClustersRead, PermRegionsRead,
		PermProductsRead, PermInstallationsRead, PermSecretsRead, PermIntegrationsRead),
}

// Project roles.
const (
	ProjectRoleAdmin  = "admin"
	ProjectRoleMember = "member"
	ProjectRoleViewer = "viewer"
)

var projectRolePermissions = map[string]PermissionSet{
	ProjectRoleAdmin:  ProjectPermissions,
	ProjectRoleMember: Perms(PermProjectRead, PermProjectUpdate, PermDeploymentsWrite, PermDeploymentsRead, PermLogsRead),
	ProjectRoleViewer: Perms(PermProjectRead, PermDeploymentsRead, PermLogsRead),
}

// WorkspaceRolePermissions returns the permissions of a built-in workspace role.
func WorkspaceRolePermissions(role string) (PermissionSet, bool) {
	s, ok := workspaceRolePermissions[role]
	return s, ok
}

// ProjectRolePermissions returns the permissions of a built-in project role.
func ProjectRolePermissions(role string) (PermissionSet, bool) {
	s, ok := projectRolePermissions[role]
	return s, ok
}

// KeyPermissions returns the workspace permissions of an API key with access a.
func KeyPermissions(a Access) PermissionSet { return keyPermissions[a] }

// KeyProjectRole is the project role an API key has on every project (rule 5).
func KeyProjectRole(a Access) string {
	if a == AccessReadWrite {
		return ProjectRoleAdmin
	}
	return ProjectRoleViewer
}

// workspaceRoleRank orders built-in roles; custom roles rank 0.
func workspaceRoleRank(role string) int {
	switch role {
	case RoleOwner:
		return 4
	case RoleAdmin:
		return 3
	case RoleMember:
		return 2
	case RoleViewer:
		return 1
	}
	return 0
}

// Source tells why a caller has its access (GET .../access/{member}).
type Source string

const (
	SourceOwner                Source = "owner"
	SourceOverride             Source = "override"
	SourceWorkspaceRole        Source = "workspace_role"
	SourceManagingOrganization Source = "managing_organization"
	SourceAPIKey               Source = "api_key"
)

// Subject is what is known about a caller in one workspace, gathered by the service.
type Subject struct {
	// APIKey is true for an API key of this workspace; KeyAccess is then its access.
	APIKey    bool
	KeyAccess Access
	// MemberRole is the user's explicit workspace role ("" when not a member): a built-in
	// name or a custom role id, whose permissions are then CustomPermissions.
	MemberRole        string
	CustomPermissions PermissionSet
	// ManagingOrgMember is true when the user belongs to the workspace's managing organization.
	ManagingOrgMember bool
}

// WorkspaceAccess is a caller's effective access to one workspace.
type WorkspaceAccess struct {
	Role        string        // effective role: built-in name, custom role id, or the key's access
	Permissions PermissionSet // workspace permissions
	Source      Source
	// ProjectRole and ProjectPermissions are what the caller has on every project of the
	// workspace without an override (rules 1, 3, 4, 5); empty when it has none.
	ProjectRole        string
	ProjectPermissions PermissionSet
}

// IsOwner reports whether the access is the workspace owner's.
func (a WorkspaceAccess) IsOwner() bool { return a.Source == SourceOwner }

// AllPermissions is every permission the caller holds on any project without an override:
// the basis of the no-escalation rule for grants that reach every project (API keys, roles).
func (a WorkspaceAccess) AllPermissions() PermissionSet { return a.Permissions | a.ProjectPermissions }

// ResolveWorkspaceAccess computes a caller's effective workspace access. ok is false when the
// caller has no access at all, so the workspace is invisible to it (404, not 403).
//
// Rule 4: members of the managing organization are implicit admins unless they hold an explicit
// higher membership (owner). A managing-organization member who also holds a custom role gets the
// union of admin and that role, so no explicit grant is ever lost.
func ResolveWorkspaceAccess(s Subject) (WorkspaceAccess, bool) {
	if s.APIKey {
		perms, ok := keyPermissions[s.KeyAccess]
		if !ok {
			return WorkspaceAccess{}, false
		}
		role := KeyProjectRole(s.KeyAccess)
		return WorkspaceAccess{
			Role: string(s.KeyAccess), Permissions: perms, Source: SourceAPIKey,
			ProjectRole: role, ProjectPermissions: projectRolePermissions[role],
		}, true
	}
	explicitRank := workspaceRoleRank(s.MemberRole)
	switch {
	case s.MemberRole == RoleOwner:
		return WorkspaceAccess{
			Role: RoleOwner, Permissions: workspaceRolePermissions[RoleOwner], Source: SourceOwner,
			ProjectRole: ProjectRoleAdmin, ProjectPermissions: ProjectPermissions,
		}, true
	case s.ManagingOrgMember && explicitRank < workspaceRoleRank(RoleAdmin):
		perms := workspaceRolePermissions[RoleAdmin]
		if IsCustomRole(s.MemberRole) {
			perms |= s.CustomPermissions & WorkspacePermissions
		}
		return WorkspaceAccess{
			Role: RoleAdmin, Permissions: perms, Source: SourceManagingOrganization,
			ProjectRole: ProjectRoleAdmin, ProjectPermissions: ProjectPermissions,
		}, true
	case s.MemberRole == RoleAdmin:
		return WorkspaceAccess{
			Role: RoleAdmin, Permissions: workspaceRolePermissions[RoleAdmin], Source: SourceWorkspaceRole,
			ProjectRole: ProjectRoleAdmin, ProjectPermissions: ProjectPermissions,
		}, true
	case s.MemberRole == RoleMember || s.MemberRole == RoleViewer:
		return WorkspaceAccess{
			Role: s.MemberRole, Permissions: workspaceRolePermissions[s.MemberRole], Source: SourceWorkspaceRole,
		}, true
	case IsCustomRole(s.MemberRole):
		// A custom workspace role always reads the workspace; its project permissions, if any,
		// apply to every project (as a built-in admin's do).
		acc := WorkspaceAccess{
			Role:        s.MemberRole,
			Permissions: s.CustomPermissions&WorkspacePermissions | Perms(PermWorkspaceRead),
			Source:      SourceWorkspaceRole,
		}
		if pp := s.CustomPermissions & ProjectPermissions; pp != 0 {
			acc.ProjectRole, acc.ProjectPermissions = s.MemberRole, pp
		}
		return acc, true
	}
	return WorkspaceAccess{}, false
}

// ProjectAccess is a caller's effective role on one project, and why.
type ProjectAccess struct {
	Role        string        `json:"role"`
	Permissions PermissionSet `json:"-"`
	Source      Source        `json:"source"`
}

// ResolveProjectAccess applies project-access rules 1-6 on top of workspace access.
// override is the caller's project override role ("" for none) with its permissions
// overridePerms (only the project permissions of a custom role count). ok is false when the
// project is invisible to the caller.
func ResolveProjectAccess(ws WorkspaceAccess, override string, overridePerms PermissionSet) (ProjectAccess, bool) {
	switch {
	case ws.Source == SourceOwner || ws.Source == SourceAPIKey:
		// Rules 1 and 5: owners and keys are never overridden.
		return ProjectAccess{Role: ws.ProjectRole, Permissions: ws.ProjectPermissions, Source: ws.Source}, true
	case override != "":
		// Rule 2: the override wins in both directions.
		return ProjectAccess{Role: override, Permissions: overridePerms & ProjectPermissions, Source: SourceOverride}, true
	case ws.ProjectPermissions != 0:
		// Rules 3 and 4.
		return ProjectAccess{Role: ws.ProjectRole, Permissions: ws.ProjectPermissions, Source: ws.Source}, true
	}
	return ProjectAccess{}, false
}

// CheckGrant enforces no escalation: a caller holding `held` may grant only permissions it
// holds itself. The error names the first missing permission.
func CheckGrant(held, granted PermissionSet) error {
	if missing := granted &^ held & allPermissions; missing != 0 {
		return Errorf(CodePermissionDenied,
			"cannot grant permission %s: you do not hold it yourself", missing.First())
	}
	return nil
}

// CheckAssignWorkspaceRole enforces "only owners make owners" and no escalation when actor
// gives someone the workspace role `role` with permissions rolePerms.
func CheckAssignWorkspaceRole(actor WorkspaceAccess, role string, rolePerms PermissionSet) error {
	if role == RoleOwner && !actor.IsOwner() {
		return Errorf(CodePermissionDenied,
			"only owners can make owners (missing permission %s)", PermOwnershipTransfer)
	}
	return CheckGrant(actor.AllPermissions(), rolePerms)
}

// CheckLastOwner refuses a change that would leave the workspace without an owner:
// removing or demoting someone whose role is owner when owners is the current owner count.
func CheckLastOwner(currentRole, newRole string, owners int) error {
	if currentRole == RoleOwner && newRole != RoleOwner && owners <= 1 {
		return Errorf(CodeFailedPrecondition, "a workspace must keep at least one owner: this is the last owner")
	}
	return nil
}
