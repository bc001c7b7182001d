package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const rolesDataSourceTypeName = "platform_roles"

var _ datasource.DataSourceWithConfigure = (*rolesDataSource)(nil)

// NewRolesDataSource is the platform_roles data source.
func NewRolesDataSource() datasource.DataSource { return &rolesDataSource{} }

type rolesDataSource struct {
	baseDataSource
}

type rolesDataModel struct {
	WorkspaceID types.String    `tfsdk:"workspace_id"`
	Roles       []roleDataModel `tfsdk:"roles"`
}

func (d *rolesDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = rolesDataSourceTypeName
}

func (d *rolesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every custom role of a workspace, oldest first.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"roles":        computedObjectList("The custom roles, in creation order.", roleDataAttributes()),
		},
	}
}

func (d *rolesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg rolesDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[roleDataModel](resp, rolesDataSourceTypeName, d.client().Roles.All(ctx, ws))
	if !ok {
		return
	}
	out := rolesDataModel{WorkspaceID: types.StringValue(ws), Roles: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
