package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const workspaceMemberDataSourceTypeName = "platform_workspace_member"

var (
	_ datasource.DataSourceWithConfigure        = (*workspaceMemberDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*workspaceMemberDataSource)(nil)
)

// NewWorkspaceMemberDataSource is the platform_workspace_member data source.
func NewWorkspaceMemberDataSource() datasource.DataSource { return &workspaceMemberDataSource{} }

type workspaceMemberDataSource struct {
	baseDataSource
}

// workspaceMemberDataAttributes describes a workspace member, all computed
// (platform_workspace_member reads one, platform_workspace_members lists them). The resource's
// workspaceMemberModel and fromAPI fit both.
func workspaceMemberDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "`<workspace_id>/<user_id>`."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"user_id":      schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`usr_...`) of the member's user."},
		"email":        schema.StringAttribute{Computed: true, MarkdownDescription: "E-mail of the member."},
		"role": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Workspace role: `owner`, `admin`, `member`, `viewer`, or a custom role id (`role_...`)."},
		"status": schema.StringAttribute{Computed: true, MarkdownDescription: "`invited` until the user first uses the workspace, then `active`."},
	}
}

func (d *workspaceMemberDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = workspaceMemberDataSourceTypeName
}

func (d *workspaceMemberDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := workspaceMemberDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	addMemberLookupAttributes(attrs)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one explicit member of a workspace (`workspace_id` or the provider's default " +
			"workspace) by e-mail or user id. Members of a managing organization are implicit admins, not members, " +
			"and are not found here.",
		Attributes: attrs,
	}
}

func (d *workspaceMemberDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("email", "user_id")
}

func (d *workspaceMemberDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, workspaceMemberDataSourceTypeName,
		func(ws string, cfg *workspaceMemberModel) (*client.WorkspaceMember, error) {
			return d.client().WorkspaceMembers.Get(ctx, ws, memberRef(cfg.UserID, cfg.Email))
		})
}
