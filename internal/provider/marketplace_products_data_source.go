package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const marketplaceProductsDataSourceTypeName = "platform_marketplace_products"

var _ datasource.DataSourceWithConfigure = (*marketplaceProductsDataSource)(nil)

// NewMarketplaceProductsDataSource is the platform_marketplace_products data source.
func NewMarketplaceProductsDataSource() datasource.DataSource {
	return &marketplaceProductsDataSource{}
}

type marketplaceProductsDataSource struct {
	baseDataSource
}

type marketplaceProductsDataModel struct {
	Products []marketplaceProductModel `tfsdk:"products"`
}

type marketplaceProductModel struct {
	ID           types.String              `tfsdk:"id"`
	Slug         types.String              `tfsdk:"slug"`
	Name         types.String              `tfsdk:"name"`
	Description  types.String              `tfsdk:"description"`
	Visibility   types.String              `tfsdk:"visibility"`
	Price        types.Object              `tfsdk:"price"`
	InstallCount types.Int64               `tfsdk:"install_count"`
	Releases     []marketplaceReleaseModel `tfsdk:"releases"`
	CreatedAt    types.String              `tfsdk:"created_at"`
}

type marketplaceReleaseModel struct {
	Tag   types.String `tfsdk:"tag"`
	Chart types.String `tfsdk:"chart"`
	Notes types.String `tfsdk:"notes"`
}

func (m *marketplaceProductModel) fromAPI(p *client.MarketplaceProduct) {
	m.ID = types.StringValue(p.ID)
	m.Slug = types.StringValue(p.Slug)
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringValue(p.Description)
	m.Visibility = types.StringValue(string(p.Visibility))
	m.Price = priceValue(p.Price)
	m.InstallCount = types.Int64Value(int64(p.InstallCount))
	m.CreatedAt = timeValue(p.CreatedAt)
	m.Releases = make([]marketplaceReleaseModel, len(p.Releases))
	for i, r := range p.Releases {
		m.Releases[i] = marketplaceReleaseModel{Tag: types.StringValue(r.Tag), Chart: types.StringValue(r.Chart), Notes: types.StringValue(r.Notes)}
	}
}

func (d *marketplaceProductsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = marketplaceProductsDataSourceTypeName
}

func (d *marketplaceProductsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the marketplace: the listed products of every workspace, oldest first, each with its " +
			"installable releases. Any user or API key may read it; nothing about the vendor is shown (not even its " +
			"workspace). Private products are not in it.",
		Attributes: map[string]schema.Attribute{
			"products": computedObjectList("The listed products, in creation order.", map[string]schema.Attribute{
				"id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Product id (`prod_...`), to install it."},
				"slug":        schema.StringAttribute{Computed: true, MarkdownDescription: "Slug, unique in its vendor's workspace."},
				"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
				"description": schema.StringAttribute{Computed: true, MarkdownDescription: "Free text."},
				"visibility":  schema.StringAttribute{Computed: true, MarkdownDescription: "Always `listed`."},
				"price":       priceDataAttribute(),
				"install_count": schema.Int64Attribute{Computed: true,
					MarkdownDescription: "How many installations, in every workspace, run the product."},
				"releases": computedObjectList("The releases that can be installed (not yanked), highest semantic version first.",
					map[string]schema.Attribute{
						"tag":   schema.StringAttribute{Computed: true, MarkdownDescription: "Semantic version."},
						"chart": schema.StringAttribute{Computed: true, MarkdownDescription: "The Helm chart reference."},
						"notes": schema.StringAttribute{Computed: true, MarkdownDescription: "Release notes."},
					}),
				"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the product was created (RFC 3339, UTC)."},
			}),
		},
	}
}

func (d *marketplaceProductsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, ok := listAll[marketplaceProductModel](resp, marketplaceProductsDataSourceTypeName, d.client().Marketplace.All(ctx))
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &marketplaceProductsDataModel{Products: list})...)
}
