package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const apiKeysDataSourceTypeName = "platform_api_keys"

var _ datasource.DataSourceWithConfigure = (*apiKeysDataSource)(nil)

// NewAPIKeysDataSource is the platform_api_keys data source.
func NewAPIKeysDataSource() datasource.DataSource { return &apiKeysDataSource{} }

type apiKeysDataSource struct {
	baseDataSource
}

type apiKeysDataModel struct {
	WorkspaceID types.String      `tfsdk:"workspace_id"`
	APIKeys     []apiKeyDataModel `tfsdk:"api_keys"`
}

func (d *apiKeysDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = apiKeysDataSourceTypeName
}

func (d *apiKeysDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every API key of a workspace, oldest first, expired ones included, never with " +
			"secrets. Needs the `api_keys.manage` permission.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"api_keys": schema.ListNestedAttribute{
				MarkdownDescription: "The API keys, in creation order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: apiKeyDataAttributes()},
			},
		},
	}
}

func (d *apiKeysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg apiKeysDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws := d.data.workspaceID(ctx, cfg.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := client.Collect(d.client().APIKeys.All(ctx, ws))
	if err != nil {
		addAPIError(&resp.Diagnostics, apiKeysDataSourceTypeName, "read", err)
		return
	}
	out := apiKeysDataModel{WorkspaceID: types.StringValue(ws), APIKeys: make([]apiKeyDataModel, len(list))}
	for i := range list {
		out.APIKeys[i].fromAPI(&list[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
