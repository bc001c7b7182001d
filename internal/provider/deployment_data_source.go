package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const deploymentDataSourceTypeName = "platform_deployment"

var (
	_ datasource.DataSourceWithConfigure        = (*deploymentDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*deploymentDataSource)(nil)
)

// NewDeploymentDataSource is the platform_deployment data source.
func NewDeploymentDataSource() datasource.DataSource { return &deploymentDataSource{} }

type deploymentDataSource struct {
	baseDataSource
}

// deploymentDataAttributes describes a deployment, all computed (platform_deployment reads one,
// platform_deployments lists them). The resource's deploymentModel and fromAPI fit both.
func deploymentDataAttributes() map[string]schema.Attribute {
	source := map[string]schema.Attribute{}
	for name, desc := range deploymentSourceDescriptions {
		source[name] = schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"id":           str("Deployment id (`dep_...`)."),
		"workspace_id": str("Id (`ws_...`) of the workspace."),
		"project_id":   str("Id (`prj_...`) of the project."),
		"name":         str("Name, unique in the project."),
		"cluster_id":   str("Id (`cls_...`) of the cluster it runs on."),
		"image":        str("Container image (`registry/path:tag` or `registry/path@sha256:...`)."),
		"replicas":     schema.Int64Attribute{Computed: true, MarkdownDescription: "Number of replicas; 0 is stopped."},
		"env": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Environment variables (not secret)."},
		"secrets": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Names of the workspace's secrets it receives as environment variables."},
		"source": schema.SingleNestedAttribute{Computed: true, Attributes: source,
			MarkdownDescription: "The GitHub repository and branch whose pushes make new revisions; null without one."},
		"status": str("`deploying`, `running`, `stopped` (0 replicas), `failed` or `deleting`."),
		"revision": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "The current revision: 1 on create, + 1 with every change, redeploy and push."},
		"commit_sha": str("With a source, the last commit pushed to its branch; null before the first push."),
		"url":        str("Where the deployment answers, fixed at creation."),
		"created_at": str("When the deployment was created (RFC 3339, UTC)."),
	}
}

func (d *deploymentDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = deploymentDataSourceTypeName
}

func (d *deploymentDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := deploymentDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["project_id"] = projectIDDataSourceAttribute()
	attrs["id"] = lookupAttribute("Deployment id (`dep_...`) to look up. Exactly one of `id` and `name` is required.",
		idValidator("dep_", "deployment"))
	attrs["name"] = lookupAttribute("Name of the deployment to look up.", nameValidator())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one deployment of a project, by name or id: what it runs, its status, revision " +
			"and URL. Needs `deployments.read` on the project.",
		Attributes: attrs,
	}
}

func (d *deploymentDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "name")
}

func (d *deploymentDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, deploymentDataSourceTypeName,
		func(ws string, cfg *deploymentModel) (*client.Deployment, error) {
			return d.client().Deployments.Get(ctx, ws, cfg.ProjectID.ValueString(), lookupRef(cfg.ID, cfg.Name))
		})
}
