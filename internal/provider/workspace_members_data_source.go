package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const workspaceMembersDataSourceTypeName = "platform_workspace_members"

var _ datasource.DataSourceWithConfigure = (*workspaceMembersDataSource)(nil)

// NewWorkspaceMembersDataSource is the platform_workspace_members data source.
func NewWorkspaceMembersDataSource() datasource.DataSource { return &workspaceMembersDataSource{} }

type workspaceMembersDataSource struct {
	baseDataSource
}

type workspaceMembersDataModel struct {
	WorkspaceID types.String           `tfsdk:"workspace_id"`
	Members     []workspaceMemberModel `tfsdk:"members"`
}

func (d *workspaceMembersDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = workspaceMembersDataSourceTypeName
}

func (d *workspaceMembersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the explicit members of a workspace (`workspace_id` or the provider's default " +
			"workspace), invited and active, oldest first. Members of a managing organization are implicit admins " +
			"and are not listed.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"members":      computedObjectList("The members, in the order they joined.", workspaceMemberDataAttributes()),
		},
	}
}

func (d *workspaceMembersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg workspaceMembersDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[workspaceMemberModel](resp, workspaceMembersDataSourceTypeName, d.client().WorkspaceMembers.All(ctx, ws))
	if !ok {
		return
	}
	out := workspaceMembersDataModel{WorkspaceID: types.StringValue(ws), Members: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
