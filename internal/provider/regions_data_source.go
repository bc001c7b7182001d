package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const regionsDataSourceTypeName = "platform_regions"

var _ datasource.DataSourceWithConfigure = (*regionsDataSource)(nil)

// NewRegionsDataSource is the platform_regions data source.
func NewRegionsDataSource() datasource.DataSource { return &regionsDataSource{} }

type regionsDataSource struct {
	baseDataSource
}

type regionsDataModel struct {
	WorkspaceID types.String      `tfsdk:"workspace_id"`
	Regions     []regionDataModel `tfsdk:"regions"`
}

func (d *regionsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = regionsDataSourceTypeName
}

func (d *regionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every region of a workspace, oldest first.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"regions":      computedObjectList("The regions, in creation order.", regionDataAttributes()),
		},
	}
}

func (d *regionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg regionsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[regionDataModel](resp, regionsDataSourceTypeName, d.client().Regions.All(ctx, ws))
	if !ok {
		return
	}
	out := regionsDataModel{WorkspaceID: types.StringValue(ws), Regions: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
