package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const projectMembersDataSourceTypeName = "platform_project_members"

var _ datasource.DataSourceWithConfigure = (*projectMembersDataSource)(nil)

// NewProjectMembersDataSource is the platform_project_members data source.
func NewProjectMembersDataSource() datasource.DataSource { return &projectMembersDataSource{} }

type projectMembersDataSource struct {
	baseDataSource
}

type projectMembersDataModel struct {
	WorkspaceID types.String         `tfsdk:"workspace_id"`
	ProjectID   types.String         `tfsdk:"project_id"`
	Members     []projectMemberModel `tfsdk:"members"`
}

func (d *projectMembersDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = projectMembersDataSourceTypeName
}

func (d *projectMembersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists a project's members (its role overrides), oldest first. Workspace owners and " +
			"admins reach the project through their workspace role and are listed only if they have an override.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"project_id":   projectIDDataSourceAttribute(),
			"members":      computedObjectList("The overrides, in creation order.", projectMemberDataAttributes()),
		},
	}
}

func (d *projectMembersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectMembersDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[projectMemberModel](resp, projectMembersDataSourceTypeName,
		d.client().ProjectMembers.All(ctx, ws, cfg.ProjectID.ValueString()))
	if !ok {
		return
	}
	cfg.WorkspaceID = types.StringValue(ws)
	cfg.Members = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
