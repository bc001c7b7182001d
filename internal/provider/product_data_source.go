package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const productDataSourceTypeName = "platform_product"

var (
	_ datasource.DataSourceWithConfigure        = (*productDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*productDataSource)(nil)
)

// NewProductDataSource is the platform_product data source.
func NewProductDataSource() datasource.DataSource { return &productDataSource{} }

type productDataSource struct {
	baseDataSource
}

// productDataModel is one product as data sources show it (platform_product and the elements
// of platform_products): the resource's attributes, all computed.
type productDataModel = productModel

// productDataAttributes describes a product's attributes, all computed.
func productDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Product id (`prod_...`)."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace that publishes it."},
		"slug":         schema.StringAttribute{Computed: true, MarkdownDescription: "Slug, unique in the workspace."},
		"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
		"description":  schema.StringAttribute{Computed: true, MarkdownDescription: "Free text."},
		"visibility":   schema.StringAttribute{Computed: true, MarkdownDescription: "`private` or `listed` (in the marketplace)."},
		"price":        priceDataAttribute(),
		"install_count": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "How many installations, in every workspace, run the product."},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the product was created (RFC 3339, UTC)."},
	}
}

func (d *productDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = productDataSourceTypeName
}

func (d *productDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := productDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = lookupAttribute("Product id (`prod_...`) to look up. Exactly one of `id` and `slug` is required.",
		idValidator("prod_", "product"))
	attrs["slug"] = lookupAttribute("Slug of the product to look up.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one product of a workspace (private or listed), by slug or id. Needs `products.read`. " +
			"Listed products of other workspaces are read with `platform_marketplace_products`.",
		Attributes: attrs,
	}
}

func (d *productDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "slug")
}

func (d *productDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, productDataSourceTypeName,
		func(ws string, cfg *productDataModel) (*client.Product, error) {
			return d.client().Products.Get(ctx, ws, lookupRef(cfg.ID, cfg.Slug))
		})
}
