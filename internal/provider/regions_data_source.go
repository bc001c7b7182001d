package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
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
			"regions": schema.ListNestedAttribute{
				MarkdownDescription: "The regions, in creation order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: regionDataAttributes()},
			},
		},
	}
}

func (d *regionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg regionsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws := d.data.workspaceID(ctx, cfg.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := client.Collect(d.client().Regions.All(ctx, ws))
	if err != nil {
		addAPIError(&resp.Diagnostics, regionsDataSourceTypeName, "read", err)
		return
	}
	out := regionsDataModel{WorkspaceID: types.StringValue(ws), Regions: make([]regionDataModel, len(list))}
	for i := range list {
		out.Regions[i].fromAPI(&list[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
