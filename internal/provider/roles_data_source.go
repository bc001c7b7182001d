package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
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
			"roles": schema.ListNestedAttribute{
				MarkdownDescription: "The custom roles, in creation order.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: roleDataAttributes()},
			},
		},
	}
}

func (d *rolesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg rolesDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws := d.data.workspaceID(ctx, cfg.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := client.Collect(d.client().Roles.All(ctx, ws))
	if err != nil {
		addAPIError(&resp.Diagnostics, rolesDataSourceTypeName, "read", err)
		return
	}
	out := rolesDataModel{WorkspaceID: types.StringValue(ws), Roles: make([]roleDataModel, len(list))}
	for i := range list {
		out.Roles[i].fromAPI(&list[i])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
