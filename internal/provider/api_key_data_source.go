package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const apiKeyDataSourceTypeName = "platform_api_key"

var _ datasource.DataSourceWithConfigure = (*apiKeyDataSource)(nil)

// NewAPIKeyDataSource is the platform_api_key data source.
func NewAPIKeyDataSource() datasource.DataSource { return &apiKeyDataSource{} }

type apiKeyDataSource struct {
	baseDataSource
}

// apiKeyDataModel is one API key as data sources show it (platform_api_key and the elements of
// platform_api_keys). It has no secret: the API shows that only to whoever creates or rotates
// the key.
type apiKeyDataModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	Name        types.String `tfsdk:"name"`
	Access      types.String `tfsdk:"access"`
	Prefix      types.String `tfsdk:"prefix"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
	CreatedBy   types.String `tfsdk:"created_by"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

func (m *apiKeyDataModel) fromAPI(k *client.APIKey) {
	m.ID = types.StringValue(k.ID)
	m.WorkspaceID = types.StringValue(k.WorkspaceID)
	m.Name = types.StringValue(k.Name)
	m.Access = types.StringValue(string(k.Access))
	m.Prefix = types.StringValue(k.Prefix)
	m.ExpiresAt = timePtrValue(k.ExpiresAt)
	m.CreatedBy = optionalString(k.CreatedBy)
	m.CreatedAt = timeValue(k.CreatedAt)
}

// apiKeyDataAttributes describes an API key's attributes, all computed.
func apiKeyDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":           schema.StringAttribute{Computed: true, MarkdownDescription: "API key id (`key_...`)."},
		"workspace_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"name":         schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
		"access":       schema.StringAttribute{Computed: true, MarkdownDescription: "`read_only` or `read_write`."},
		"prefix":       schema.StringAttribute{Computed: true, MarkdownDescription: "The secret's first 12 characters, to identify the key."},
		"expires_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "When the key stops working (RFC 3339, UTC); null if never."},
		"created_by":   schema.StringAttribute{Computed: true, MarkdownDescription: "Who created the key (a user id or API key id)."},
		"created_at":   schema.StringAttribute{Computed: true, MarkdownDescription: "When the key was created (RFC 3339, UTC)."},
	}
}

func (d *apiKeyDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = apiKeyDataSourceTypeName
}

func (d *apiKeyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := apiKeyDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "API key id (`key_...`) to look up.",
		Required:            true,
		Validators:          []validator.String{idValidator("key_", "api_key")},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one API key of a workspace by id, without its secret (the API shows a secret only " +
			"when the key is created or rotated). Needs the `api_keys.manage` permission.",
		Attributes: attrs,
	}
}

func (d *apiKeyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, apiKeyDataSourceTypeName,
		func(ws string, cfg *apiKeyDataModel) (*client.APIKey, error) {
			return d.client().APIKeys.Get(ctx, ws, cfg.ID.ValueString())
		})
}
