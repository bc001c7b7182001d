package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const regionDataSourceTypeName = "platform_region"

var (
	_ datasource.DataSourceWithConfigure        = (*regionDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*regionDataSource)(nil)
)

// NewRegionDataSource is the platform_region data source.
func NewRegionDataSource() datasource.DataSource { return &regionDataSource{} }

type regionDataSource struct {
	baseDataSource
}

// regionDataModel is one region as data sources show it (platform_region and the elements of
// platform_regions).
type regionDataModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

func (m *regionDataModel) fromAPI(r *client.Region) {
	m.ID = types.StringValue(r.ID)
	m.WorkspaceID = types.StringValue(r.WorkspaceID)
	m.Name = types.StringValue(r.Name)
	m.Description = types.StringValue(r.Description)
	m.CreatedAt = timeValue(r.CreatedAt)
}

// regionDataAttributes describes a region's attributes, all computed.
func regionDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Region id (`reg_...`)."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Name, unique in the workspace."},
		"description":  schema.StringAttribute{Computed: true, MarkdownDescription: "Free text."},
		"created_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "When the region was created (RFC 3339, UTC)."},
	}
}

func (d *regionDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = regionDataSourceTypeName
}

func (d *regionDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := regionDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = lookupAttribute("Region id (`reg_...`) to look up. Exactly one of `id` and `name` is required.",
		idValidator("reg_", "region"))
	attrs["name"] = lookupAttribute("Name of the region to look up.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one region of a workspace, by name or id.",
		Attributes:          attrs,
	}
}

func (d *regionDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "name")
}

func (d *regionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, regionDataSourceTypeName,
		func(ws string, cfg *regionDataModel) (*client.Region, error) {
			return d.client().Regions.Get(ctx, ws, lookupRef(cfg.ID, cfg.Name))
		})
}
