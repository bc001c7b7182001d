package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
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
			"api_keys":     computedObjectList("The API keys, in creation order.", apiKeyDataAttributes()),
		},
	}
}

func (d *apiKeysDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg apiKeysDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[apiKeyDataModel](resp, apiKeysDataSourceTypeName, d.client().APIKeys.All(ctx, ws))
	if !ok {
		return
	}
	out := apiKeysDataModel{WorkspaceID: types.StringValue(ws), APIKeys: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
