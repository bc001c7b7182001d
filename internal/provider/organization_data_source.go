package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
			"id": schema.StringAttribute{
				MarkdownDescription: "Organization id (`org_...`) to look up. Exactly one of `id` and `slug` is required.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{idValidator("org_", "organization")},
			},
			"slug": schema.StringAttribute{
				MarkdownDescription: "Slug of the organization to look up.",
				Optional:            true,
				Computed:            true,
			},
			"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
			"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the organization was created (RFC 3339, UTC)."},
		},
	}
}

func (d *organizationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("slug")),
	}
}

// Read shares organizationModel and its fromAPI with the resource: the attributes are the same.
func (d *organizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg organizationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := cfg.ID.ValueString()
	if ref == "" {
		ref = cfg.Slug.ValueString()
	}
	org, err := d.client().Organizations.Get(ctx, ref)
	if err != nil {
		addAPIError(&resp.Diagnostics, organizationDataSourceTypeName, "read", err)
		return
	}
	cfg.fromAPI(org)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
