package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const secretsDataSourceTypeName = "platform_secrets"

var _ datasource.DataSourceWithConfigure = (*secretsDataSource)(nil)

// NewSecretsDataSource is the platform_secrets data source.
func NewSecretsDataSource() datasource.DataSource { return &secretsDataSource{} }

type secretsDataSource struct {
	baseDataSource
}

type secretsDataModel struct {
	WorkspaceID types.String      `tfsdk:"workspace_id"`
	Secrets     []secretDataModel `tfsdk:"secrets"`
}

func (d *secretsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = secretsDataSourceTypeName
}

func (d *secretsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every secret of a workspace, oldest first (never their values). Needs `secrets.read`.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"secrets":      computedObjectList("The secrets, in creation order.", secretDataAttributes()),
		},
	}
}

func (d *secretsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg secretsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[secretDataModel](resp, secretsDataSourceTypeName, d.client().Secrets.All(ctx, ws))
	if !ok {
		return
	}
	out := secretsDataModel{WorkspaceID: types.StringValue(ws), Secrets: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
