package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const roleTypeName = "platform_role"

var (
	_ resource.ResourceWithConfigure   = (*roleResource)(nil)
	_ resource.ResourceWithImportState = (*roleResource)(nil)
	_ resource.ResourceWithIdentity    = (*roleResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*roleResource)(nil)
)

// builtinRoles are the built-in workspace role names, which a custom role may not take.
var builtinRoles = []string{client.RoleOwner, client.RoleAdmin, client.RoleMember, client.RoleViewer}

// NewRoleResource is the platform_role resource.
func NewRoleResource() resource.Resource {
	r := &roleResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type roleResource struct {
	workspaceScopedResource
}

type roleModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Permissions types.Set    `tfsdk:"permissions"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *roleModel) fromAPI(r *client.Role) {
	m.ID = types.StringValue(r.ID)
	m.WorkspaceID = types.StringValue(r.WorkspaceID)
	m.Name = types.StringValue(r.Name)
	m.Description = types.StringValue(r.Description)
	m.Permissions = stringSetValue(r.Permissions)
}

// roleNameValidator checks a custom role's name: a resource name that is not a built-in role.
func roleNameValidator() validator.String {
	rule := "must be 3-40 characters matching " + slugPattern + ", no \"--\", not reserved, and not a built-in role (" +
		strings.Join(builtinRoles, ", ") + ")"
	return ruleValidator{rule, func(s string) string {
		if slices.Contains(builtinRoles, s) {
			return "must not be a built-in role (" + strings.Join(builtinRoles, ", ") + ")"
		}
		return slugReason(s)
	}}
}

// permissionsValidators check a permission set at plan time against the catalogue; the message
// lists every allowed value.
func permissionsValidators() []validator.Set {
	return []validator.Set{
		setvalidator.SizeAtLeast(1),
		setvalidator.ValueStringsAre(stringvalidator.OneOf(client.Permissions...)),
	}
}

func (r *roleResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = roleTypeName
}

func (r *roleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A custom role: a named set of permissions that workspace and project members can be " +
			"given instead of a built-in role (use its `id` as their `role`). Custom roles exist only on the " +
			"`enterprise` plan. Nobody can create a role holding a permission they do not hold themselves. " +
			quotaNote("custom roles") + "\n\n" +
			"Import with `<workspace slug>/<role name>`: `acme/deployer`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Role id (`role_...`), the value to use as a member's `role`."),
			"workspace_id": workspaceIDResourceAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, unique in the workspace: 3-40 characters matching `^[a-z][a-z0-9-]*[a-z0-9]$`, " +
					"no `--`, not a built-in role name (`owner`, `admin`, `member`, `viewer`). Changed in place.",
				Required:   true,
				Validators: []validator.String{roleNameValidator()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Free text, at most 1000 characters. Default empty. Changed in place.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{descriptionValidator()},
			},
			"permissions": schema.SetAttribute{
				MarkdownDescription: "At least one permission from the catalogue: `" + strings.Join(client.Permissions, "`, `") +
					"`. The `project.*` and `project_members.manage` permissions apply to every project. " +
					"Changed in place (members holding the role get the new set at once).",
				Required:    true,
				ElementType: types.StringType,
				Validators:  permissionsValidators(),
			},
		},
	}
}

func (r *roleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan roleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	role, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, roleTypeName, "create", err)
		return
	}
	plan.fromAPI(role)
	keepVersion(ctx, resp.Private, role.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *roleResource) create(ctx context.Context, plan *roleModel) (*client.Role, error) {
	var diags diag.Diagnostics
	opts := client.RoleCreateOptions{
		Name:        plan.Name.ValueString(),
		Description: plan.Description.ValueString(),
		Permissions: stringsFrom(ctx, plan.Permissions, &diags),
	}
	if diags.HasError() {
		return nil, diagError(diags)
	}
	return r.client().Roles.Create(ctx, plan.WorkspaceID.ValueString(), opts)
}

// update is the API call of Update, and of its plan-time dry run.
func (r *roleResource) update(ctx context.Context, plan, state *roleModel, ifVersion int64) (*client.Role, error) {
	var diags diag.Diagnostics
	opts := client.RoleUpdateOptions{
		Name:        changed(plan.Name, state.Name),
		Description: changed(plan.Description, state.Description),
		IfVersion:   ifVersion,
	}
	if !plan.Permissions.Equal(state.Permissions) && !plan.Permissions.IsUnknown() {
		perms := stringsFrom(ctx, plan.Permissions, &diags)
		opts.Permissions = &perms // the whole set is replaced
	}
	if diags.HasError() {
		return nil, diagError(diags)
	}
	return r.client().Roles.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), opts)
}

func (r *roleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id and id hold the slug and name the user typed; the API
	// accepts both and answers the real ids.
	readResource(ctx, req, resp, roleTypeName, (*roleModel).fromAPI, func(state *roleModel) (*client.Role, error) {
		return r.client().Roles.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	})
}

func (r *roleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state roleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	role, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, roleTypeName, err)
		return
	}
	plan.fromAPI(role)
	keepVersion(ctx, resp.Private, role.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *roleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *roleResource) deletion(m *roleModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: roleTypeName, workspaceID: ws, kind: client.PlannedRole, targetID: id,
		label: fmt.Sprintf("custom role %q (%s)", m.Name.ValueString(), id),
		del:   func(ctx context.Context) error { return r.client().Roles.Delete(ctx, ws, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *roleResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`role_...`) of the role."})
}

// ImportState takes "<workspace slug or id>/<role name or id>"; Read resolves both with its one
// GET.
func (r *roleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importWorkspaceAndID(ctx, req, resp, "platform_role")
}
