package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
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
			"members": schema.ListNestedAttribute{
				MarkdownDescription: "The members, in the order they joined.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: workspaceMemberDataAttributes()},
			},
		},
	}
}

func (d *workspaceMembersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg workspaceMembersDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws := d.data.workspaceID(ctx, cfg.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := client.Collect(d.client().WorkspaceMembers.All(ctx, ws))
	if err != nil {
		addAPIError(&resp.Diagnostics, workspaceMembersDataSourceTypeName, "read", err)
		return
	}
	out := workspaceMembersDataModel{WorkspaceID: types.StringValue(ws), Members: make([]workspaceMemberModel, len(list))}
	for i := range list {
		out.Members[i].fromAPI(&list[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
