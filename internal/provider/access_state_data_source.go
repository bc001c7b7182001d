package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const accessStateDataSourceTypeName = "platform_access_state"

var _ datasource.DataSourceWithConfigure = (*accessStateDataSource)(nil)

// NewAccessStateDataSource is the platform_access_state data source.
func NewAccessStateDataSource() datasource.DataSource { return &accessStateDataSource{} }

type accessStateDataSource struct {
	baseDataSource
}

type accessStateDataModel struct {
	WorkspaceID types.String `tfsdk:"workspace_id"`
	State       types.String `tfsdk:"state"`
	Reason      types.String `tfsdk:"reason"`
	Since       types.String `tfsdk:"since"`
}

func (d *accessStateDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = accessStateDataSourceTypeName
}

func (d *accessStateDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads what a workspace's subscription lets its members do " +
			"(`GET /v1/workspaces/{ws}/access-state`), e.g. for a `check` block or a precondition that stops a " +
			"pipeline early for a customer whose workspace is no longer writable. In `read_only` every mutation in " +
			"the workspace is refused (except billing, removing members, deleting API keys and deleting the " +
			"workspace), and plans that would write to it fail with the server's message; in `suspended` only the " +
			"workspace itself, its subscription, access state and billing answer. Needs only read access to the " +
			"workspace, and answers in every access state.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"state": schema.StringAttribute{Computed: true,
				MarkdownDescription: "`full`, `read_only` (subscription `past_due`) or `suspended` (subscription `canceled`)."},
			"reason": schema.StringAttribute{Computed: true,
				MarkdownDescription: "What decided the state, as the server's refusals name it (e.g. `subscription past_due`); " +
					"empty when `full`."},
			"since": schema.StringAttribute{Computed: true,
				MarkdownDescription: "When the workspace entered this state (RFC 3339)."},
		},
	}
}

func (d *accessStateDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg accessStateDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	s, err := d.client().AccessStates.Get(ctx, ws)
	if err != nil {
		addAPIError(&resp.Diagnostics, accessStateDataSourceTypeName, "read", err)
		return
	}
	out := accessStateDataModel{
		WorkspaceID: types.StringValue(ws),
		State:       types.StringValue(s.State),
		Reason:      types.StringValue(s.Reason),
		Since:       timeValue(s.Since),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
