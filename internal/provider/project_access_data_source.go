package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const projectAccessDataSourceTypeName = "platform_project_access"

var _ datasource.DataSourceWithConfigure = (*projectAccessDataSource)(nil)

// NewProjectAccessDataSource is the platform_project_access data source.
func NewProjectAccessDataSource() datasource.DataSource { return &projectAccessDataSource{} }

type projectAccessDataSource struct {
	baseDataSource
}

type projectAccessDataModel struct {
	WorkspaceID types.String `tfsdk:"workspace_id"`
	ProjectID   types.String `tfsdk:"project_id"`
	Email       types.String `tfsdk:"email"`
	UserID      types.String `tfsdk:"user_id"`
	Role        types.String `tfsdk:"role"`
	Permissions types.Set    `tfsdk:"permissions"`
	Source      types.String `tfsdk:"source"`
}

func (d *projectAccessDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = projectAccessDataSourceTypeName
}

func (d *projectAccessDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user's effective role on a project, its permissions and why: a workspace owner is " +
			"project admin everywhere; otherwise a project override decides; otherwise the workspace role (admins " +
			"reach every project, members and viewers none), with managing-organization members as admins. Reading " +
			"it needs `members.read` and access to the project.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"project_id":   projectIDDataSourceAttribute(),
			"email": schema.StringAttribute{
				MarkdownDescription: "E-mail of the user (case-insensitive). A user with no access to the workspace at " +
					"all is not found.",
				Required:   true,
				Validators: []validator.String{emailValidator()},
			},
			"user_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`usr_...`) of the user."},
			"role": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Effective project role: `admin`, `member`, `viewer`, a custom role id (`role_...`), " +
					"or `none` when the user is in the workspace but cannot reach the project."},
			"permissions": schema.SetAttribute{Computed: true, ElementType: types.StringType,
				MarkdownDescription: "The project permissions the role grants, e.g. `project.read`; empty for `none`."},
			"source": schema.StringAttribute{Computed: true,
				MarkdownDescription: "Why: `owner` (workspace owner), `override` (a `platform_project_member`), " +
					"`workspace_role`, `managing_organization` or `api_key`."},
		},
	}
}

func (d *projectAccessDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg projectAccessDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	a, err := d.client().Projects.Access(ctx, ws, cfg.ProjectID.ValueString(), cfg.Email.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, projectAccessDataSourceTypeName, "read", err)
		return
	}
	cfg.WorkspaceID = types.StringValue(ws)
	cfg.UserID = types.StringValue(a.UserID)
	cfg.Role = types.StringValue(a.Role)
	cfg.Permissions = stringSetValue(a.Permissions)
	cfg.Source = types.StringValue(a.Source)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
