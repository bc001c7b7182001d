package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

var (
	_ function.Function = (*rolePermissionsFunction)(nil)
	_ function.Function = (*projectRolePermissionsFunction)(nil)
)

// rolePermissionsFunction is provider::platform::role_permissions(role): a built-in workspace
// role's permissions, answered offline from the client's copy of the server's table. Project
// roles share names (admin, member, viewer) with workspace roles but not permissions, so they
// have their own function rather than a scope argument a caller could forget.
type rolePermissionsFunction struct{}

// NewRolePermissionsFunction returns the role_permissions function.
func NewRolePermissionsFunction() function.Function { return &rolePermissionsFunction{} }

func (f *rolePermissionsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "role_permissions"
}

func (f *rolePermissionsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = rolePermissionsDefinition("workspace", client.WorkspaceRolePermissions, "project_role_permissions")
}

func (f *rolePermissionsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	runRolePermissions(ctx, req, resp, "workspace", client.WorkspaceRolePermissions, "project_role_permissions")
}

// projectRolePermissionsFunction is provider::platform::project_role_permissions(role).
type projectRolePermissionsFunction struct{}

// NewProjectRolePermissionsFunction returns the project_role_permissions function.
func NewProjectRolePermissionsFunction() function.Function { return &projectRolePermissionsFunction{} }

func (f *projectRolePermissionsFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "project_role_permissions"
}

func (f *projectRolePermissionsFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = rolePermissionsDefinition("project", client.ProjectRolePermissions, "role_permissions")
}

func (f *projectRolePermissionsFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	runRolePermissions(ctx, req, resp, "project", client.ProjectRolePermissions, "role_permissions")
}

// roleNames lists a role table's roles, highest first, for descriptions and errors.
func roleNames(table map[string][]string) []string {
	roles := slices.Collect(maps.Keys(table))
	// More permissions first: owner, admin, member, viewer.
	slices.SortFunc(roles, func(a, b string) int { return len(table[b]) - len(table[a]) })
	return roles
}

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// rolePermissionsDefinition defines the function of one scope's roles; other is the other
// scope's function.
func rolePermissionsDefinition(scope string, table map[string][]string, other string) function.Definition {
	otherScope := map[string]string{"workspace": "project", "project": "workspace"}[scope]
	return function.Definition{
		Summary: fmt.Sprintf("The permissions of a built-in %s role", scope),
		MarkdownDescription: fmt.Sprintf("Returns the set of permissions the built-in %s role `role` grants, from the "+
			"same table the platform uses (docs/platform.md section 2), without calling the API. Compare it with a "+
			"custom role's `permissions`, or pass it to `has_permission`. For a %s role use `%s`.", scope, otherScope, other),
		Parameters: []function.Parameter{function.StringParameter{
			Name:                "role",
			MarkdownDescription: fmt.Sprintf("A built-in %s role: one of %s.", scope, quoted(roleNames(table))),
		}},
		Return: function.SetReturn{ElementType: types.StringType},
	}
}

func runRolePermissions(ctx context.Context, req function.RunRequest, resp *function.RunResponse, scope string,
	table map[string][]string, other string) {
	var role string
	if resp.Error = req.Arguments.Get(ctx, &role); resp.Error != nil {
		return
	}
	perms, ok := table[role]
	if !ok {
		resp.Error = function.NewArgumentFuncError(0, fmt.Sprintf("role: %q is not a built-in %s role; valid roles: %s "+
			"(for the other scope's roles use %s)", role, scope, quoted(roleNames(table)), other))
		return
	}
	v, diags := types.SetValueFrom(ctx, types.StringType, perms)
	resp.Error = function.FuncErrorFromDiags(ctx, diags)
	if resp.Error == nil {
		resp.Error = resp.Result.Set(ctx, v)
	}
}
