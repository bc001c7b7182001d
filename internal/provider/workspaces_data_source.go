package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

const workspacesDataSourceTypeName = "platform_workspaces"

var _ datasource.DataSourceWithConfigure = (*workspacesDataSource)(nil)

// NewWorkspacesDataSource is the platform_workspaces data source.
func NewWorkspacesDataSource() datasource.DataSource { return &workspacesDataSource{} }

type workspacesDataSource struct {
	baseDataSource
}

type workspacesDataModel struct {
	Workspaces []workspaceDataModel `tfsdk:"workspaces"`
}

func (d *workspacesDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = workspacesDataSourceTypeName
}

func (d *workspacesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every workspace the caller can see (for an API key: its own workspace), oldest first.",
		Attributes: map[string]schema.Attribute{
			"workspaces": computedObjectList("The workspaces, in creation order.", workspaceDataAttributes()),
		},
	}
}

func (d *workspacesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, ok := listAll[workspaceDataModel](resp, workspacesDataSourceTypeName, d.client().Workspaces.All(ctx))
	if !ok {
		return
	}
	out := workspacesDataModel{Workspaces: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
