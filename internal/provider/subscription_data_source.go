package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const subscriptionDataSourceTypeName = "platform_subscription"

var _ datasource.DataSourceWithConfigure = (*subscriptionDataSource)(nil)

// NewSubscriptionDataSource is the platform_subscription data source.
func NewSubscriptionDataSource() datasource.DataSource { return &subscriptionDataSource{} }

type subscriptionDataSource struct {
	baseDataSource
}

type subscriptionDataModel struct {
	WorkspaceID       types.String `tfsdk:"workspace_id"`
	Plan              types.String `tfsdk:"plan"`
	Status            types.String `tfsdk:"status"`
	CurrentPeriodEnd  types.String `tfsdk:"current_period_end"`
	CancelAtPeriodEnd types.Bool   `tfsdk:"cancel_at_period_end"`
}

func (d *subscriptionDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = subscriptionDataSourceTypeName
}

func (d *subscriptionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a workspace's subscription (`GET /v1/workspaces/{ws}/subscription`): its plan and where " +
			"its payments stand. The status decides the workspace's access state (see `platform_access_state`): " +
			"`active` is `full`, `past_due` is `read_only`, `canceled` is `suspended`. Needs only read access to the " +
			"workspace, and answers in every access state.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"plan": schema.StringAttribute{Computed: true,
				MarkdownDescription: "The plan subscribed to, the workspace's `plan`: `free`, `pro` or `enterprise`."},
			"status": schema.StringAttribute{Computed: true,
				MarkdownDescription: "`active`, `past_due` (a payment failed: the workspace is read-only) or `canceled` " +
					"(the workspace is suspended)."},
			"current_period_end": schema.StringAttribute{Computed: true,
				MarkdownDescription: "When the current billing period ends (RFC 3339)."},
			"cancel_at_period_end": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the subscription ends with the current period."},
		},
	}
}

func (d *subscriptionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg subscriptionDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	s, err := d.client().Subscriptions.Get(ctx, ws)
	if err != nil {
		addAPIError(&resp.Diagnostics, subscriptionDataSourceTypeName, "read", err)
		return
	}
	out := subscriptionDataModel{
		WorkspaceID:       types.StringValue(ws),
		Plan:              types.StringValue(string(s.Plan)),
		Status:            types.StringValue(s.Status),
		CurrentPeriodEnd:  timeValue(s.CurrentPeriodEnd),
		CancelAtPeriodEnd: types.BoolValue(s.CancelAtPeriodEnd),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
