package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const workspaceUsageDataSourceTypeName = "platform_workspace_usage"

var _ datasource.DataSourceWithConfigure = (*workspaceUsageDataSource)(nil)

// NewWorkspaceUsageDataSource is the platform_workspace_usage data source.
func NewWorkspaceUsageDataSource() datasource.DataSource { return &workspaceUsageDataSource{} }

type workspaceUsageDataSource struct {
	baseDataSource
}

type workspaceUsageDataModel struct {
	WorkspaceID               types.String     `tfsdk:"workspace_id"`
	Plan                      types.String     `tfsdk:"plan"`
	PaidListedProductsAllowed types.Bool       `tfsdk:"paid_listed_products_allowed"`
	Limits                    quotaCountsModel `tfsdk:"limits"`
	Usage                     quotaCountsModel `tfsdk:"usage"`
}

// quotaCountsModel is one set of per-kind counts: a plan's limits or a workspace's usage.
type quotaCountsModel struct {
	Projects            types.Int64 `tfsdk:"projects"`
	Members             types.Int64 `tfsdk:"members"`
	APIKeys             types.Int64 `tfsdk:"api_keys"`
	Regions             types.Int64 `tfsdk:"regions"`
	Clusters            types.Int64 `tfsdk:"clusters"`
	CustomRoles         types.Int64 `tfsdk:"custom_roles"`
	Products            types.Int64 `tfsdk:"products"`
	Installations       types.Int64 `tfsdk:"installations"`
	Deployments         types.Int64 `tfsdk:"deployments"`
	Secrets             types.Int64 `tfsdk:"secrets"`
	GitHubInstallations types.Int64 `tfsdk:"github_installations"`
}

func quotaCountsFromAPI(q client.QuotaCounts) quotaCountsModel {
	return quotaCountsModel{
		Projects:            types.Int64Value(int64(q.Projects)),
		Members:             types.Int64Value(int64(q.Members)),
		APIKeys:             types.Int64Value(int64(q.APIKeys)),
		Regions:             types.Int64Value(int64(q.Regions)),
		Clusters:            types.Int64Value(int64(q.Clusters)),
		CustomRoles:         types.Int64Value(int64(q.CustomRoles)),
		Products:            types.Int64Value(int64(q.Products)),
		Installations:       types.Int64Value(int64(q.Installations)),
		Deployments:         types.Int64Value(int64(q.Deployments)),
		Secrets:             types.Int64Value(int64(q.Secrets)),
		GitHubInstallations: types.Int64Value(int64(q.GitHubInstallations)),
	}
}

func quotaCountsAttribute(desc, what string) schema.SingleNestedAttribute {
	count := func(kind string) schema.Int64Attribute {
		return schema.Int64Attribute{Computed: true, MarkdownDescription: what + " " + kind + "."}
	}
	return schema.SingleNestedAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		Attributes: map[string]schema.Attribute{
			"projects":             count("projects"),
			"members":              count("members (invited and active)"),
			"api_keys":             count("API keys"),
			"regions":              count("regions"),
			"clusters":             count("clusters"),
			"custom_roles":         count("custom roles"),
			"products":             count("products"),
			"installations":        count("installations"),
			"deployments":          count("deployments"),
			"secrets":              count("secrets"),
			"github_installations": count("GitHub App installations"),
		},
	}
}

func (d *workspaceUsageDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = workspaceUsageDataSourceTypeName
}

func (d *workspaceUsageDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads a workspace's plan, the plan's quotas and how much of each the workspace uses " +
			"(`GET /v1/workspaces/{ws}/usage`), e.g. to check headroom before adding clusters.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"plan":         schema.StringAttribute{Computed: true, MarkdownDescription: "The workspace's plan: `free`, `pro` or `enterprise`."},
			"paid_listed_products_allowed": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the plan allows listing products with a price in the marketplace (`pro` and `enterprise`)."},
			"limits": quotaCountsAttribute("The plan's quotas. A `custom_roles` limit of 0 means the plan allows no custom roles.",
				"Most"),
			"usage": quotaCountsAttribute("What the workspace holds now.", "Number of"),
		},
	}
}

func (d *workspaceUsageDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg workspaceUsageDataModel
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("workspace_id"), &cfg.WorkspaceID)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws := d.data.workspaceID(ctx, cfg.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	u, err := d.client().Usage.Get(ctx, ws)
	if err != nil {
		addAPIError(&resp.Diagnostics, workspaceUsageDataSourceTypeName, "read", err)
		return
	}
	out := workspaceUsageDataModel{
		WorkspaceID:               types.StringValue(ws),
		Plan:                      types.StringValue(string(u.Plan)),
		PaidListedProductsAllowed: types.BoolValue(u.Limits.PaidListedProducts),
		Limits:                    quotaCountsFromAPI(u.Limits.QuotaCounts),
		Usage:                     quotaCountsFromAPI(u.Usage.QuotaCounts),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
