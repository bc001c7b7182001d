package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const projectMemberDataSourceTypeName = "platform_project_member"

var (
	_ datasource.DataSourceWithConfigure        = (*projectMemberDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*projectMemberDataSource)(nil)
)

// NewProjectMemberDataSource is the platform_project_member data source.
func NewProjectMemberDataSource() datasource.DataSource { return &projectMemberDataSource{} }

type projectMemberDataSource struct {
	baseDataSource
}

// projectMemberDataAttributes describes a project override, all computed
// (platform_project_member reads one, platform_project_members lists them). The resource's
// projectMemberModel and fromAPI fit both.
func projectMemberDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "`<workspace_id>/<project_id>/<user_id>`."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"project_id":   schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`prj_...`) of the project."},
		"user_id":      schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`usr_...`) of the member's user."},
		"email":        schema.StringAttribute{Computed: true, MarkdownDescription: "E-mail of the member."},
		"role": schema.StringAttribute{Computed: true,
			MarkdownDescription: "Project role: `admin`, `member`, `viewer`, or a custom role id (`role_...`)."},
	}
}

func (d *projectMemberDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = projectMemberDataSourceTypeName
}

func (d *projectMemberDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := projectMemberDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["project_id"] = projectIDDataSourceAttribute()
	addMemberLookupAttributes(attrs)
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one project role override by e-mail or user id. A member without an override " +
			"is not found here; `platform_project_access` tells anyone's effective role.",
		Attributes: attrs,
	}
}

func (d *projectMemberDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("email", "user_id")
}

func (d *projectMemberDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, projectMemberDataSourceTypeName,
		func(ws string, cfg *projectMemberModel) (*client.ProjectMember, error) {
			return d.client().ProjectMembers.Get(ctx, ws, cfg.ProjectID.ValueString(), memberRef(cfg.UserID, cfg.Email))
		})
}
