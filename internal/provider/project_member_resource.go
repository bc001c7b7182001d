package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const projectMemberTypeName = "platform_project_member"

var (
	_ resource.ResourceWithConfigure   = (*projectMemberResource)(nil)
	_ resource.ResourceWithImportState = (*projectMemberResource)(nil)
	_ resource.ResourceWithIdentity    = (*projectMemberResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectMemberResource)(nil)
)

// NewProjectMemberResource is the platform_project_member resource.
func NewProjectMemberResource() resource.Resource {
	r := &projectMemberResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type projectMemberResource struct {
	workspaceScopedResource
}

type projectMemberModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	ProjectID   types.String `tfsdk:"project_id"`
	Email       types.String `tfsdk:"email"`
	Role        types.String `tfsdk:"role"`
	UserID      types.String `tfsdk:"user_id"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *projectMemberModel) fromAPI(pm *client.ProjectMember) {
	m.ID = types.StringValue(pm.WorkspaceID + "/" + pm.ProjectID + "/" + pm.UserID)
	m.WorkspaceID = types.StringValue(pm.WorkspaceID)
	m.ProjectID = types.StringValue(pm.ProjectID)
	m.Email = emailValue(m.Email, pm.Email)
	m.Role = types.StringValue(pm.Role)
	m.UserID = types.StringValue(pm.UserID)
}

func (r *projectMemberResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = projectMemberTypeName
}

func (r *projectMemberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A project role override for a workspace member: while it exists, `role` is the member's " +
			"effective role on the project, in both directions (a workspace `viewer` can be project `admin`, a " +
			"workspace `admin` can be held to `viewer`). The user must already be a member of the workspace " +
			"(reference `platform_workspace_member.<name>.email` so Terraform creates the membership first); " +
			"workspace owners are admin on every project and cannot get an override. Managing overrides needs " +
			"`project_members.manage` on the project or `members.manage` on the workspace. See " +
			"`platform_project_access` for the effective result.\n\n" +
			"**Not authoritative.** This resource manages one override; overrides added in other ways are not " +
			"shown in plans and are left alone. To manage all of a project's overrides, use " +
			"`platform_project_members` instead (not both for the same project).\n\n" +
			"Import with `<workspace slug>/<project slug>/<e-mail>`: `acme/web/alice@example.com`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("`<workspace_id>/<project_id>/<user_id>`."),
			"workspace_id": workspaceIDResourceAttribute(),
			"project_id": schema.StringAttribute{
				MarkdownDescription: "Id (`prj_...`) of the project. Changing it replaces the override.",
				Required:            true,
				Validators:          []validator.String{idValidator("prj_", "project")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "E-mail of the workspace member (case-insensitive). Changing it (other than its " +
					"case) replaces the override.",
				Required:      true,
				Validators:    []validator.String{emailValidator()},
				PlanModifiers: []planmodifier.String{requiresReplaceUnlessEqualFold()},
			},
			"role": schema.StringAttribute{
				MarkdownDescription: "Project role: `admin` (read, update, delete, manage project members), `member` " +
					"(read, update), `viewer` (read), or the id (`role_...`) of a custom role holding at least one " +
					"project permission. Changed in place.",
				Required:   true,
				Validators: []validator.String{projectRoleValidator()},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Id (`usr_...`) of the member's user.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *projectMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan projectMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	m, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, projectMemberTypeName, "create", err)
		return
	}
	plan.fromAPI(m)
	keepVersion(ctx, resp.Private, m.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *projectMemberResource) create(ctx context.Context, plan *projectMemberModel) (*client.ProjectMember, error) {
	return r.client().ProjectMembers.Create(ctx, plan.WorkspaceID.ValueString(), plan.ProjectID.ValueString(),
		client.ProjectMemberCreateOptions{Email: plan.Email.ValueString(), Role: plan.Role.ValueString()})
}

// update is the API call of Update, and of its plan-time dry run; nil, nil when only the
// e-mail's spelling changed (same address): nothing to send.
func (r *projectMemberResource) update(ctx context.Context, plan, state *projectMemberModel, ifVersion int64) (*client.ProjectMember, error) {
	role := changed(plan.Role, state.Role)
	if role == nil {
		return nil, nil
	}
	return r.client().ProjectMembers.Update(ctx, state.WorkspaceID.ValueString(), state.ProjectID.ValueString(),
		memberRef(state.UserID, state.Email), client.ProjectMemberUpdateOptions{Role: role, IfVersion: ifVersion})
}

func (r *projectMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// A 404 means the override, its project or the membership is gone.
	readResource(ctx, req, resp, projectMemberTypeName, (*projectMemberModel).fromAPI, func(state *projectMemberModel) (*client.ProjectMember, error) {
		return r.client().ProjectMembers.Refresh(ctx, state.WorkspaceID.ValueString(), state.ProjectID.ValueString(),
			memberRef(state.UserID, state.Email))
	})
}

func (r *projectMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state projectMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	m, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, projectMemberTypeName, err)
		return
	}
	if m == nil {
		// Only the e-mail's spelling changed (same address): nothing was sent.
		plan.ID, plan.UserID = state.ID, state.UserID
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
		return
	}
	plan.fromAPI(m)
	keepVersion(ctx, resp.Private, m.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *projectMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *projectMemberResource) deletion(m *projectMemberModel) deletion {
	ws, prj, member := m.WorkspaceID.ValueString(), m.ProjectID.ValueString(), memberRef(m.UserID, m.Email)
	return deletion{typeName: projectMemberTypeName, workspaceID: ws, kind: client.PlannedProjectMember, targetID: prj + "/" + m.UserID.ValueString(),
		label: fmt.Sprintf("project member %s of project %s", m.Email.ValueString(), prj),
		del:   func(ctx context.Context) error { return r.client().ProjectMembers.Delete(ctx, ws, prj, member, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *projectMemberResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, projectIdentity, userIdentity)
}

// ImportState takes "<workspace slug or id>/<project slug or id>/<e-mail or user id>"; Read
// resolves all three with its one GET.
func (r *projectMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, "platform_project_member")
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), parts[2])...)
}
