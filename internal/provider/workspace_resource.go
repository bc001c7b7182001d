package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const workspaceTypeName = "platform_workspace"

var (
	_ resource.ResourceWithConfigure   = (*workspaceResource)(nil)
	_ resource.ResourceWithImportState = (*workspaceResource)(nil)
	_ resource.ResourceWithIdentity    = (*workspaceResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*workspaceResource)(nil)
)

// NewWorkspaceResource is the platform_workspace resource.
func NewWorkspaceResource() resource.Resource {
	r := &workspaceResource{}
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type workspaceResource struct {
	baseResource
}

type workspaceModel struct {
	ID                     types.String `tfsdk:"id"`
	Slug                   types.String `tfsdk:"slug"`
	Name                   types.String `tfsdk:"name"`
	Description            types.String `tfsdk:"description"`
	Plan                   types.String `tfsdk:"plan"`
	ManagingOrganizationID types.String `tfsdk:"managing_organization_id"`
	Settings               types.Map    `tfsdk:"settings"`
	ForceDestroy           types.Bool   `tfsdk:"force_destroy"`
	CreatedAt              types.String `tfsdk:"created_at"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
// force_destroy is Terraform-only and keeps its value.
func (m *workspaceModel) fromAPI(ws *client.Workspace) {
	m.ID = types.StringValue(ws.ID)
	m.Slug = types.StringValue(ws.Slug)
	m.Name = types.StringValue(ws.Name)
	m.Description = types.StringValue(ws.Description)
	m.Plan = types.StringValue(string(ws.Plan))
	m.ManagingOrganizationID = optionalString(ws.ManagingOrganizationID)
	m.Settings = stringMapValue(ws.Settings)
	m.CreatedAt = timeValue(ws.CreatedAt)
}

func (r *workspaceResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = workspaceTypeName
}

func (r *workspaceResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A workspace: the top-level container for projects, members, API keys, regions, " +
			"clusters and custom roles, and the unit of billing. Creating one needs a user token (not an API key); " +
			"the creator becomes its owner.\n\nImport with the workspace's slug: `acme`.",
		Attributes: map[string]schema.Attribute{
			"id": idResourceAttribute("Workspace id (`ws_...`)."),
			"slug": schema.StringAttribute{
				MarkdownDescription: "Unique slug used in URLs and import ids: " + slugRule + ". Can be changed in place.",
				Required:            true,
				Validators:          []validator.String{slugValidator()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Display name, 1-100 characters.",
				Required:            true,
				Validators:          []validator.String{displayNameValidator()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Free text, at most 1000 characters. Default empty.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{descriptionValidator()},
			},
			"plan": schema.StringAttribute{
				MarkdownDescription: "Billing plan: `free` (default), `pro` or `enterprise`. Changing it needs the " +
					"`billing.manage` permission; a downgrade that would leave usage above the new plan's quotas is refused.",
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(string(client.PlanFree)),
				Validators: []validator.String{stringvalidator.OneOf(
					string(client.PlanFree), string(client.PlanPro), string(client.PlanEnterprise))},
			},
			"managing_organization_id": schema.StringAttribute{
				MarkdownDescription: "Id (`org_...`) of the organization whose members administer this workspace " +
					"(per-customer provisioning). Setting, changing or clearing it needs `owner` of the workspace (its " +
					"members become admins without being listed as members), and setting it `owner` on the organization; " +
					"removing it clears it.",
				Optional:   true,
				Validators: []validator.String{refValidator("org_", "organization")},
			},
			"settings": schema.MapAttribute{
				MarkdownDescription: "Free-form string settings: at most 50 keys matching `^[a-zA-Z][a-zA-Z0-9_.-]*$` " +
					"(1-64 characters), values at most 1024 characters. The whole map is replaced on change. Default empty.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, nil)),
				Validators:  []validator.Map{settingsValidator()},
			},
			"force_destroy": schema.BoolAttribute{
				MarkdownDescription: "When `true`, destroying the workspace also deletes everything in it: projects (with " +
					"their members), clusters, regions, API keys and custom roles, including those created outside " +
					"Terraform. When `false` (default), a run that would destroy the workspace while it still holds objects " +
					"that the same run does not delete stops before deleting anything in the workspace, and names each " +
					"object that blocks. Memberships never block. Terraform-only: changing it calls no API, so set it and " +
					"apply before removing the workspace.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"created_at": createdAtResourceAttribute(),
		},
	}
}

// ModifyPlan records what the plan does with the workspace (plan_session.go): a destroy is a
// dry-run delete in the plan session, refused at plan time when it could not complete. A create
// or update is dry-run (plan_check.go).
func (r *workspaceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return // the provider is not configured
	}
	if req.State.Raw.IsNull() {
		r.checkPlan(ctx, req, resp, nil)
		return
	}
	var state workspaceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !req.Plan.Raw.IsNull() {
		r.data.plans.workspaceStays(state.ID.ValueString(), state.Slug.ValueString(), &resp.Diagnostics)
		r.checkPlan(ctx, req, resp, nil)
		return
	}
	r.data.plans.planWorkspaceDelete(ctx, r.client(), state.ID.ValueString(), state.Slug.ValueString(),
		state.ForceDestroy.ValueBool(), resp)
}

func (r *workspaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan workspaceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	ws, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, workspaceTypeName, "create", err)
		return
	}
	plan.fromAPI(ws)
	keepVersion(ctx, resp.Private, ws.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *workspaceResource) create(ctx context.Context, plan *workspaceModel) (*client.Workspace, error) {
	var diags diag.Diagnostics
	opts := client.WorkspaceCreateOptions{
		Slug:                   plan.Slug.ValueString(),
		Name:                   plan.Name.ValueString(),
		Description:            plan.Description.ValueString(),
		Plan:                   client.Plan(plan.Plan.ValueString()),
		ManagingOrganizationID: plan.ManagingOrganizationID.ValueString(),
		Settings:               stringMapFrom(ctx, plan.Settings, &diags),
	}
	if diags.HasError() {
		return nil, diagError(diags)
	}
	return r.client().Workspaces.Create(ctx, opts)
}

// update is the API call of Update, and of its plan-time dry run; nil, nil when only
// force_destroy changed: it lives in the state alone.
func (r *workspaceResource) update(ctx context.Context, plan, state *workspaceModel, ifVersion int64) (*client.Workspace, error) {
	var diags diag.Diagnostics
	opts := client.WorkspaceUpdateOptions{
		Slug:        changed(plan.Slug, state.Slug),
		Name:        changed(plan.Name, state.Name),
		Description: changed(plan.Description, state.Description),
	}
	if p := changed(plan.Plan, state.Plan); p != nil {
		opts.Plan = client.Ptr(client.Plan(*p))
	}
	if !plan.ManagingOrganizationID.Equal(state.ManagingOrganizationID) && !plan.ManagingOrganizationID.IsUnknown() {
		opts.ManagingOrganizationID = client.String(plan.ManagingOrganizationID.ValueString()) // null clears: ""
	}
	if !plan.Settings.Equal(state.Settings) && !plan.Settings.IsUnknown() {
		settings := stringMapFrom(ctx, plan.Settings, &diags)
		if settings == nil {
			settings = map[string]string{} // the whole map is replaced, so send an empty one to clear
		}
		opts.Settings = &settings
	}
	if diags.HasError() {
		return nil, diagError(diags)
	}
	if opts == (client.WorkspaceUpdateOptions{}) {
		return nil, nil
	}
	opts.IfVersion = ifVersion
	return r.client().Workspaces.Update(ctx, state.ID.ValueString(), opts)
}

func (r *workspaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, id holds the slug the user typed; the API accepts both.
	readResource(ctx, req, resp, workspaceTypeName, (*workspaceModel).fromAPI, func(state *workspaceModel) (*client.Workspace, error) {
		return r.client().Workspaces.Get(ctx, state.ID.ValueString())
	})
}

func (r *workspaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state workspaceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	ws, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, workspaceTypeName, err)
		return
	}
	if ws == nil {
		// Only force_destroy changed: it lives in the state alone, so no API call.
		state.ForceDestroy = plan.ForceDestroy
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)
		return
	}
	plan.fromAPI(ws)
	keepVersion(ctx, resp.Private, ws.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *workspaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state workspaceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	err := r.client().Workspaces.Delete(ctx, state.ID.ValueString(), client.WorkspaceDeleteOptions{
		Force: state.ForceDestroy.ValueBool(),
	})
	switch {
	case err == nil || isNotFound(err):
	case len(client.BlockingObjects(err)) > 0:
		resp.Diagnostics.AddError("Could not delete "+workspaceTypeName, workspaceBlockedDetail(err, ""))
	default:
		addAPIError(&resp.Diagnostics, workspaceTypeName, "delete", err)
	}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *workspaceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttr{"id", "Id (`ws_...`) of the workspace."})
}

// ImportState takes the slug (or id); Read resolves it with its one GET. force_destroy is not
// stored by the API and starts at its default.
func (r *workspaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importIdentity(ctx, req, resp) {
		parts := importIDParts(req, resp, "platform_workspace")
		if parts == nil {
			return
		}
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[0])...)
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("force_destroy"), false)...)
}
