package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const githubInstallationDataSourceTypeName = "platform_github_installation"

var (
	_ datasource.DataSourceWithConfigure        = (*githubInstallationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*githubInstallationDataSource)(nil)
)

// NewGitHubInstallationDataSource is the platform_github_installation data source.
func NewGitHubInstallationDataSource() datasource.DataSource { return &githubInstallationDataSource{} }

type githubInstallationDataSource struct {
	baseDataSource
}

// githubInstallationDataModel is one connection as data sources show it.
type githubInstallationDataModel struct {
	ID                  types.String `tfsdk:"id"`
	WorkspaceID         types.String `tfsdk:"workspace_id"`
	InstallationID      types.Int64  `tfsdk:"installation_id"`
	AccountLogin        types.String `tfsdk:"account_login"`
	AccountType         types.String `tfsdk:"account_type"`
	RepositorySelection types.String `tfsdk:"repository_selection"`
	Repositories        types.Set    `tfsdk:"repositories"`
	Status              types.String `tfsdk:"status"`
	CreatedAt           types.String `tfsdk:"created_at"`
}

func (m *githubInstallationDataModel) fromAPI(g *client.GitHubInstallation) {
	m.ID = types.StringValue(g.ID)
	m.WorkspaceID = types.StringValue(g.WorkspaceID)
	m.InstallationID = types.Int64Value(g.InstallationID)
	m.AccountLogin = types.StringValue(g.AccountLogin)
	m.AccountType = types.StringValue(g.AccountType)
	m.RepositorySelection = types.StringValue(g.RepositorySelection)
	m.Repositories = stringSetValue(g.Repositories)
	m.Status = types.StringValue(g.Status)
	m.CreatedAt = timeValue(g.CreatedAt)
}

// githubInstallationDataAttributes describes a connection's attributes, all computed.
func githubInstallationDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                   schema.StringAttribute{Computed: true, MarkdownDescription: "Connection id (`ghi_...`)."},
		"workspace_id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"installation_id":      schema.Int64Attribute{Computed: true, MarkdownDescription: "GitHub's id of the installation."},
		"account_login":        schema.StringAttribute{Computed: true, MarkdownDescription: "The GitHub account the App is installed on."},
		"account_type":         schema.StringAttribute{Computed: true, MarkdownDescription: "`User` or `Organization`."},
		"repository_selection": schema.StringAttribute{Computed: true, MarkdownDescription: "`all` or `selected`."},
		"repositories": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The repositories (`owner/name`) when `repository_selection` is `selected`; empty otherwise."},
		"status":     schema.StringAttribute{Computed: true, MarkdownDescription: "`active` or `suspended`."},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the connection was created (RFC 3339, UTC)."},
	}
}

func (d *githubInstallationDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = githubInstallationDataSourceTypeName
}

func (d *githubInstallationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := githubInstallationDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = lookupAttribute("Connection id (`ghi_...`) to look up. Exactly one of `id` and `installation_id` is required.",
		idValidator("ghi_", "GitHub App installation"))
	attrs["installation_id"] = schema.Int64Attribute{
		MarkdownDescription: "GitHub's installation id to look up.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.Int64{int64validator.AtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one GitHub App installation connected to a workspace, by GitHub's installation id or " +
			"by id. Needs `integrations.read`.",
		Attributes: attrs,
	}
}

func (d *githubInstallationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "installation_id")
}

func (d *githubInstallationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, githubInstallationDataSourceTypeName,
		func(ws string, cfg *githubInstallationDataModel) (*client.GitHubInstallation, error) {
			ref := cfg.ID.ValueString()
			if ref == "" {
				ref = strconv.FormatInt(cfg.InstallationID.ValueInt64(), 10)
			}
			return d.client().GitHubInstallations.Get(ctx, ws, ref)
		})
}
