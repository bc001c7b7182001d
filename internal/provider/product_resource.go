package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const productTypeName = "platform_product"

var (
	_ resource.ResourceWithConfigure   = (*productResource)(nil)
	_ resource.ResourceWithImportState = (*productResource)(nil)
	_ resource.ResourceWithIdentity    = (*productResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*productResource)(nil)
)

// NewProductResource is the platform_product resource.
func NewProductResource() resource.Resource {
	r := &productResource{}
	r.deletionOf = deletionFrom(r.deletion)
	// The dry runs forgive the one refusal that a Stripe account set up by the same plan lifts.
	r.checks = newPlanCheck(
		func(ctx context.Context, plan *productModel) (*client.Product, error) {
			p, err := r.create(ctx, plan)
			return p, r.unlessChargesComing(plan.WorkspaceID.ValueString(), err)
		},
		func(ctx context.Context, plan, state *productModel, ifVersion int64) (*client.Product, error) {
			p, err := r.update(ctx, plan, state, ifVersion)
			return p, r.unlessChargesComing(state.WorkspaceID.ValueString(), err)
		})
	return r
}

// unlessChargesComing is err, or nil when err is the refusal to list a paid product because
// the workspace's Stripe account has no charges enabled and this plan sets up that account
// (platform_stripe_account, planned first because the product depends on it): the apply
// onboards the account before it lists the product. Its message is how the refusal is told
// apart from other failed preconditions (a read-only workspace).
func (r *productResource) unlessChargesComing(ws string, err error) error {
	var apiErr *client.APIError
	if errors.As(err, &apiErr) && apiErr.Code == client.CodeFailedPrecondition && strings.Contains(apiErr.Message, "charges") &&
		r.data.plansStripeAccount(ws) {
		return nil
	}
	return err
}

type productResource struct {
	workspaceScopedResource
}

type productModel struct {
	ID           types.String `tfsdk:"id"`
	WorkspaceID  types.String `tfsdk:"workspace_id"`
	Slug         types.String `tfsdk:"slug"`
	Name         types.String `tfsdk:"name"`
	Description  types.String `tfsdk:"description"`
	Visibility   types.String `tfsdk:"visibility"`
	Price        types.Object `tfsdk:"price"`
	InstallCount types.Int64  `tfsdk:"install_count"`
	CreatedAt    types.String `tfsdk:"created_at"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *productModel) fromAPI(p *client.Product) {
	m.ID = types.StringValue(p.ID)
	m.WorkspaceID = types.StringValue(p.WorkspaceID)
	m.Slug = types.StringValue(p.Slug)
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringValue(p.Description)
	m.Visibility = types.StringValue(string(p.Visibility))
	m.Price = priceValue(p.Price)
	m.InstallCount = types.Int64Value(int64(p.InstallCount))
	m.CreatedAt = timeValue(p.CreatedAt)
}

// priceParts are the planned price's attributes (null when unknown).
type priceParts struct {
	AmountCents types.Int64  `tfsdk:"amount_cents"`
	Currency    types.String `tfsdk:"currency"`
	Interval    types.String `tfsdk:"interval"`
}

func pricePartsOf(ctx context.Context, o types.Object, diags *diag.Diagnostics) priceParts {
	var p priceParts
	if o.IsNull() || o.IsUnknown() {
		return priceParts{AmountCents: types.Int64Unknown(), Currency: types.StringUnknown(), Interval: types.StringUnknown()}
	}
	diags.Append(o.As(ctx, &p, basetypes.ObjectAsOptions{})...)
	return p
}

// options are the price fields to send: on create (prior nil), every known field; on update,
// the fields that changed. Nil when there is none.
func (p priceParts) options(prior *priceParts) *client.PriceOptions {
	before := priceParts{AmountCents: types.Int64Null(), Currency: types.StringNull(), Interval: types.StringNull()}
	if prior != nil {
		before = *prior
	}
	var o client.PriceOptions
	if !p.AmountCents.Equal(before.AmountCents) && !p.AmountCents.IsUnknown() && !p.AmountCents.IsNull() {
		o.AmountCents = client.Ptr(p.AmountCents.ValueInt64())
	}
	o.Currency = changed(p.Currency, before.Currency)
	o.Interval = changed(p.Interval, before.Interval)
	if o == (client.PriceOptions{}) {
		return nil
	}
	return &o
}

// paid tells whether the planned product is listed with a price (false when not yet known).
func (m *productModel) paid(ctx context.Context, diags *diag.Diagnostics) bool {
	p := pricePartsOf(ctx, m.Price, diags)
	return m.Visibility.ValueString() == string(client.VisibilityListed) && !p.AmountCents.IsUnknown() && p.AmountCents.ValueInt64() > 0
}

func (r *productResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = productTypeName
}

func (r *productResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A product: a package the workspace publishes, with its releases (`platform_product_release`). " +
			"A `private` product is installed only by its own workspace; a `listed` one is in the marketplace " +
			"(`platform_marketplace_products`), where any workspace can install it. Managing products needs " +
			"`products.manage`. A product installed anywhere cannot be deleted. " + quotaNote("products") + "\n\n" +
			"A listed product with a price (a *paid listed* product) needs the pro or enterprise plan and the workspace's " +
			"Stripe account (`platform_stripe_account`) with charges enabled (its onboarding ended `active`); otherwise it is refused, at plan time when the " +
			"plan can tell. A Stripe account created in the same configuration must be a dependency of the product " +
			"(`depends_on`): the plan then accepts the listing, and the apply lists the product once onboarding has " +
			"enabled charges.\n\nImport with `<workspace slug>/<product slug>`: `acme/shop`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Product id (`prod_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"slug": schema.StringAttribute{
				MarkdownDescription: "Slug, unique within the workspace, used in URLs and import ids: " + slugRule +
					". Can be changed in place.",
				Required:   true,
				Validators: []validator.String{slugValidator()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Display name, 1-100 characters. Can be changed in place.",
				Required:            true,
				Validators:          []validator.String{displayNameValidator()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Free text, at most 1000 characters. Default empty. Can be changed in place.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{descriptionValidator()},
			},
			"visibility": schema.StringAttribute{
				MarkdownDescription: "`private` (the default: only this workspace installs it) or `listed` (in the marketplace: " +
					"any workspace can install it). Can be changed in place.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(string(client.VisibilityPrivate)),
				Validators: []validator.String{oneOfValidator(visibilities...)},
			},
			"price": schema.SingleNestedAttribute{
				MarkdownDescription: "What the product costs per interval. Default free: `{ amount_cents = 0, currency = \"usd\", " +
					"interval = \"month\" }`; attributes left out take these defaults. Can be changed in place.",
				Optional: true,
				Computed: true,
				Default:  objectdefault.StaticValue(priceValue(defaultPrice)),
				Attributes: map[string]schema.Attribute{
					"amount_cents": schema.Int64Attribute{
						MarkdownDescription: priceDescriptions["amount_cents"] + " Default 0.",
						Optional:            true,
						Computed:            true,
						Default:             int64default.StaticInt64(defaultPrice.AmountCents),
						Validators:          []validator.Int64{int64validator.Between(0, maxPriceCents)},
					},
					"currency": schema.StringAttribute{
						MarkdownDescription: priceDescriptions["currency"] + " Default `usd`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString(defaultPrice.Currency),
						Validators:          []validator.String{currencyValidator()},
					},
					"interval": schema.StringAttribute{
						MarkdownDescription: priceDescriptions["interval"] + " Default `month`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString(defaultPrice.Interval),
						Validators:          []validator.String{oneOfValidator(priceIntervals...)},
					},
				},
			},
			"install_count": schema.Int64Attribute{
				MarkdownDescription: "How many installations, in every workspace, run the product (their workspaces are never shown).",
				Computed:            true,
			},
			"created_at": createdAtResourceAttribute(),
		},
	}
}

// ModifyPlan fills in the workspace (workspaceScopedResource) and, when the plan makes the
// product paid listed, asks the server with a dry run whether it may: the plan and the charges
// are checked at plan time rather than half-way through an apply.
func (r *productResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	defer r.checkPlan(ctx, req, resp) // last, after this plan's own changes
	if r.data == nil || req.Plan.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var plan productModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !plan.paid(ctx, &resp.Diagnostics) || plan.WorkspaceID.IsUnknown() {
		return
	}
	dry := client.WithValidateOnly(ctx)
	var err error
	if req.State.Raw.IsNull() {
		opts := plan.createOptions(ctx, &resp.Diagnostics)
		if opts.Slug == "" || opts.Name == "" {
			opts.Slug, opts.Name = "plan-check", "Plan check" // not known yet: the paid listing is what is checked
		}
		_, err = r.client().Products.Create(dry, plan.WorkspaceID.ValueString(), opts)
	} else {
		var state productModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() || state.paid(ctx, &resp.Diagnostics) {
			return // already paid listed: nothing to check
		}
		_, err = r.client().Products.Update(dry, state.WorkspaceID.ValueString(), state.ID.ValueString(), client.ProductUpdateOptions{
			Visibility: visibilityPtr(changed(plan.Visibility, state.Visibility)),
			Price:      pricePartsOf(ctx, plan.Price, &resp.Diagnostics).options(new(pricePartsOf(ctx, state.Price, &resp.Diagnostics))),
		})
	}
	err = r.unlessChargesComing(plan.WorkspaceID.ValueString(), err)
	if errors.Is(err, client.ErrQuotaExceeded) || errors.Is(err, client.ErrFailedPrecondition) {
		resp.Diagnostics.AddError("Cannot list "+productTypeName+" "+plan.Slug.ValueString()+" with a price",
			"A listed product with a price (amount_cents > 0) would be refused: "+apiErrorDetail(err)+
				"\n\nKeep it private, or list it for free (amount_cents = 0).")
	}
}

func visibilityPtr(s *string) *client.Visibility {
	if s == nil {
		return nil
	}
	return client.Ptr(client.Visibility(*s))
}

func (m *productModel) createOptions(ctx context.Context, diags *diag.Diagnostics) client.ProductCreateOptions {
	return client.ProductCreateOptions{
		Slug:        m.Slug.ValueString(),
		Name:        m.Name.ValueString(),
		Description: m.Description.ValueString(),
		Visibility:  client.Visibility(m.Visibility.ValueString()),
		Price:       pricePartsOf(ctx, m.Price, diags).options(nil),
	}
}

func (r *productResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan productModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	p, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, productTypeName, "create", err)
		return
	}
	plan.fromAPI(p)
	keepVersion(ctx, resp.Private, p.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *productResource) create(ctx context.Context, plan *productModel) (*client.Product, error) {
	var diags diag.Diagnostics
	opts := plan.createOptions(ctx, &diags)
	if diags.HasError() {
		return nil, diagError(diags)
	}
	return r.client().Products.Create(ctx, plan.WorkspaceID.ValueString(), opts)
}

// update is the API call of Update, and of its plan-time dry run.
func (r *productResource) update(ctx context.Context, plan, state *productModel, ifVersion int64) (*client.Product, error) {
	var diags diag.Diagnostics
	prior := pricePartsOf(ctx, state.Price, &diags)
	opts := client.ProductUpdateOptions{
		Slug:        changed(plan.Slug, state.Slug),
		Name:        changed(plan.Name, state.Name),
		Description: changed(plan.Description, state.Description),
		Visibility:  visibilityPtr(changed(plan.Visibility, state.Visibility)),
		Price:       pricePartsOf(ctx, plan.Price, &diags).options(&prior),
		IfVersion:   ifVersion,
	}
	if diags.HasError() {
		return nil, diagError(diags)
	}
	return r.client().Products.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), opts)
}

func (r *productResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id and id hold the slugs the user typed; the API accepts both.
	readResource(ctx, req, resp, productTypeName, (*productModel).fromAPI, func(state *productModel) (*client.Product, error) {
		return r.client().Products.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	})
}

func (r *productResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state productModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	p, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, productTypeName, err)
		return
	}
	plan.fromAPI(p)
	keepVersion(ctx, resp.Private, p.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *productResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *productResource) deletion(m *productModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: productTypeName, workspaceID: ws, kind: client.PlannedProduct, targetID: id,
		label: fmt.Sprintf("product %q (%s)", m.Slug.ValueString(), id),
		del:   func(ctx context.Context) error { return r.client().Products.Delete(ctx, ws, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *productResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`prod_...`) of the product."})
}

// ImportState takes "<workspace slug or id>/<product slug or id>"; Read resolves both to ids
// with its one GET.
func (r *productResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importWorkspaceAndID(ctx, req, resp, "platform_product")
}
