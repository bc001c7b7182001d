package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const productsDataSourceTypeName = "platform_products"

var _ datasource.DataSourceWithConfigure = (*productsDataSource)(nil)

// NewProductsDataSource is the platform_products data source.
func NewProductsDataSource() datasource.DataSource { return &productsDataSource{} }

type productsDataSource struct {
	baseDataSource
}

type productsDataModel struct {
	WorkspaceID types.String       `tfsdk:"workspace_id"`
	Products    []productDataModel `tfsdk:"products"`
}

func (d *productsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = productsDataSourceTypeName
}

func (d *productsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every product of a workspace, private and listed, oldest first. Needs `products.read`.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"products":     computedObjectList("The products, in creation order.", productDataAttributes()),
		},
	}
}

func (d *productsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg productsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[productDataModel](resp, productsDataSourceTypeName, d.client().Products.All(ctx, ws))
	if !ok {
		return
	}
	out := productsDataModel{WorkspaceID: types.StringValue(ws), Products: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
