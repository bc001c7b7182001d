package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const stripeAccountTypeName = "platform_stripe_account"

// defaultStripeAccountTimeout bounds the wait for onboarding (create, and an e-mail change that
// starts it again) unless the timeouts block says otherwise.
const defaultStripeAccountTimeout = 20 * time.Minute

// restrictedEmailPrefix is the reference server's fault injection (docs/platform.md section 12):
// onboarding with an e-mail that starts with it ends restricted. Only messages use it.
const restrictedEmailPrefix = "restricted"

// countryPattern is the form of an ISO 3166-1 alpha-2 code. Whether the code is assigned is
// the server's rule (its list), which the plan-time dry run reports.
var countryRegexp = regexp.MustCompile(`^[A-Z]{2}$`)

var (
	_ resource.ResourceWithConfigure   = (*stripeAccountResource)(nil)
	_ resource.ResourceWithImportState = (*stripeAccountResource)(nil)
	_ resource.ResourceWithIdentity    = (*stripeAccountResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*stripeAccountResource)(nil)
)

// NewStripeAccountResource is the platform_stripe_account resource.
func NewStripeAccountResource() resource.Resource {
	r := &stripeAccountResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = withLeftover(newPlanCheck(dropOperation(r.create), dropOperationUpdate(r.update)),
		func(ctx context.Context, m *stripeAccountModel) (*client.StripeAccount, error) {
			return r.client().StripeAccounts.Get(ctx, m.WorkspaceID.ValueString())
		})
	return r
}

type stripeAccountResource struct {
	workspaceScopedResource
}

type stripeAccountModel struct {
	ID             types.String   `tfsdk:"id"`
	WorkspaceID    types.String   `tfsdk:"workspace_id"`
	Country        types.String   `tfsdk:"country"`
	BusinessType   types.String   `tfsdk:"business_type"`
	Email          types.String   `tfsdk:"email"`
	Status         types.String   `tfsdk:"status"`
	ChargesEnabled types.Bool     `tfsdk:"charges_enabled"`
	PayoutsEnabled types.Bool     `tfsdk:"payouts_enabled"`
	CreatedAt      types.String   `tfsdk:"created_at"`
	Timeouts       timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI sets every attribute the API answers but the onboarding URL, which is never stored.
// The e-mail keeps its configured spelling when the API answers it in another case.
func (m *stripeAccountModel) fromAPI(a *client.StripeAccount) {
	m.ID = types.StringValue(a.ID)
	m.WorkspaceID = types.StringValue(a.WorkspaceID)
	m.Country = types.StringValue(a.Country)
	m.BusinessType = types.StringValue(a.BusinessType)
	m.Email = emailValue(m.Email, a.Email)
	m.Status = types.StringValue(a.Status)
	m.ChargesEnabled = types.BoolValue(a.ChargesEnabled)
	m.PayoutsEnabled = types.BoolValue(a.PayoutsEnabled)
	m.CreatedAt = timeValue(a.CreatedAt)
}

// countryValidator checks the form of an ISO 3166-1 alpha-2 code.
func countryValidator() validator.String {
	return ruleValidator{"must be an ISO 3166-1 alpha-2 country code: two upper-case letters such as US or DE", func(s string) string {
		switch {
		case countryRegexp.MatchString(s):
			return ""
		case countryRegexp.MatchString(strings.ToUpper(s)):
			return fmt.Sprintf("must be upper case (%s)", strings.ToUpper(s))
		}
		return "must be an ISO 3166-1 alpha-2 country code: two upper-case letters such as US or DE"
	}}
}

func (r *stripeAccountResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = stripeAccountTypeName
}

func (r *stripeAccountResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The workspace's Stripe Connect account, which takes the payments of its paid listed products " +
			"(`platform_product` with `visibility = \"listed\"` and a price): such a product can be listed only once the " +
			"account has `charges_enabled`. A workspace has at most one; managing it needs `billing.manage` (workspace " +
			"owners and admins; not API keys).\n\n" +
			"**Onboarding.** Creating the account starts onboarding. Apply waits until onboarding finishes, within the " +
			"`timeouts`; the id is saved to the state before waiting. Onboarding ends `active` (charges and payouts " +
			"enabled) or `restricted` (charges disabled): a restricted account is reported as an error and kept in the " +
			"state, tainted, so the next apply replaces it. (The reference server restricts accounts whose e-mail starts " +
			"with `restricted`.)\n\n" +
			"The account's onboarding link (`onboarding_url` in the API) is deliberately not an attribute: anyone holding " +
			"it can act on the account, so it is never stored in the plan or the state. Read it from the API when a " +
			"person must complete onboarding.\n\n" +
			"Creating the account when the workspace already has one is refused: import it instead. A paid listed " +
			"product created in the same configuration should depend on the account (`depends_on`), so that it is " +
			"listed after onboarding. The account cannot be deleted while the workspace lists paid products. An account " +
			"deleted outside Terraform is removed from the state on refresh, so the next apply creates it again.\n\n" +
			"Import with the workspace's slug or id: `acme`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Stripe account id (`acct_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"country": schema.StringAttribute{
				MarkdownDescription: "Country of the business, an ISO 3166-1 alpha-2 code in upper case such as `US` or " +
					"`DE` (the server also refuses codes that are not assigned, such as `UK`: the United Kingdom is " +
					"`GB`). The API cannot change it: changing it replaces the account.",
				Required:      true,
				Validators:    []validator.String{countryValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"business_type": schema.StringAttribute{
				MarkdownDescription: "`individual` or `company`. The API cannot change it: changing it replaces the account.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.BusinessTypeIndividual, client.BusinessTypeCompany)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"email": schema.StringAttribute{
				MarkdownDescription: "E-mail of the account holder (case-insensitive). Changed in place. A new e-mail " +
					"on a `restricted` account starts onboarding again, and apply waits for it as on create.",
				Required:   true,
				Validators: []validator.String{emailValidator()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`onboarding`, `active` or `restricted`. After a successful apply: `active`.",
				Computed:            true,
			},
			"charges_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the account can take payments: needed to list paid products.",
				Computed:            true,
			},
			"payouts_enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the account can receive payouts.",
				Computed:            true,
			},
			"created_at": createdAtResourceAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true}),
		},
	}
}

// ModifyPlan fills in the workspace and dry-runs the planned PUT (workspaceScopedResource),
// and keeps the computed outcome of onboarding from the state when the e-mail does not change
// (its case aside): only timeouts can change then, and nothing is sent.
func (r *stripeAccountResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	defer r.checkPlan(ctx, req, resp)
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, state stripeAccountModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		r.data.planStripeAccount(plan.WorkspaceID)
		return
	}
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || plan.Email.IsUnknown() || !strings.EqualFold(plan.Email.ValueString(), state.Email.ValueString()) ||
		!plan.Country.Equal(state.Country) || !plan.BusinessType.Equal(state.BusinessType) {
		r.data.planStripeAccount(plan.WorkspaceID)
		return
	}
	plan.Status, plan.ChargesEnabled, plan.PayoutsEnabled = state.Status, state.ChargesEnabled, state.PayoutsEnabled
	resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
}

func (r *stripeAccountResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan stripeAccountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultStripeAccountTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	a, opID, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, stripeAccountTypeName, "create", err)
		return
	}
	// Save the account before waiting: if onboarding ends restricted or outlasts the timeout,
	// Terraform still knows the account (tainted, so the next apply replaces it).
	plan.fromAPI(a)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.waitOnboarded(ctx, &plan, opID, "create", timeout, &resp.State, &resp.Diagnostics)
}

// create is the API call of Create, and of its plan-time dry run. PUT would silently take over
// an account the workspace already has (and a destroy would then delete it), so an existing
// account is refused first, as the create of any other object with a taken name is.
func (r *stripeAccountResource) create(ctx context.Context, plan *stripeAccountModel) (*client.StripeAccount, string, error) {
	ws := plan.WorkspaceID.ValueString()
	existing, err := r.client().StripeAccounts.Get(ctx, ws)
	switch {
	case err == nil:
		// Made here, not by the server: the same answer as a create refused for a taken name, so
		// that a plan treats it alike (a tainted account of this resource is replaced first).
		return nil, "", &client.APIError{StatusCode: http.StatusConflict, Code: client.CodeAlreadyExists,
			Message: fmt.Sprintf("the workspace already has a Stripe account (%s, %s): import it with the workspace's "+
				"slug or id (terraform import %s.<name> <workspace>) instead of creating one", existing.ID, existing.Status,
				stripeAccountTypeName)}
	case !isNotFound(err):
		return nil, "", err
	}
	return r.client().StripeAccounts.Put(ctx, ws, plan.options())
}

func (m *stripeAccountModel) options() client.StripeAccountOptions {
	return client.StripeAccountOptions{
		Country:      m.Country.ValueString(),
		BusinessType: m.BusinessType.ValueString(),
		Email:        m.Email.ValueString(),
	}
}

// update is the API call of Update, and of its plan-time dry run: a nil account when the
// e-mail does not change (its case aside), since only it can change in place.
func (r *stripeAccountResource) update(ctx context.Context, plan, state *stripeAccountModel, ifVersion int64) (*client.StripeAccount, string, error) {
	if plan.Email.IsUnknown() || strings.EqualFold(plan.Email.ValueString(), state.Email.ValueString()) {
		return nil, "", nil
	}
	opts := plan.options()
	// Country and business type are sent as they are: PUT carries the whole account.
	opts.Country, opts.BusinessType, opts.IfVersion = state.Country.ValueString(), state.BusinessType.ValueString(), ifVersion
	return r.client().StripeAccounts.Put(ctx, state.WorkspaceID.ValueString(), opts)
}

func (r *stripeAccountResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id holds the workspace as typed (slug or id); fromAPI replaces
	// it with the id.
	readResource(ctx, req, resp, stripeAccountTypeName, (*stripeAccountModel).fromAPI, func(state *stripeAccountModel) (*client.StripeAccount, error) {
		return r.client().StripeAccounts.Get(ctx, state.WorkspaceID.ValueString())
	})
}

func (r *stripeAccountResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state stripeAccountModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultStripeAccountTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	a, opID, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, stripeAccountTypeName, err)
		return
	}
	if a == nil {
		// Only timeouts (or the e-mail's case) changed: nothing to send.
		state.Timeouts, state.Email = plan.Timeouts, plan.Email
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)
		return
	}
	plan.fromAPI(a)
	if a.Status != client.StripeAccountOnboarding {
		keepVersion(ctx, resp.Private, a.Version, &resp.Diagnostics)
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
		return
	}
	keepVersion(ctx, resp.Private, 0, &resp.Diagnostics) // moves on while onboarding; Read records it
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.waitOnboarded(ctx, &plan, opID, "update", timeout, &resp.State, &resp.Diagnostics)
}

func (r *stripeAccountResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *stripeAccountResource) deletion(m *stripeAccountModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: stripeAccountTypeName, workspaceID: ws, kind: client.PlannedStripeAccount, targetID: id,
		label: fmt.Sprintf("Stripe account %s", id),
		del:   func(ctx context.Context) error { return r.client().StripeAccounts.Delete(ctx, ws, 0) }}
}

// waitOnboarded polls the account until onboarding is over, within timeout, and stores what it
// saw last. A restricted account is reported with what to do about it.
func (r *stripeAccountResource) waitOnboarded(ctx context.Context, m *stripeAccountModel, opID, action string, timeout time.Duration,
	state interface {
		Set(context.Context, any) diag.Diagnostics
	}, diags *diag.Diagnostics) {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	w := asyncWait{typeName: stripeAccountTypeName, kind: "Stripe account", name: "of workspace " + ws, id: id, opID: opID,
		action: action, timeout: timeout, awaited: client.StripeAccountActive, work: "onboarding",
		failed: client.ErrStripeAccountRestricted, failedDetail: restrictedDetail(id, ws, m.Email.ValueString()),
		afterFailure: "The account is kept in the state and marked tainted; the next apply replaces it."}
	if action == "update" {
		w.afterFailure = "The state records the account as restricted; changing the e-mail again restarts onboarding."
	}
	waitUntil(ctx, r.client(), w,
		func(ctx context.Context) (*client.StripeAccount, error) {
			return r.client().StripeAccounts.WaitForStatus(ctx, ws, client.StripeAccountActive)
		},
		func(a *client.StripeAccount) {
			m.fromAPI(a)
			diags.Append(state.Set(ctx, m)...)
		}, diags)
}

// restrictedDetail explains an onboarding that ended restricted, and what to do.
func restrictedDetail(id, ws, email string) string {
	hint := ""
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(email)), restrictedEmailPrefix) {
		hint = fmt.Sprintf(" The platform restricts every account whose e-mail starts with %q (the reference server's "+
			"fault injection): use another e-mail.", restrictedEmailPrefix)
	}
	return fmt.Sprintf("Onboarding of Stripe account %s (workspace %s, e-mail %s) ended restricted: charges are disabled "+
		"(charges_enabled = false), so the workspace cannot list paid products. The account holder must complete "+
		"onboarding with Stripe.%s", id, ws, email, hint)
}

// planStripeAccount records that this plan creates, replaces or changes the Stripe account of
// workspace ws (when known). Onboarding, which enables charges, happens only at apply time, so
// until then the server refuses to list a paid product of the workspace: a paid listed product
// that depends on the account (and is therefore planned after it) checks here whether that
// refusal is only the account this plan sets up (productResource.chargesComing).
func (d *providerData) planStripeAccount(ws types.String) {
	if d != nil && !ws.IsNull() && !ws.IsUnknown() {
		d.stripeAccounts.Store(ws.ValueString(), true)
	}
}

// plansStripeAccount reports whether this plan sets up the Stripe account of workspace ws.
func (d *providerData) plansStripeAccount(ws string) bool {
	if d == nil {
		return false
	}
	_, ok := d.stripeAccounts.Load(ws)
	return ok
}

// IdentitySchema names the object by ids (see identity.go).
func (r *stripeAccountResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity)
}

// ImportState takes the workspace's slug or id; Read finds the account with its one GET.
func (r *stripeAccountResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, "platform_stripe_account")
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), parts[0])...)
}
