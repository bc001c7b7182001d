package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const billingPortalSessionTypeName = "platform_billing_portal_session"

var _ ephemeral.EphemeralResourceWithConfigure = (*billingPortalSessionEphemeralResource)(nil)

// NewBillingPortalSessionEphemeralResource is the platform_billing_portal_session ephemeral
// resource: the portal URL signs its holder in, so it must never reach a plan or a state, which
// an ephemeral resource guarantees (Terraform 1.10 and later).
func NewBillingPortalSessionEphemeralResource() ephemeral.EphemeralResource {
	return &billingPortalSessionEphemeralResource{}
}

type billingPortalSessionEphemeralResource struct {
	data *providerData
}

type billingPortalSessionModel struct {
	WorkspaceID types.String `tfsdk:"workspace_id"`
	ReturnURL   types.String `tfsdk:"return_url"`
	URL         types.String `tfsdk:"url"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
}

func (r *billingPortalSessionEphemeralResource) Metadata(_ context.Context, _ ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = billingPortalSessionTypeName
}

func (r *billingPortalSessionEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Opens a session of the payment processor's billing portal for a workspace " +
			"(`POST /v1/workspaces/{ws}/billing-portal-sessions`; needs `billing.manage`), where the customer updates " +
			"the payment method that a `past_due` subscription needs. The URL signs its holder in for an hour, so it " +
			"is ephemeral: Terraform never writes it to a plan or a state; hand it on to something that accepts an " +
			"ephemeral value (a write-only attribute such as `platform_secret`'s `value_wo`, a provider's " +
			"configuration, an ephemeral output of a module). Requires Terraform 1.10 or later. Terraform opens an " +
			"ephemeral resource in every plan and apply that uses it, and each opening is a new session (and an entry " +
			"in the workspace's audit trail). Billing endpoints answer in every access state.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": schema.StringAttribute{
				MarkdownDescription: "Id (`ws_...`) of the workspace. Defaults to the provider's `workspace`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{idValidator("ws_", "workspace")},
			},
			"return_url": schema.StringAttribute{
				MarkdownDescription: "Where the portal sends the user back: an absolute `https://` URL, or `http://` to " +
					"`localhost`, `127.0.0.1` or `[::1]`; at most 2048 characters (checked at plan time).",
				Required:   true,
				Validators: []validator.String{returnURLValidator()},
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "The portal session's URL. Sensitive: it signs its holder in until `expires_at`.",
				Computed:            true,
				Sensitive:           true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the URL stops working (RFC 3339), an hour after it was opened.",
				Computed:            true,
			},
		},
	}
}

func (r *billingPortalSessionEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *billingPortalSessionEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	m, ok := openConfig[billingPortalSessionModel](ctx, r.data, billingPortalSessionTypeName, req, &resp.Diagnostics)
	if !ok {
		return
	}
	var configured types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("workspace_id"), &configured)...)
	ws := r.data.workspaceID(ctx, configured, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	s, err := r.data.client.BillingPortalSessions.Create(ctx, ws, client.BillingPortalSessionCreateOptions{
		ReturnURL: m.ReturnURL.ValueString()})
	if err != nil {
		// The error is the server's (code, message, request id): an error answer carries no URL.
		addAPIError(&resp.Diagnostics, billingPortalSessionTypeName, "open", err)
		return
	}
	m.WorkspaceID = types.StringValue(ws)
	m.URL = types.StringValue(s.URL.Reveal())
	m.ExpiresAt = timeValue(s.ExpiresAt)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// openConfig reads an ephemeral resource's configuration for Open, refusing to open one before
// the provider is configured (Terraform opens ephemeral resources while planning too).
func openConfig[M any](ctx context.Context, data *providerData, typeName string, req ephemeral.OpenRequest,
	diags *diag.Diagnostics) (M, bool) {
	var m M
	if data == nil {
		diags.AddError("Provider not configured", "The platform provider must be configured before "+
			typeName+" can be opened; this is a bug in the provider or Terraform.")
		return m, false
	}
	diags.Append(req.Config.Get(ctx, &m)...)
	return m, !diags.HasError()
}
