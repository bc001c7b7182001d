package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const deploymentLogsDataSourceTypeName = "platform_deployment_logs"

// maxLogLines bounds one read of a deployment's log (the API's limit); defaultLogLines is the
// API's default.
const (
	maxLogLines     = 1000
	defaultLogLines = 100
)

var _ datasource.DataSourceWithConfigure = (*deploymentLogsDataSource)(nil)

// NewDeploymentLogsDataSource is the platform_deployment_logs data source.
func NewDeploymentLogsDataSource() datasource.DataSource { return &deploymentLogsDataSource{} }

type deploymentLogsDataSource struct {
	baseDataSource
}

type deploymentLogsDataModel struct {
	WorkspaceID  types.String             `tfsdk:"workspace_id"`
	ProjectID    types.String             `tfsdk:"project_id"`
	DeploymentID types.String             `tfsdk:"deployment_id"`
	Since        types.String             `tfsdk:"since"`
	Limit        types.Int64              `tfsdk:"limit"`
	Lines        []deploymentLogLineModel `tfsdk:"lines"`
}

type deploymentLogLineModel struct {
	At       types.String `tfsdk:"at"`
	Revision types.Int64  `tfsdk:"revision"`
	Message  types.String `tfsdk:"message"`
}

func (d *deploymentLogsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = deploymentLogsDataSourceTypeName
}

func (d *deploymentLogsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a deployment's log, oldest line first: the lines the platform writes when a " +
			"revision starts (`revision 2: deploying <image> with 3 replicas; secrets: A, B; commit <sha>`), runs, " +
			"stops, fails (with the reason) or is superseded. The log never holds a secret's value nor `env` values. " +
			"Needs `logs.read` on the project. Like every data source it is read on each plan, so its lines are " +
			"those of that moment.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"project_id":   projectIDDataSourceAttribute(),
			"deployment_id": schema.StringAttribute{
				MarkdownDescription: "Id (`dep_...`) of the deployment, such as `platform_deployment.web.id`.",
				Required:            true,
				Validators:          []validator.String{idValidator("dep_", "deployment")},
			},
			"since": schema.StringAttribute{
				MarkdownDescription: "Only lines written at or after this time (RFC 3339, such as `2030-01-02T15:04:05Z`). " +
					"Default: from the start of the log.",
				Optional:   true,
				Validators: []validator.String{rfc3339Validator()},
			},
			"limit": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("At most this many lines (the oldest from `since`), 1-%d. Default %d.",
					maxLogLines, defaultLogLines),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, maxLogLines)},
			},
			"lines": computedObjectList("The log lines, oldest first.", map[string]schema.Attribute{
				"at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the line was written (RFC 3339 with fractional seconds, UTC): " +
					"use it as `since` to read on from that line."},
				"revision": schema.Int64Attribute{Computed: true, MarkdownDescription: "The revision the line is about."},
				"message":  schema.StringAttribute{Computed: true, MarkdownDescription: "The line."},
			}),
		},
	}
}

func (d *deploymentLogsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg deploymentLogsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	since, err := parseTime(cfg.Since)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("since"), "Invalid since", err.Error())
		return
	}
	opts := client.DeploymentLogsOptions{Limit: int(cfg.Limit.ValueInt64())}
	if since != nil {
		opts.Since = *since
	}
	lines, err := d.client().Deployments.Logs(ctx, ws, cfg.ProjectID.ValueString(), cfg.DeploymentID.ValueString(), opts)
	if err != nil {
		addAPIError(&resp.Diagnostics, deploymentLogsDataSourceTypeName, "read", err)
		return
	}
	cfg.WorkspaceID = types.StringValue(ws)
	cfg.Lines = make([]deploymentLogLineModel, len(lines))
	for i, l := range lines {
		cfg.Lines[i] = deploymentLogLineModel{
			// With its fraction of a second, so that a later read can start at it (since).
			At:       types.StringValue(l.At.UTC().Format(time.RFC3339Nano)),
			Revision: types.Int64Value(l.Revision),
			Message:  types.StringValue(l.Message),
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
