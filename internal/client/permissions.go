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
