package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const productReleasesDataSourceTypeName = "platform_product_releases"

var _ datasource.DataSourceWithConfigure = (*productReleasesDataSource)(nil)

// NewProductReleasesDataSource is the platform_product_releases data source.
func NewProductReleasesDataSource() datasource.DataSource { return &productReleasesDataSource{} }

type productReleasesDataSource struct {
	baseDataSource
}

type productReleasesDataModel struct {
	WorkspaceID types.String              `tfsdk:"workspace_id"`
	ProductID   types.String              `tfsdk:"product_id"`
	Releases    []productReleaseDataModel `tfsdk:"releases"`
}

func (d *productReleasesDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = productReleasesDataSourceTypeName
}

func (d *productReleasesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every release of a product, yanked ones included, oldest first. Needs `products.read`.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"product_id":   productRefAttribute(),
			"releases":     computedObjectList("The releases, in creation order.", productReleaseDataAttributes()),
		},
	}
}

func (d *productReleasesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg productReleasesDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[productReleaseDataModel](resp, productReleasesDataSourceTypeName,
		d.client().Releases.All(ctx, ws, cfg.ProductID.ValueString()))
	if !ok {
		return
	}
	out := productReleasesDataModel{WorkspaceID: types.StringValue(ws), ProductID: cfg.ProductID, Releases: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
