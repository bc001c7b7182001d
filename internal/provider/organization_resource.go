package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const organizationTypeName = "platform_organization"

var (
	_ resource.ResourceWithConfigure   = (*organizationResource)(nil)
	_ resource.ResourceWithImportState = (*organizationResource)(nil)
	_ resource.ResourceWithIdentity    = (*organizationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*organizationResource)(nil)
)

// NewOrganizationResource is the platform_organization resource.
func NewOrganizationResource() resource.Resource {
	r := &organizationResource{}
	r.checks = withDeleteCheck(newPlanCheck(r.create, r.update), r.delete)
	return r
}

type organizationResource struct {
	baseResource
}

type organizationModel struct {
	ID        types.String `tfsdk:"id"`
	Slug      types.String `tfsdk:"slug"`
	Name      types.String `tfsdk:"name"`
	CreatedAt types.String `tfsdk:"created_at"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *organizationModel) fromAPI(o *client.Organization) {
	m.ID = types.StringValue(o.ID)
	m.Slug = types.StringValue(o.Slug)
	m.Name = types.StringValue(o.Name)
	m.CreatedAt = timeValue(o.CreatedAt)
}

func (r *organizationResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = organizationTypeName
}

func (r *organizationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An organization: an identity for a team or company with `owner` and `member` members. " +
			"It owns no resources, only access: members of a workspace's managing organization administer that " +
			"workspace. The creator becomes its owner.\n\nImport with the organization's slug: `acme`.",
		Attributes: map[string]schema.Attribute{
			"id": idResourceAttribute("Organization id (`org_...`)."),
			"slug": schema.StringAttribute{
				MarkdownDescription: "Unique slug: " + slugRule + ". Can be changed in place.",
				Required:            true,
				Validators:          []validator.String{slugValidator()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Display name, 1-100 characters.",
				Required:            true,
				Validators:          []validator.String{displayNameValidator()},
			},
			"created_at": createdAtResourceAttribute(),
		},
	}
}

func (r *organizationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan organizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	org, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, organizationTypeName, "create", err)
		return
	}
	plan.fromAPI(org)
	keepVersion(ctx, resp.Private, org.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// ModifyPlan dry-runs the planned create, update or destroy (plan_check.go).
func (r *organizationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.checkPlan(ctx, req, resp, nil)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *organizationResource) create(ctx context.Context, plan *organizationModel) (*client.Organization, error) {
	return r.client().Organizations.Create(ctx, client.OrganizationCreateOptions{
		Slug: plan.Slug.ValueString(),
		Name: plan.Name.ValueString(),
	})
}

// update is the API call of Update, and of its plan-time dry run.
func (r *organizationResource) update(ctx context.Context, plan, state *organizationModel, ifVersion int64) (*client.Organization, error) {
	return r.client().Organizations.Update(ctx, state.ID.ValueString(), client.OrganizationUpdateOptions{
		Slug:      changed(plan.Slug, state.Slug),
		Name:      changed(plan.Name, state.Name),
		IfVersion: ifVersion,
	})
}

// delete is the API call of Delete, and of its plan-time dry run.
func (r *organizationResource) delete(ctx context.Context, state *organizationModel) error {
	return r.client().Organizations.Delete(ctx, state.ID.ValueString(), 0)
}

func (r *organizationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, id holds the slug the user typed; the API accepts both.
	readResource(ctx, req, resp, organizationTypeName, (*organizationModel).fromAPI, func(state *organizationModel) (*client.Organization, error) {
		return r.client().Organizations.Get(ctx, state.ID.ValueString())
	})
}

func (r *organizationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state organizationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	org, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, organizationTypeName, err)
		return
	}
	plan.fromAPI(org)
	keepVersion(ctx, resp.Private, org.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *organizationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.data.startApply()
	deleteOne(ctx, req, resp, organizationTypeName, func(state *organizationModel) error { return r.delete(ctx, state) })
}

// IdentitySchema names the object by ids (see identity.go).
func (r *organizationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(identityAttr{"id", "Id (`org_...`) of the organization."})
}

// ImportState takes the slug (or id); Read resolves it with its one GET.
func (r *organizationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, "platform_organization")
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[0])...)
}
