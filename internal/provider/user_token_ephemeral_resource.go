package provider

import (
	"context"
	"encoding/json"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const userTokenEphemeralTypeName = "platform_user_token"

var _ ephemeral.EphemeralResourceWithClose = (*userTokenEphemeralResource)(nil)

// NewUserTokenEphemeralResource is platform_user_token: another token of the calling user,
// minted for one run, never in a plan or a state, expiring after ttl and revoked on Close.
func NewUserTokenEphemeralResource() ephemeral.EphemeralResource {
	return &userTokenEphemeralResource{}
}

type userTokenEphemeralResource struct {
	data *providerData
}

type userTokenEphemeralModel struct {
	NamePrefix types.String `tfsdk:"name_prefix"`
	TTL        types.String `tfsdk:"ttl"`
	ID         types.String `tfsdk:"id"`
	UserID     types.String `tfsdk:"user_id"`
	Name       types.String `tfsdk:"name"`
	Secret     types.String `tfsdk:"secret"`
	ExpiresAt  types.String `tfsdk:"expires_at"`
}

// userTokenPrivate is what Close needs to revoke the token (see apiKeyPrivate).
type userTokenPrivate struct {
	ID     string `json:"id"`
	Opener string `json:"opener"`
}

func (r *userTokenEphemeralResource) Metadata(_ context.Context, _ ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = userTokenEphemeralTypeName
}

func (r *userTokenEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Mints another token of the calling user for one Terraform run (`POST /v1/me/tokens` with " +
			"`expires_at` = now + `ttl`). It acts as that user everywhere, with all of their permissions. Only a user " +
			"token can mint one: a provider configured with an API key gets the server's refusal. The token never " +
			"reaches a plan or a state: hand its `secret` to something that accepts an ephemeral value (another " +
			"provider's configuration, a write-only attribute). Terraform opens an ephemeral resource in every plan " +
			"and apply that uses it and closes it at the end of that plan or apply: each opening mints a new token " +
			"and closing revokes it. A token whose revocation failed (a killed run) stops working at `expires_at`. " +
			"A user holds a bounded number of active tokens (the server says how many when it refuses one). " +
			"Requires Terraform 1.10 or later.",
		Attributes: map[string]schema.Attribute{
			"name_prefix": namePrefixAttribute("token"),
			"ttl":         ttlAttribute("token"),
			"id": schema.StringAttribute{
				MarkdownDescription: "The token's id.",
				Computed:            true,
			},
			"user_id": schema.StringAttribute{
				MarkdownDescription: "The id of the user the token acts as (the caller).",
				Computed:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The token's name: `name_prefix`, a dash and a random suffix.",
				Computed:            true,
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The token's secret, a bearer credential for the API. Sensitive.",
				Computed:            true,
				Sensitive:           true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the token stops working (RFC 3339): `ttl` after it was opened.",
				Computed:            true,
			},
		},
	}
}

func (r *userTokenEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *userTokenEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	m, ok := openConfig[userTokenEphemeralModel](ctx, r.data, userTokenEphemeralTypeName, req, &resp.Diagnostics)
	if !ok {
		return
	}
	expires := ephemeralExpiry(m.TTL, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	tok, err := r.data.client.Tokens.Create(ctx, client.TokenCreateOptions{Name: ephemeralName(m.NamePrefix), ExpiresAt: &expires})
	if err != nil {
		addAPIError(&resp.Diagnostics, userTokenEphemeralTypeName, "open", err)
		return
	}
	// Record the id first: should anything below fail, Close still revokes the token.
	setPrivateID(ctx, resp.Private, userTokenPrivate{ID: tok.ID, Opener: rememberOpener(r.data)}, &resp.Diagnostics)
	m.ID = types.StringValue(tok.ID)
	m.UserID = types.StringValue(tok.UserID)
	m.Name = types.StringValue(tok.Name)
	m.Secret = types.StringValue(tok.Secret.Reveal())
	m.ExpiresAt = timePtrValue(tok.ExpiresAt)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// Close revokes the token; one already gone is fine.
func (r *userTokenEphemeralResource) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, diags := req.Private.GetKey(ctx, privateKeyID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || len(raw) == 0 {
		return
	}
	var p userTokenPrivate
	if err := json.Unmarshal(raw, &p); err != nil {
		resp.Diagnostics.AddError("Could not close "+userTokenEphemeralTypeName, "Its private data is not the token's id: "+err.Error())
		return
	}
	data := closer(p.Opener, r.data)
	if data == nil {
		resp.Diagnostics.AddError("Provider not configured", "The platform provider was not configured when Terraform "+
			"closed the ephemeral resource, so it could not delete what it minted; it expires at expires_at. This is a bug.")
		return
	}
	if err := data.client.Tokens.Delete(ctx, p.ID); err != nil && !isNotFound(err) {
		addAPIError(&resp.Diagnostics, userTokenEphemeralTypeName, "close (revoke token "+p.ID+")", err)
	}
}
