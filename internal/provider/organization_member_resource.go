package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const organizationMemberTypeName = "platform_organization_member"

var (
	_ resource.ResourceWithConfigure   = (*organizationMemberResource)(nil)
	_ resource.ResourceWithImportState = (*organizationMemberResource)(nil)
	_ resource.ResourceWithIdentity    = (*organizationMemberResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*organizationMemberResource)(nil)
)

// NewOrganizationMemberResource is the platform_organization_member resource.
func NewOrganizationMemberResource() resource.Resource {
	r := &organizationMemberResource{}
	r.checks = withDeleteCheck(newPlanCheck(r.create, r.update), r.delete)
	return r
}

type organizationMemberResource struct {
	baseResource
}

type organizationMemberModel struct {
	ID             types.String `tfsdk:"id"`
	OrganizationID types.String `tfsdk:"organization_id"`
	Email          types.String `tfsdk:"email"`
	Role           types.String `tfsdk:"role"`
	UserID         types.String `tfsdk:"user_id"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *organizationMemberModel) fromAPI(om *client.OrganizationMember) {
	m.ID = types.StringValue(om.OrganizationID + "/" + om.UserID)
	m.OrganizationID = types.StringValue(om.OrganizationID)
	m.Email = emailValue(m.Email, om.Email)
	m.Role = types.StringValue(om.Role)
	m.UserID = types.StringValue(om.UserID)
}

// memberRef names the member in API paths: the user id once known, the e-mail right after an
// import.
func (m *organizationMemberModel) memberRef() string {
	if !m.UserID.IsNull() && !m.UserID.IsUnknown() && m.UserID.ValueString() != "" {
		return m.UserID.ValueString()
	}
	return m.Email.ValueString()
}

func (r *organizationMemberResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = organizationMemberTypeName
}

func (r *organizationMemberResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user's membership of an organization, invited by e-mail (the user is created " +
			"if needed). An organization always keeps at least one owner.\n\n" +
			"**Not authoritative.** This resource manages one membership; members added in other ways are not " +
			"shown in plans and are left alone.\n\n" +
			"Import with `<organization slug>/<e-mail>`: `acme/alice@example.com`.",
		Attributes: map[string]schema.Attribute{
			"id": idResourceAttribute("`<organization_id>/<user_id>`."),
			"organization_id": schema.StringAttribute{
				MarkdownDescription: "Id (`org_...`) of the organization. Changing it replaces the membership.",
				Required:            true,
				Validators:          []validator.String{idValidator("org_", "organization")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "E-mail of the member (case-insensitive). Changing it replaces the membership.",
				Required:            true,
				Validators:          []validator.String{emailValidator()},
				PlanModifiers:       []planmodifier.String{requiresReplaceUnlessEqualFold()},
			},
			"role": schema.StringAttribute{
				MarkdownDescription: "`owner` or `member`. Changed in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.OrganizationRoleOwner, client.OrganizationRoleMember)},
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "Id (`usr_...`) of the member's user.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *organizationMemberResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan organizationMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	m, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, organizationMemberTypeName, "create", err)
		return
	}
	plan.fromAPI(m)
	keepVersion(ctx, resp.Private, m.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// ModifyPlan dry-runs the planned create, update or destroy (plan_check.go).
func (r *organizationMemberResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.checkPlan(ctx, req, resp, nil)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *organizationMemberResource) create(ctx context.Context, plan *organizationMemberModel) (*client.OrganizationMember, error) {
	return r.client().OrganizationMembers.Create(ctx, plan.OrganizationID.ValueString(), client.OrganizationMemberCreateOptions{
		Email: plan.Email.ValueString(),
		Role:  plan.Role.ValueString(),
	})
}

// update is the API call of Update, and of its plan-time dry run; nil, nil when only the
// e-mail's spelling changed (same address): nothing to send.
func (r *organizationMemberResource) update(ctx context.Context, plan, state *organizationMemberModel, ifVersion int64) (*client.OrganizationMember, error) {
	role := changed(plan.Role, state.Role)
	if role == nil {
		return nil, nil
	}
	return r.client().OrganizationMembers.Update(ctx, state.OrganizationID.ValueString(), state.memberRef(),
		client.OrganizationMemberUpdateOptions{Role: role, IfVersion: ifVersion})
}

// delete is the API call of Delete, and of its plan-time dry run.
func (r *organizationMemberResource) delete(ctx context.Context, state *organizationMemberModel) error {
	return r.client().OrganizationMembers.Delete(ctx, state.OrganizationID.ValueString(), state.memberRef(), 0)
}

func (r *organizationMemberResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readResource(ctx, req, resp, organizationMemberTypeName, (*organizationMemberModel).fromAPI, func(state *organizationMemberModel) (*client.OrganizationMember, error) {
		return r.client().OrganizationMembers.Get(ctx, state.OrganizationID.ValueString(), state.memberRef())
	})
}

func (r *organizationMemberResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state organizationMemberModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	m, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, organizationMemberTypeName, err)
		return
	}
	if m == nil {
		// Only the e-mail's spelling changed (same address): nothing was sent.
		plan.UserID, plan.ID = state.UserID, state.ID
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
		return
	}
	plan.fromAPI(m)
	keepVersion(ctx, resp.Private, m.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *organizationMemberResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.data.startApply()
	deleteOne(ctx, req, resp, organizationMemberTypeName, func(state *organizationMemberModel) error { return r.delete(ctx, state) })
}

// IdentitySchema names the object by ids (see identity.go).
func (r *organizationMemberResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttr{"organization_id", "Id (`org_...`) of the organization."}, userIdentity)
}

// ImportState takes "<organization slug or id>/<e-mail>"; Read resolves both with its one GET.
func (r *organizationMemberResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, "platform_organization_member")
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email"), parts[1])...)
}
