package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const currentPrincipalTypeName = "platform_current_principal"

var _ datasource.DataSourceWithConfigure = (*currentPrincipalDataSource)(nil)

// NewCurrentPrincipalDataSource is the platform_current_principal data source.
func NewCurrentPrincipalDataSource() datasource.DataSource { return &currentPrincipalDataSource{} }

type currentPrincipalDataSource struct {
	baseDataSource
}

type currentPrincipalModel struct {
	ID            types.String `tfsdk:"id"`
	Type          types.String `tfsdk:"type"`
	UserID        types.String `tfsdk:"user_id"`
	Email         types.String `tfsdk:"email"`
	PlatformAdmin types.Bool   `tfsdk:"platform_admin"`
	TokenID       types.String `tfsdk:"token_id"`
	APIKeyID      types.String `tfsdk:"api_key_id"`
	WorkspaceID   types.String `tfsdk:"workspace_id"`
	WorkspaceSlug types.String `tfsdk:"workspace_slug"`
	Access        types.String `tfsdk:"access"`
}

func (m *currentPrincipalModel) fromAPI(me *client.Me) {
	m.ID = types.StringValue(me.UserID)
	if me.Type == client.PrincipalAPIKey {
		m.ID = types.StringValue(me.APIKeyID)
	}
	m.Type = types.StringValue(me.Type)
	m.UserID = optionalString(me.UserID)
	m.Email = optionalString(me.Email)
	m.PlatformAdmin = types.BoolValue(me.PlatformAdmin)
	m.TokenID = optionalString(me.TokenID)
	m.APIKeyID = optionalString(me.APIKeyID)
	m.WorkspaceID = optionalString(me.WorkspaceID)
	m.WorkspaceSlug = optionalString(me.WorkspaceSlug)
	m.Access = optionalString(me.Access)
}

func (d *currentPrincipalDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = currentPrincipalTypeName
}

func (d *currentPrincipalDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Who the provider's token belongs to: a user (user token) or an API key.",
		Attributes: map[string]schema.Attribute{
			"id":             computed("The user id for a user, the API key id for an API key."),
			"type":           computed("`user` or `api_key`."),
			"user_id":        computed("Id (`usr_...`) of the user (user tokens only)."),
			"email":          computed("E-mail of the user (user tokens only)."),
			"token_id":       computed("Id of the user token in use (user tokens only)."),
			"api_key_id":     computed("Id (`key_...`) of the API key (API keys only)."),
			"workspace_id":   computed("Id of the API key's workspace (API keys only)."),
			"workspace_slug": computed("Slug of the API key's workspace (API keys only)."),
			"access":         computed("`read_only` or `read_write` (API keys only)."),
			"platform_admin": schema.BoolAttribute{Computed: true,
				MarkdownDescription: "Whether the user is the platform administrator (who may mint tokens for any user)."},
		},
	}
}

func (d *currentPrincipalDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	me, err := d.client().Me.Get(ctx)
	saveOne(ctx, resp, currentPrincipalTypeName, &currentPrincipalModel{}, me, err)
}
