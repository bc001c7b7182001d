package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const productReleaseTypeName = "platform_product_release"

var (
	_ resource.ResourceWithConfigure   = (*productReleaseResource)(nil)
	_ resource.ResourceWithImportState = (*productReleaseResource)(nil)
	_ resource.ResourceWithIdentity    = (*productReleaseResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*productReleaseResource)(nil)
)

// NewProductReleaseResource is the platform_product_release resource.
func NewProductReleaseResource() resource.Resource {
	r := &productReleaseResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type productReleaseResource struct {
	workspaceScopedResource
}

type productReleaseModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	ProductID   types.String `tfsdk:"product_id"`
	Tag         types.String `tfsdk:"tag"`
	Chart       types.String `tfsdk:"chart"`
	Notes       types.String `tfsdk:"notes"`
	Yanked      types.Bool   `tfsdk:"yanked"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *productReleaseModel) fromAPI(r *client.Release) {
	m.ID = types.StringValue(r.ID)
	m.WorkspaceID = types.StringValue(r.WorkspaceID)
	m.ProductID = types.StringValue(r.ProductID)
	m.Tag = types.StringValue(r.Tag)
	m.Chart = types.StringValue(r.Chart)
	m.Notes = types.StringValue(r.Notes)
	m.Yanked = types.BoolValue(r.Yanked)
	m.CreatedAt = timeValue(r.CreatedAt)
}

func (r *productReleaseResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = productReleaseTypeName
}

func (r *productReleaseResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A release of a `platform_product`: one immutable version, a semantic-version tag and a Helm " +
			"chart. Only `notes` and `yanked` change in place; a new tag or chart is a new release (replacement). A yanked " +
			"release cannot be newly installed; installations keep it. A release that installations use cannot be deleted. " +
			"Managing releases needs `products.manage`.\n\n" +
			"Import with `<workspace slug>/<product slug>/<tag>`: `acme/shop/1.4.0`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Release id (`rel_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"product_id": schema.StringAttribute{
				MarkdownDescription: "Id (`prod_...`) of the product, such as `platform_product.shop.id`. Changing it replaces " +
					"the release.",
				Required:      true,
				Validators:    []validator.String{idValidator("prod_", "product")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"tag": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Semantic version `MAJOR.MINOR.PATCH` or `MAJOR.MINOR.PATCH-pre` such as `1.4.0`, "+
					"at most %d characters, unique per product. Changing it replaces the release.", tagMaxLen),
				Required:      true,
				Validators:    []validator.String{tagValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"chart": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The Helm chart: `oci://host/path:tag` or an `https://` URL ending in `.tgz`, at most "+
					"%d characters. Changing it replaces the release.", chartMaxLen),
				Required:      true,
				Validators:    []validator.String{chartValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"notes": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Release notes, at most %d characters. Default empty. Changed in place.", notesMaxLen),
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{notesValidator()},
			},
			"yanked": schema.BoolAttribute{
				MarkdownDescription: "Whether the release is withdrawn: it cannot be newly installed, installations keep it. " +
					"Default `false`. Changed in place (and back).",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"created_at": createdAtResourceAttribute(),
		},
	}
}

func (r *productReleaseResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan productReleaseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	rel, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, productReleaseTypeName, "create", err)
		return
	}
	plan.fromAPI(rel)
	keepVersion(ctx, resp.Private, rel.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *productReleaseResource) create(ctx context.Context, plan *productReleaseModel) (*client.Release, error) {
	return r.client().Releases.Create(ctx, plan.WorkspaceID.ValueString(), plan.ProductID.ValueString(), client.ReleaseCreateOptions{
		Tag:    plan.Tag.ValueString(),
		Chart:  plan.Chart.ValueString(),
		Notes:  plan.Notes.ValueString(),
		Yanked: plan.Yanked.ValueBool(),
	})
}

// update is the API call of Update, and of its plan-time dry run.
func (r *productReleaseResource) update(ctx context.Context, plan, state *productReleaseModel, ifVersion int64) (*client.Release, error) {
	opts := client.ReleaseUpdateOptions{Notes: changed(plan.Notes, state.Notes), IfVersion: ifVersion}
	if !plan.Yanked.Equal(state.Yanked) && !plan.Yanked.IsUnknown() {
		opts.Yanked = client.Ptr(plan.Yanked.ValueBool())
	}
	return r.client().Releases.Update(ctx, state.WorkspaceID.ValueString(), state.ProductID.ValueString(), state.ID.ValueString(), opts)
}

func (r *productReleaseResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id, product_id and id hold the slugs and the tag the user
	// typed; the API accepts them and answers the ids.
	readResource(ctx, req, resp, productReleaseTypeName, (*productReleaseModel).fromAPI,
		func(state *productReleaseModel) (*client.Release, error) {
			return r.client().Releases.Refresh(ctx, state.WorkspaceID.ValueString(), state.ProductID.ValueString(), state.ID.ValueString())
		})
}

func (r *productReleaseResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state productReleaseModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	rel, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, productReleaseTypeName, err)
		return
	}
	plan.fromAPI(rel)
	keepVersion(ctx, resp.Private, rel.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *productReleaseResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *productReleaseResource) deletion(m *productReleaseModel) deletion {
	ws, product, id := m.WorkspaceID.ValueString(), m.ProductID.ValueString(), m.ID.ValueString()
	return deletion{typeName: productReleaseTypeName, workspaceID: ws, kind: client.PlannedRelease, targetID: id,
		label: fmt.Sprintf("release %q (%s)", m.Tag.ValueString(), id),
		del:   func(ctx context.Context) error { return r.client().Releases.Delete(ctx, ws, product, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *productReleaseResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"product_id", "Id (`prod_...`) of the product."}, identityAttr{"id", "Id (`rel_...`) of the release."})
}

// ImportState takes "<workspace slug or id>/<product slug or id>/<tag or release id>"; Read
// resolves all three to ids with its one GET.
func (r *productReleaseResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, "platform_product_release")
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("product_id"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[2])...)
}
