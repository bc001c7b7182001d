package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const roleDataSourceTypeName = "platform_role"

var (
	_ datasource.DataSourceWithConfigure        = (*roleDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*roleDataSource)(nil)
)

// NewRoleDataSource is the platform_role data source.
func NewRoleDataSource() datasource.DataSource { return &roleDataSource{} }

type roleDataSource struct {
	baseDataSource
}

// roleDataModel is one custom role as data sources show it (platform_role and the elements of
// platform_roles).
type roleDataModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Permissions types.Set    `tfsdk:"permissions"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

func (m *roleDataModel) fromAPI(r *client.Role) {
	m.ID = types.StringValue(r.ID)
	m.WorkspaceID = types.StringValue(r.WorkspaceID)
	m.Name = types.StringValue(r.Name)
	m.Description = types.StringValue(r.Description)
	m.Permissions = stringSetValue(r.Permissions)
	m.CreatedAt = timeValue(r.CreatedAt)
}

// roleDataAttributes describes a custom role's attributes, all computed.
func roleDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Role id (`role_...`), the value to use as a member's `role`."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Name, unique in the workspace."},
		"description":  schema.StringAttribute{Computed: true, MarkdownDescription: "Free text."},
		"permissions": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Permissions from the catalogue: `" + strings.Join(client.Permissions, "`, `") + "`."},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the role was created (RFC 3339, UTC)."},
	}
}

func (d *roleDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = roleDataSourceTypeName
}

func (d *roleDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := roleDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = lookupAttribute("Role id (`role_...`) to look up. Exactly one of `id` and `name` is required.",
		idValidator("role_", "role"))
	attrs["name"] = lookupAttribute("Name of the role to look up.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one custom role of a workspace, by name or id.",
		Attributes:          attrs,
	}
}

func (d *roleDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "name")
}

func (d *roleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, roleDataSourceTypeName,
		func(ws string, cfg *roleDataModel) (*client.Role, error) {
			return d.client().Roles.Get(ctx, ws, lookupRef(cfg.ID, cfg.Name))
		})
}
