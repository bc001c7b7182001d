package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Shared by the workspace and project member resources and data sources.

// workspaceRoleValidator accepts a built-in workspace role or a custom role id. The API names
// custom roles by id only (a name could be taken by a new role later), so configurations refer
// to platform_role.<name>.id.
func workspaceRoleValidator() validator.String {
	return roleValidator(client.RoleOwner, client.RoleAdmin, client.RoleMember, client.RoleViewer)
}

// projectRoleValidator accepts a built-in project role or a custom role id.
func projectRoleValidator() validator.String {
	return roleValidator(client.ProjectRoleAdmin, client.ProjectRoleMember, client.ProjectRoleViewer)
}

// memberRef names a member in API paths: the user id once known, the e-mail right after an
// import.
func memberRef(userID, email types.String) string {
	if !userID.IsNull() && !userID.IsUnknown() && userID.ValueString() != "" {
		return userID.ValueString()
	}
	return email.ValueString()
}
