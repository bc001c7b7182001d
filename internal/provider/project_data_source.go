package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
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
	attrs["id"] = lookupAttribute("Project id (`prj_...`) to look up. Exactly one of `id` and `slug` is required.",
		idValidator("prj_", "project"))
	attrs["slug"] = lookupAttribute("Slug of the project to look up.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one project the caller can see, by id or slug, in `workspace_id` or the " +
			"provider's default workspace. Projects a `member` or `viewer` has no access to are not found.",
		Attributes: attrs,
	}
}

func (d *projectDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "slug")
}

func (d *projectDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, projectDataSourceTypeName,
		func(ws string, cfg *projectModel) (*client.Project, error) {
			return d.client().Projects.Get(ctx, ws, lookupRef(cfg.ID, cfg.Slug))
		})
}
