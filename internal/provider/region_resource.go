package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const regionTypeName = "platform_region"

var (
	_ resource.ResourceWithConfigure   = (*regionResource)(nil)
	_ resource.ResourceWithImportState = (*regionResource)(nil)
	_ resource.ResourceWithIdentity    = (*regionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*regionResource)(nil)
)

// NewRegionResource is the platform_region resource.
func NewRegionResource() resource.Resource {
	r := &regionResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type regionResource struct {
	workspaceScopedResource
}

type regionModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *regionModel) fromAPI(r *client.Region) {
	m.ID = types.StringValue(r.ID)
	m.WorkspaceID = types.StringValue(r.WorkspaceID)
	m.Name = types.StringValue(r.Name)
	m.Description = types.StringValue(r.Description)
}

func (r *regionResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = regionTypeName
}

func (r *regionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A region: an organizational label for grouping clusters in a workspace. A region " +
			"that clusters still use cannot be deleted. " + quotaNote("regions") + "\n\n" +
			"Import with `<workspace slug>/<region name>`: `acme/prod-eu`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Region id (`reg_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, unique in the workspace: 3-40 characters matching `^[a-z][a-z0-9-]*[a-z0-9]$`, " +
					"no `--`. Changed in place.",
				Required:   true,
				Validators: []validator.String{nameValidator()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Free text, at most 1000 characters. Default empty. Changed in place.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{descriptionValidator()},
			},
		},
	}
}

func (r *regionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan regionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	reg, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, regionTypeName, "create", err)
		return
	}
	plan.fromAPI(reg)
	keepVersion(ctx, resp.Private, reg.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *regionResource) create(ctx context.Context, plan *regionModel) (*client.Region, error) {
	return r.client().Regions.Create(ctx, plan.WorkspaceID.ValueString(), client.RegionCreateOptions{
		Name:        plan.Name.ValueString(),
		Description: plan.Description.ValueString(),
	})
}

// update is the API call of Update, and of its plan-time dry run.
func (r *regionResource) update(ctx context.Context, plan, state *regionModel, ifVersion int64) (*client.Region, error) {
	return r.client().Regions.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), client.RegionUpdateOptions{
		Name:        changed(plan.Name, state.Name),
		Description: changed(plan.Description, state.Description),
		IfVersion:   ifVersion,
	})
}

func (r *regionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id and id hold the slug and name the user typed; the API
	// accepts both and answers the real ids.
	readResource(ctx, req, resp, regionTypeName, (*regionModel).fromAPI, func(state *regionModel) (*client.Region, error) {
		return r.client().Regions.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	})
}

func (r *regionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state regionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	reg, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, regionTypeName, err)
		return
	}
	plan.fromAPI(reg)
	keepVersion(ctx, resp.Private, reg.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *regionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *regionResource) deletion(m *regionModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: regionTypeName, workspaceID: ws, kind: client.PlannedRegion, targetID: id,
		label: fmt.Sprintf("region %q (%s)", m.Name.ValueString(), id),
		del:   func(ctx context.Context) error { return r.client().Regions.Delete(ctx, ws, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *regionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`reg_...`) of the region."})
}

// ImportState takes "<workspace slug or id>/<region name or id>"; Read resolves both with its
// one GET.
func (r *regionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importWorkspaceAndID(ctx, req, resp, "platform_region")
}
