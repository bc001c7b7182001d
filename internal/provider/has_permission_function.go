package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

var _ function.Function = (*hasPermissionFunction)(nil)

// hasPermissionFunction is provider::platform::has_permission(role_or_permissions, permission).
// The first argument is dynamic so that one function answers for a built-in workspace role by
// name and for any permission set (a custom role's permissions, project_role_permissions(...)).
// Every name is checked against the catalogue: a typo must fail the plan, not answer false.
type hasPermissionFunction struct{}

// NewHasPermissionFunction returns the has_permission function.
func NewHasPermissionFunction() function.Function { return &hasPermissionFunction{} }

func (f *hasPermissionFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "has_permission"
}

func (f *hasPermissionFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary: "Whether a built-in role or a permission set grants a permission",
		MarkdownDescription: "Returns true when `role_or_permissions` grants `permission`, without calling the API. " +
			"`role_or_permissions` is either the name of a built-in workspace role (`owner`, `admin`, `member`, " +
			"`viewer`) or a list or set of permission names, such as a `platform_role`'s `permissions` or " +
			"`project_role_permissions(\"member\")` for a project role. An unknown role or permission name is an error " +
			"listing the valid ones.",
		Parameters: []function.Parameter{
			function.DynamicParameter{
				Name: "role_or_permissions",
				MarkdownDescription: "A built-in workspace role name (string), or a list or set of permission names " +
					"(strings).",
			},
			function.StringParameter{
				Name:                "permission",
				MarkdownDescription: "A permission of the catalogue, such as `projects.create` or `deployments.write`.",
			},
		},
		Return: function.BoolReturn{},
	}
}

func (f *hasPermissionFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	var (
		subject    types.Dynamic
		permission string
	)
	if resp.Error = req.Arguments.Get(ctx, &subject, &permission); resp.Error != nil {
		return
	}
	if !slices.Contains(client.Permissions, permission) {
		resp.Error = function.NewArgumentFuncError(1, fmt.Sprintf("permission: %q is not a permission; valid permissions: %s",
			permission, quoted(client.Permissions)))
		return
	}
	held, ferr := heldPermissions(subject)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	resp.Error = resp.Result.Set(ctx, slices.Contains(held, permission))
}

// heldPermissions reads the first argument: a role name, or a list, set or tuple of permission
// names.
func heldPermissions(subject types.Dynamic) ([]string, *function.FuncError) {
	var elems []attr.Value
	switch v := subject.UnderlyingValue().(type) {
	case basetypes.StringValue:
		perms, ok := client.WorkspaceRolePermissions[v.ValueString()]
		if !ok {
			return nil, function.NewArgumentFuncError(0, fmt.Sprintf("role_or_permissions: %q is not a built-in workspace "+
				"role; valid roles: %s (for a project role pass project_role_permissions(%q))",
				v.ValueString(), quoted(roleNames(client.WorkspaceRolePermissions)), v.ValueString()))
		}
		return perms, nil
	case basetypes.ListValue:
		elems = v.Elements()
	case basetypes.SetValue:
		elems = v.Elements()
	case basetypes.TupleValue:
		elems = v.Elements()
	default:
		return nil, function.NewArgumentFuncError(0, fmt.Sprintf("role_or_permissions: must be a role name (string) or a "+
			"list or set of permission names, got %s", subject.UnderlyingValue().Type(context.Background())))
	}
	held := make([]string, 0, len(elems))
	for _, e := range elems {
		s, ok := e.(basetypes.StringValue)
		if !ok || s.IsNull() || s.IsUnknown() {
			return nil, function.NewArgumentFuncError(0, fmt.Sprintf("role_or_permissions: every element must be a "+
				"known permission name (string), got %s", e))
		}
		if !slices.Contains(client.Permissions, s.ValueString()) {
			return nil, function.NewArgumentFuncError(0, fmt.Sprintf("role_or_permissions: %q is not a permission; valid "+
				"permissions: %s", s.ValueString(), quoted(client.Permissions)))
		}
		held = append(held, s.ValueString())
	}
	return held, nil
}
