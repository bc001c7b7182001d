package client

// The permission catalogue (docs/platform.md section 2): the names a custom role may hold. The
// provider validates role permissions against it at plan time, so the client restates the
// server's list; TestPermissionsMatchServer keeps the two equal.
const (
	PermissionWorkspaceRead        = "workspace.read"
	PermissionWorkspaceUpdate      = "workspace.update"
	PermissionWorkspaceDelete      = "workspace.delete"
	PermissionOwnershipTransfer    = "ownership.transfer"
	PermissionBillingManage        = "billing.manage"
	PermissionMembersRead          = "members.read"
	PermissionMembersManage        = "members.manage"
	PermissionRolesManage          = "roles.manage"
	PermissionAPIKeysManage        = "api_keys.manage"
	PermissionProjectsCreate       = "projects.create"
	PermissionRegionsManage        = "regions.manage"
	PermissionClustersManage       = "clusters.manage"
	PermissionClustersRead         = "clusters.read"
	PermissionRegionsRead          = "regions.read"
	PermissionProductsManage       = "products.manage"
	PermissionInstallationsManage  = "installations.manage"
	PermissionSecretsManage        = "secrets.manage"
	PermissionIntegrationsManage   = "integrations.manage"
	PermissionProductsRead         = "products.read"
	PermissionInstallationsRead    = "installations.read"
	PermissionSecretsRead          = "secrets.read"
	PermissionIntegrationsRead     = "integrations.read"
	PermissionProjectRead          = "project.read"
	PermissionProjectUpdate        = "project.update"
	PermissionProjectDelete        = "project.delete"
	PermissionProjectMembersManage = "project_members.manage"
	PermissionDeploymentsWrite     = "deployments.write"
	PermissionDeploymentsRead      = "deployments.read"
	PermissionLogsRead             = "logs.read"
)

// Permissions is the whole catalogue in the server's order: workspace permissions, then
// project permissions. Treat it as read-only.
var Permissions = []string{
	PermissionWorkspaceRead, PermissionWorkspaceUpdate, PermissionWorkspaceDelete, PermissionOwnershipTransfer,
	PermissionBillingManage, PermissionMembersRead, PermissionMembersManage, PermissionRolesManage,
	PermissionAPIKeysManage, PermissionProjectsCreate, PermissionRegionsManage, PermissionClustersManage,
	PermissionClustersRead, PermissionRegionsRead,
	PermissionProductsManage, PermissionInstallationsManage, PermissionSecretsManage, PermissionIntegrationsManage,
	PermissionProductsRead, PermissionInstallationsRead, PermissionSecretsRead, PermissionIntegrationsRead,
	PermissionProjectRead, PermissionProjectUpdate, PermissionProjectDelete, PermissionProjectMembersManage,
	PermissionDeploymentsWrite, PermissionDeploymentsRead, PermissionLogsRead,
}

// Built-in roles (docs/platform.md section 2) and their permissions, sorted, as the server grants
// them: the provider's role_permissions and has_permission functions answer offline from these.
// TestRolePermissionsMatchServer keeps them equal to the server's table.
var (
	WorkspaceRolePermissions = map[string][]string{
		"owner": {
			PermissionAPIKeysManage, PermissionBillingManage, PermissionClustersManage, PermissionClustersRead,
			PermissionInstallationsManage, PermissionInstallationsRead, PermissionIntegrationsManage,
			PermissionIntegrationsRead, PermissionMembersManage, PermissionMembersRead, PermissionOwnershipTransfer,
			PermissionProductsManage, PermissionProductsRead, PermissionProjectsCreate, PermissionRegionsManage,
			PermissionRegionsRead, PermissionRolesManage, PermissionSecretsManage, PermissionSecretsRead,
			PermissionWorkspaceDelete, PermissionWorkspaceRead, PermissionWorkspaceUpdate,
		},
		"admin": {
			PermissionAPIKeysManage, PermissionBillingManage, PermissionClustersManage, PermissionClustersRead,
			PermissionInstallationsManage, PermissionInstallationsRead, PermissionIntegrationsManage,
			PermissionIntegrationsRead, PermissionMembersManage, PermissionMembersRead,
			PermissionProductsManage, PermissionProductsRead, PermissionProjectsCreate, PermissionRegionsManage,
			PermissionRegionsRead, PermissionRolesManage, PermissionSecretsManage, PermissionSecretsRead,
			PermissionWorkspaceRead, PermissionWorkspaceUpdate,
		},
		"member": {
			PermissionClustersRead, PermissionInstallationsRead, PermissionIntegrationsRead, PermissionMembersRead,
			PermissionProductsRead, PermissionProjectsCreate, PermissionRegionsRead, PermissionSecretsRead,
			PermissionWorkspaceRead,
		},
		"viewer": {
			PermissionClustersRead, PermissionInstallationsRead, PermissionIntegrationsRead, PermissionMembersRead,
			PermissionProductsRead, PermissionRegionsRead, PermissionSecretsRead, PermissionWorkspaceRead,
		},
	}
	ProjectRolePermissions = map[string][]string{
		"admin": {
			PermissionDeploymentsRead, PermissionDeploymentsWrite, PermissionLogsRead, PermissionProjectDelete,
			PermissionProjectRead, PermissionProjectUpdate, PermissionProjectMembersManage,
		},
		"member": {
			PermissionDeploymentsRead, PermissionDeploymentsWrite, PermissionLogsRead, PermissionProjectRead,
			PermissionProjectUpdate,
		},
		"viewer": {PermissionDeploymentsRead, PermissionLogsRead, PermissionProjectRead},
	}
)
