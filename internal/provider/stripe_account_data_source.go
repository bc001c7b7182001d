package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const stripeAccountDataSourceTypeName = "platform_stripe_account"

var _ datasource.DataSourceWithConfigure = (*stripeAccountDataSource)(nil)

// NewStripeAccountDataSource is the platform_stripe_account data source.
func NewStripeAccountDataSource() datasource.DataSource { return &stripeAccountDataSource{} }

type stripeAccountDataSource struct {
	baseDataSource
}

// stripeAccountDataModel is a workspace's Stripe account as the data source shows it: without
// the onboarding link, which is never stored.
type stripeAccountDataModel struct {
	ID             types.String `tfsdk:"id"`
	WorkspaceID    types.String `tfsdk:"workspace_id"`
	Country        types.String `tfsdk:"country"`
	BusinessType   types.String `tfsdk:"business_type"`
	Email          types.String `tfsdk:"email"`
	Status         types.String `tfsdk:"status"`
	ChargesEnabled types.Bool   `tfsdk:"charges_enabled"`
	PayoutsEnabled types.Bool   `tfsdk:"payouts_enabled"`
	CreatedAt      types.String `tfsdk:"created_at"`
}

func (m *stripeAccountDataModel) fromAPI(a *client.StripeAccount) {
	m.ID = types.StringValue(a.ID)
	m.WorkspaceID = types.StringValue(a.WorkspaceID)
	m.Country = types.StringValue(a.Country)
	m.BusinessType = types.StringValue(a.BusinessType)
	m.Email = types.StringValue(a.Email)
	m.Status = types.StringValue(a.Status)
	m.ChargesEnabled = types.BoolValue(a.ChargesEnabled)
	m.PayoutsEnabled = types.BoolValue(a.PayoutsEnabled)
	m.CreatedAt = timeValue(a.CreatedAt)
}

func (d *stripeAccountDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = stripeAccountDataSourceTypeName
}

func (d *stripeAccountDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a workspace's Stripe account: whether it can take payments for paid listed products " +
			"(`charges_enabled`). Needs `billing.manage` (the account holds an e-mail). A workspace without an account is " +
			"an error. The onboarding link is deliberately not an attribute: it is never stored in the state.",
		Attributes: map[string]schema.Attribute{
			"workspace_id":    workspaceIDDataSourceAttribute(),
			"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "Stripe account id (`acct_...`)."},
			"country":         schema.StringAttribute{Computed: true, MarkdownDescription: "ISO 3166-1 alpha-2 country code."},
			"business_type":   schema.StringAttribute{Computed: true, MarkdownDescription: "`individual` or `company`."},
			"email":           schema.StringAttribute{Computed: true, MarkdownDescription: "E-mail of the account holder (lower case)."},
			"status":          schema.StringAttribute{Computed: true, MarkdownDescription: "`onboarding`, `active` or `restricted`."},
			"charges_enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the account can take payments."},
			"payouts_enabled": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the account can receive payouts."},
			"created_at":      schema.StringAttribute{Computed: true, MarkdownDescription: "When the account was created (RFC 3339, UTC)."},
		},
	}
}

func (d *stripeAccountDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, stripeAccountDataSourceTypeName,
		func(ws string, _ *stripeAccountDataModel) (*client.StripeAccount, error) {
			return d.client().StripeAccounts.Get(ctx, ws)
		})
}
