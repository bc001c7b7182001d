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

const workspaceMemberTypeName = "platform_workspace_member"

var (
	_ resource.ResourceWithConfigure   = (*workspaceMemberResource)(nil)
	_ resource.ResourceWithImportState = (*workspaceMemberResource)(nil)
	_ resource.ResourceWithIdentity    = (*workspaceMemberResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*workspaceMemberResource)(nil)
)

// NewWorkspaceMemberResource is the platform_workspace_member resource.
func NewWorkspaceMemberResource() resource.Resource {
	r := &workspaceMemberResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type workspaceMemberResource struct {
	workspaceScopedResource
}

type workspaceMemberModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	Email       types.String `tfsdk:"email"`
	Role        types.String `tfsdk:"role"`
	UserID      types.String `tfsdk:"user_id"`
	Status      types.String `tfsdk:"status"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *workspaceMemberModel) fromAPI(wm *client.WorkspaceMember) {
	m.ID = types.StringValue(wm.WorkspaceID + "/" + wm.UserID)
	m.WorkspaceID = types.StringValue(wm.WorkspaceID)
	m.Email = emailValue(m.Email, wm.Email)
	m.Role = types.StringValue(wm.Role)
	m.UserID = types.StringValue(wm.UserID)
	m.Status = types.StringValue(wm.Status)
}

func (r *workspaceMemberResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = workspaceMemberTypeName
}

func (r *workspaceMemberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user's membership of a workspace, invited by e-mail (the user is created if needed). " +
			"The member is `invited` until the user first uses this workspace (any API call in it), then `active`; both count as members, and the " +
			"change causes no diff. Inviting and changing roles needs `members.manage`; nobody grants a permission " +
			"they do not hold, only owners make owners, and the last owner cannot be removed or demoted. Removing a " +
			"member also removes their project overrides. " + quotaNote("members") + "\n\n" +
			"**Not authoritative.** This resource manages one membership; members added to the workspace in other " +
			"ways (another configuration, the API) are not shown in plans and are left alone. To manage all of a " +
			"workspace's members, use `platform_workspace_members` instead (not both for the same workspace).\n\n" +
			"**Removing the last owner** of a workspace that the plan keeps fails at plan time. When the same run " +
			"deletes the workspace, owner memberships and the provider's own membership are left to the workspace's " +
			"deletion, which removes them all.\n\n" +
			"Import with `<workspace slug>/<e-mail>`: `acme/alice@example.com`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("`<workspace_id>/<user_id>`."),
			"workspace_id": workspaceIDResourceAttribute(),
			"email": schema.StringAttribute{
				MarkdownDescription: "E-mail of the member (case-insensitive). Changing it (other than its case) " +
					"replaces the membership.",
				Required:      true,
				Validators:    []validator.String{emailValidator()},
				PlanModifiers: []planmodifier.String{requiresReplaceUnlessEqualFold()},
			},
			"role": schema.StringAttribute{
				MarkdownDescription: "Workspace role: `owner`, `admin`, `member`, `viewer`, or the id (`role_...`) of a " +
					"custom role of the workspace (`platform_role.<name>.id`). Changed in place: the membership is " +
					"updated, never removed and re-added.",
				Required:   true,
				Validators: []validator.String{workspaceRoleValidator()},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Id (`usr_...`) of the member's user.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`invited` until the user first uses the workspace, then `active`. A role change " +
					"does not touch it, so plans keep the known value; a change of status shows on the next refresh.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *workspaceMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan workspaceMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	m, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, workspaceMemberTypeName, "create", err)
		return
	}
	plan.fromAPI(m)
	keepVersion(ctx, resp.Private, m.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *workspaceMemberResource) create(ctx context.Context, plan *workspaceMemberModel) (*client.WorkspaceMember, error) {
	return r.client().WorkspaceMembers.Create(ctx, plan.WorkspaceID.ValueString(), client.WorkspaceMemberCreateOptions{
		Email: plan.Email.ValueString(),
		Role:  plan.Role.ValueString(),
	})
}

// update is the API call of Update, and of its plan-time dry run; nil, nil when only the
// e-mail's spelling changed (same address): nothing to send.
func (r *workspaceMemberResource) update(ctx context.Context, plan, state *workspaceMemberModel, ifVersion int64) (*client.WorkspaceMember, error) {
	role := changed(plan.Role, state.Role)
	if role == nil {
		return nil, nil
	}
	return r.client().WorkspaceMembers.Update(ctx, state.WorkspaceID.ValueString(), memberRef(state.UserID, state.Email),
		client.WorkspaceMemberUpdateOptions{Role: role, IfVersion: ifVersion})
}

func (r *workspaceMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readResource(ctx, req, resp, workspaceMemberTypeName, (*workspaceMemberModel).fromAPI, func(state *workspaceMemberModel) (*client.WorkspaceMember, error) {
		return r.client().WorkspaceMembers.Refresh(ctx, state.WorkspaceID.ValueString(), memberRef(state.UserID, state.Email))
	})
}

// Update changes the role with a PATCH of the membership (never remove and re-add, which would
// drop the member's project overrides).
func (r *workspaceMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state workspaceMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	m, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, workspaceMemberTypeName, err)
		return
	}
	if m == nil {
		// Only the e-mail's spelling changed (same address): nothing was sent.
		plan.ID, plan.UserID, plan.Status = state.ID, state.UserID, state.Status
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
		return
	}
	plan.fromAPI(m)
	keepVersion(ctx, resp.Private, m.Version, &resp.Diagnostics)
	// The plan promised the prior status (a role change cannot change it); should the user have
	// just become active, the next refresh records it.
	plan.Status = state.Status
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *workspaceMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *workspaceMemberResource) deletion(m *workspaceMemberModel) deletion {
	ws, member := m.WorkspaceID.ValueString(), memberRef(m.UserID, m.Email)
	return deletion{typeName: workspaceMemberTypeName, workspaceID: ws, kind: client.PlannedWorkspaceMember, targetID: m.UserID.ValueString(),
		label:        fmt.Sprintf("the membership of %s (%s) in workspace %s", m.Email.ValueString(), m.Role.ValueString(), ws),
		memberUserID: m.UserID.ValueString(), memberRole: m.Role.ValueString(),
		del: func(ctx context.Context) error { return r.client().WorkspaceMembers.Delete(ctx, ws, member, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *workspaceMemberResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, userIdentity)
}

// ImportState takes "<workspace slug or id>/<e-mail or user id>"; Read resolves both with its
// one GET.
func (r *workspaceMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, "platform_workspace_member")
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), parts[1])...)
}
