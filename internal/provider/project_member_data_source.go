package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
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
	attrs["project_id"] = schema.StringAttribute{
		MarkdownDescription: "Id (`prj_...`) of the project.",
		Required:            true,
		Validators:          []validator.String{idValidator("prj_", "project")},
	}
	attrs["email"] = schema.StringAttribute{
		MarkdownDescription: "E-mail of the member to look up (case-insensitive). Exactly one of `email` and `user_id` is required.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{emailValidator()},
	}
	attrs["user_id"] = schema.StringAttribute{
		MarkdownDescription: "User id (`usr_...`) of the member to look up.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{idValidator("usr_", "user")},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one project role override by e-mail or user id. A member without an override " +
			"is not found here; `platform_project_access` tells anyone's effective role.",
		Attributes: attrs,
	}
}

func (d *projectMemberDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("email"), path.MatchRoot("user_id")),
	}
}

func (d *projectMemberDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectMemberModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws := d.data.workspaceID(ctx, cfg.WorkspaceID, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	m, err := d.client().ProjectMembers.Get(ctx, ws, cfg.ProjectID.ValueString(), memberRef(cfg.UserID, cfg.Email))
	if err != nil {
		addAPIError(&resp.Diagnostics, projectMemberDataSourceTypeName, "read", err)
		return
	}
	cfg.fromAPI(m)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
