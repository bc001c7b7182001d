package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const secretDataSourceTypeName = "platform_secret"

var (
	_ datasource.DataSourceWithConfigure        = (*secretDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*secretDataSource)(nil)
)

// NewSecretDataSource is the platform_secret data source.
func NewSecretDataSource() datasource.DataSource { return &secretDataSource{} }

type secretDataSource struct {
	baseDataSource
}

// secretDataModel is one secret as data sources show it (never its value).
type secretDataModel struct {
	ID             types.String `tfsdk:"id"`
	WorkspaceID    types.String `tfsdk:"workspace_id"`
	Name           types.String `tfsdk:"name"`
	Description    types.String `tfsdk:"description"`
	ValueVersion   types.Int64  `tfsdk:"value_version"`
	ValueUpdatedAt types.String `tfsdk:"value_updated_at"`
	CreatedAt      types.String `tfsdk:"created_at"`
}

func (m *secretDataModel) fromAPI(s *client.WorkspaceSecret) {
	m.ID = types.StringValue(s.ID)
	m.WorkspaceID = types.StringValue(s.WorkspaceID)
	m.Name = types.StringValue(s.Name)
	m.Description = types.StringValue(s.Description)
	m.ValueVersion = types.Int64Value(s.ValueVersion)
	m.ValueUpdatedAt = timeValue(s.ValueUpdatedAt)
	m.CreatedAt = timeValue(s.CreatedAt)
}

// secretDataAttributes describes a secret's attributes, all computed.
func secretDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "Secret id (`sec_...`)."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Name, unique in the workspace."},
		"description":  schema.StringAttribute{Computed: true, MarkdownDescription: "Free text."},
		"value_version": schema.Int64Attribute{Computed: true,
			MarkdownDescription: "The value's version: 1 on create, + 1 on every new value. The value itself is never readable."},
		"value_updated_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the value last changed (RFC 3339, UTC)."},
		"created_at":       schema.StringAttribute{Computed: true, MarkdownDescription: "When the secret was created (RFC 3339, UTC)."},
	}
}

func (d *secretDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = secretDataSourceTypeName
}

func (d *secretDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := secretDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = lookupAttribute("Secret id (`sec_...`) to look up. Exactly one of `id` and `name` is required.",
		idValidator("sec_", "secret"))
	attrs["name"] = lookupAttribute("Name of the secret to look up.", secretNameValidator())
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one secret of a workspace, by name or id: its metadata and `value_version`, never " +
			"its value (the API does not answer it). Needs `secrets.read`.",
		Attributes: attrs,
	}
}

func (d *secretDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "name")
}

func (d *secretDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, secretDataSourceTypeName,
		func(ws string, cfg *secretDataModel) (*client.WorkspaceSecret, error) {
			return d.client().Secrets.Get(ctx, ws, lookupRef(cfg.ID, cfg.Name))
		})
}
