package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const productReleaseDataSourceTypeName = "platform_product_release"

var (
	_ datasource.DataSourceWithConfigure        = (*productReleaseDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*productReleaseDataSource)(nil)
)

// NewProductReleaseDataSource is the platform_product_release data source.
func NewProductReleaseDataSource() datasource.DataSource { return &productReleaseDataSource{} }

type productReleaseDataSource struct {
	baseDataSource
}

// productReleaseDataModel is one release as data sources show it (platform_product_release and
// the elements of platform_product_releases): the resource's attributes, all computed.
type productReleaseDataModel = productReleaseModel

// productReleaseDataAttributes describes a release's attributes, all computed.
func productReleaseDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Release id (`rel_...`)."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"product_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`prod_...`) of the product."},
		"tag":          schema.StringAttribute{Computed: true, MarkdownDescription: "Semantic version, unique per product."},
		"chart":        schema.StringAttribute{Computed: true, MarkdownDescription: "The Helm chart reference."},
		"notes":        schema.StringAttribute{Computed: true, MarkdownDescription: "Release notes."},
		"yanked": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether the release is withdrawn (not newly installable)."},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the release was created (RFC 3339, UTC)."},
	}
}

// productRefAttribute is the product_id argument of the release data sources.
func productRefAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Id (`prod_...`) of the product.",
		Required:            true,
		Validators:          []validator.String{idValidator("prod_", "product")},
	}
}

func (d *productReleaseDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = productReleaseDataSourceTypeName
}

func (d *productReleaseDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := productReleaseDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["product_id"] = productRefAttribute()
	attrs["id"] = lookupAttribute("Release id (`rel_...`) to look up. Exactly one of `id` and `tag` is required.",
		idValidator("rel_", "release"))
	attrs["tag"] = lookupAttribute("Tag of the release to look up, such as `1.4.0`.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one release of a product, by tag or id (yanked ones too). Needs `products.read`.",
		Attributes:          attrs,
	}
}

func (d *productReleaseDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "tag")
}

func (d *productReleaseDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, productReleaseDataSourceTypeName,
		func(ws string, cfg *productReleaseDataModel) (*client.Release, error) {
			return d.client().Releases.Get(ctx, ws, cfg.ProductID.ValueString(), lookupRef(cfg.ID, cfg.Tag))
		})
}
