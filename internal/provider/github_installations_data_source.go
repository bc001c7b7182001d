package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const githubInstallationsDataSourceTypeName = "platform_github_installations"

var _ datasource.DataSourceWithConfigure = (*githubInstallationsDataSource)(nil)

// NewGitHubInstallationsDataSource is the platform_github_installations data source.
func NewGitHubInstallationsDataSource() datasource.DataSource {
	return &githubInstallationsDataSource{}
}

type githubInstallationsDataSource struct {
	baseDataSource
}

type githubInstallationsDataModel struct {
	WorkspaceID         types.String                  `tfsdk:"workspace_id"`
	GitHubInstallations []githubInstallationDataModel `tfsdk:"github_installations"`
}

func (d *githubInstallationsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = githubInstallationsDataSourceTypeName
}

func (d *githubInstallationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every GitHub App installation connected to a workspace, oldest first. Needs `integrations.read`.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"github_installations": computedObjectList("The GitHub App installations, in creation order.",
				githubInstallationDataAttributes()),
		},
	}
}

func (d *githubInstallationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg githubInstallationsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[githubInstallationDataModel](resp, githubInstallationsDataSourceTypeName,
		d.client().GitHubInstallations.All(ctx, ws))
	if !ok {
		return
	}
	out := githubInstallationsDataModel{WorkspaceID: types.StringValue(ws), GitHubInstallations: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
