package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

const projectDataSourceTypeName = "platform_project"

var (
	_ datasource.DataSourceWithConfigure        = (*projectDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*projectDataSource)(nil)
)

// NewProjectDataSource is the platform_project data source.
func NewProjectDataSource() datasource.DataSource { return &projectDataSource{} }

type projectDataSource struct {
	baseDataSource
}

// projectDataAttributes describes a project's attributes, all computed (platform_project reads
// them, platform_projects lists them). The resource's projectModel and fromAPI fit both.
func projectDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Project id (`prj_...`)."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"slug":         schema.StringAttribute{Computed: true, MarkdownDescription: "Slug, unique within the workspace."},
		"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
		"description":  schema.StringAttribute{Computed: true, MarkdownDescription: "Free text."},
		"created_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "When the project was created (RFC 3339, UTC)."},
	}
}

func (d *projectDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = projectDataSourceTypeName
}

func (d *projectDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := projectDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "Project id (`prj_...`) to look up. Exactly one of `id` and `slug` is required.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{idValidator("prj_", "project")},
	}
	attrs["slug"] = schema.StringAttribute{
		MarkdownDescription: "Slug of the project to look up.",
		Optional:            true,
		Computed:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one project the caller can see, by id or slug, in `workspace_id` or the " +
			"provider's default workspace. Projects a `member` or `viewer` has no access to are not found.",
		Attributes: attrs,
	}
}

func (d *projectDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("slug")),
	}
}

func (d *projectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws := d.data.workspaceID(ctx, cfg.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := cfg.ID.ValueString()
	if ref == "" {
		ref = cfg.Slug.ValueString()
	}
	p, err := d.client().Projects.Get(ctx, ws, ref)
	if err != nil {
		addAPIError(&resp.Diagnostics, projectDataSourceTypeName, "read", err)
		return
	}
	cfg.fromAPI(p)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
