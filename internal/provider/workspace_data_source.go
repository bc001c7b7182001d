package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const workspaceDataSourceTypeName = "platform_workspace"

var (
	_ datasource.DataSourceWithConfigure        = (*workspaceDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*workspaceDataSource)(nil)
)

// NewWorkspaceDataSource is the platform_workspace data source.
func NewWorkspaceDataSource() datasource.DataSource { return &workspaceDataSource{} }

type workspaceDataSource struct {
	baseDataSource
}

// workspaceDataModel is one workspace as data sources show it (platform_workspace and the
// elements of platform_workspaces).
type workspaceDataModel struct {
	ID                     types.String `tfsdk:"id"`
	Slug                   types.String `tfsdk:"slug"`
	Name                   types.String `tfsdk:"name"`
	Description            types.String `tfsdk:"description"`
	Plan                   types.String `tfsdk:"plan"`
	ManagingOrganizationID types.String `tfsdk:"managing_organization_id"`
	Settings               types.Map    `tfsdk:"settings"`
	CreatedAt              types.String `tfsdk:"created_at"`
}

func (m *workspaceDataModel) fromAPI(ws *client.Workspace) {
	m.ID = types.StringValue(ws.ID)
	m.Slug = types.StringValue(ws.Slug)
	m.Name = types.StringValue(ws.Name)
	m.Description = types.StringValue(ws.Description)
	m.Plan = types.StringValue(string(ws.Plan))
	m.ManagingOrganizationID = optionalString(ws.ManagingOrganizationID)
	m.Settings = stringMapValue(ws.Settings)
	m.CreatedAt = timeValue(ws.CreatedAt)
}

// workspaceDataAttributes describes a workspace's attributes, all computed.
func workspaceDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                       schema.StringAttribute{Computed: true, MarkdownDescription: "Workspace id (`ws_...`)."},
		"slug":                     schema.StringAttribute{Computed: true, MarkdownDescription: "Unique slug."},
		"name":                     schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
		"description":              schema.StringAttribute{Computed: true, MarkdownDescription: "Free text."},
		"plan":                     schema.StringAttribute{Computed: true, MarkdownDescription: "Billing plan: `free`, `pro` or `enterprise`."},
		"managing_organization_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id of the managing organization, if any."},
		"settings": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Free-form string settings."},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the workspace was created (RFC 3339, UTC)."},
	}
}

func (d *workspaceDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = workspaceDataSourceTypeName
}

func (d *workspaceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := workspaceDataAttributes()
	attrs["id"] = lookupAttribute("Workspace id (`ws_...`) to look up. Conflicts with `slug`; with neither, "+
		"the provider's default `workspace`.", idValidator("ws_", "workspace"))
	attrs["slug"] = lookupAttribute("Slug of the workspace to look up. Conflicts with `id`.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one workspace the caller can see, by id or slug (or the provider's default workspace).",
		Attributes:          attrs,
	}
}

func (d *workspaceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.Conflicting(path.MatchRoot("id"), path.MatchRoot("slug")),
	}
}

func (d *workspaceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg workspaceDataModel
	if !readConfig(ctx, req, resp, &cfg) {
		return
	}
	ref := lookupRef(cfg.ID, cfg.Slug)
	if ref == "" {
		// The default workspace is taken as written (id or slug): the GET below resolves it, so
		// looking it up first would be a second request.
		ref = d.data.defaultWorkspace
	}
	if ref == "" {
		resp.Diagnostics.AddError("Missing workspace",
			"Set id or slug, or a default workspace with the provider attribute workspace or the "+EnvWorkspace+" environment variable.")
		return
	}
	ws, err := d.client().Workspaces.Get(ctx, ref)
	saveOne(ctx, resp, workspaceDataSourceTypeName, &cfg, ws, err)
}
