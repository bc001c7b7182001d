package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const projectsDataSourceTypeName = "platform_projects"

var _ datasource.DataSourceWithConfigure = (*projectsDataSource)(nil)

// NewProjectsDataSource is the platform_projects data source.
func NewProjectsDataSource() datasource.DataSource { return &projectsDataSource{} }

type projectsDataSource struct {
	baseDataSource
}

type projectsDataModel struct {
	WorkspaceID types.String   `tfsdk:"workspace_id"`
	Projects    []projectModel `tfsdk:"projects"`
}

func (d *projectsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = projectsDataSourceTypeName
}

func (d *projectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the projects of a workspace that the caller can see (all of them for owners, " +
			"admins and API keys; otherwise those the caller has an override on), oldest first.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"projects":     computedObjectList("The projects, in creation order.", projectDataAttributes()),
		},
	}
}

func (d *projectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[projectModel](resp, projectsDataSourceTypeName, d.client().Projects.All(ctx, ws))
	if !ok {
		return
	}
	out := projectsDataModel{WorkspaceID: types.StringValue(ws), Projects: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
