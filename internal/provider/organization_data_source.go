package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const organizationDataSourceTypeName = "platform_organization"

var (
	_ datasource.DataSourceWithConfigure        = (*organizationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*organizationDataSource)(nil)
)

// NewOrganizationDataSource is the platform_organization data source.
func NewOrganizationDataSource() datasource.DataSource { return &organizationDataSource{} }

type organizationDataSource struct {
	baseDataSource
}

func (d *organizationDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = organizationDataSourceTypeName
}

func (d *organizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one organization the caller belongs to, by id or slug.",
		Attributes: map[string]schema.Attribute{
			"id": lookupAttribute("Organization id (`org_...`) to look up. Exactly one of `id` and `slug` is required.",
				idValidator("org_", "organization")),
			"slug":       lookupAttribute("Slug of the organization to look up."),
			"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the organization was created (RFC 3339, UTC)."},
		},
	}
}

func (d *organizationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "slug")
}

// Read shares organizationModel and its fromAPI with the resource: the attributes are the same.
func (d *organizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, organizationDataSourceTypeName, func(cfg *organizationModel) (*client.Organization, error) {
		return d.client().Organizations.Get(ctx, lookupRef(cfg.ID, cfg.Slug))
	})
}
