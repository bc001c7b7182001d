package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const deploymentsDataSourceTypeName = "platform_deployments"

var _ datasource.DataSourceWithConfigure = (*deploymentsDataSource)(nil)

// NewDeploymentsDataSource is the platform_deployments data source.
func NewDeploymentsDataSource() datasource.DataSource { return &deploymentsDataSource{} }

type deploymentsDataSource struct {
	baseDataSource
}

type deploymentsDataModel struct {
	WorkspaceID types.String      `tfsdk:"workspace_id"`
	ProjectID   types.String      `tfsdk:"project_id"`
	Deployments []deploymentModel `tfsdk:"deployments"`
}

func (d *deploymentsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = deploymentsDataSourceTypeName
}

func (d *deploymentsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every deployment of a project, oldest first. Needs `deployments.read` on the project.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"project_id":   projectIDDataSourceAttribute(),
			"deployments":  computedObjectList("The deployments, in creation order.", deploymentDataAttributes()),
		},
	}
}

func (d *deploymentsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg deploymentsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[deploymentModel](resp, deploymentsDataSourceTypeName,
		d.client().Deployments.All(ctx, ws, cfg.ProjectID.ValueString()))
	if !ok {
		return
	}
	cfg.WorkspaceID = types.StringValue(ws)
	cfg.Deployments = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
