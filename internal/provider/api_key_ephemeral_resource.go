package provider

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const (
	apiKeyEphemeralTypeName = "platform_api_key"
	// Ephemeral credentials live ttl (default an hour, at least a minute, at most a day): long
	// enough for a run, short enough that a key Close never deleted (a killed run) dies soon.
	ephemeralTTLDefault = time.Hour
	ephemeralTTLMin     = time.Minute
	ephemeralTTLMax     = 24 * time.Hour
	// ephemeralNamePrefixDefault and a random suffix name each minted credential, so that
	// concurrent runs never mint two of the same name and the audit trail tells them apart.
	ephemeralNamePrefixDefault = "terraform-ephemeral"
	ephemeralNamePrefixMaxLen  = 80
	// privateKeyID is the private-data key that carries the minted id from Open to Close.
	privateKeyID = "id"
)

var _ ephemeral.EphemeralResourceWithClose = (*apiKeyEphemeralResource)(nil)

// NewAPIKeyEphemeralResource is the ephemeral platform_api_key: a workspace API key minted for
// one Terraform run (to configure another provider, say) that never reaches a plan or a state,
// expires after ttl and is deleted when Terraform closes it. It shares its type name with the
// managed platform_api_key: Terraform keeps ephemeral resources in their own namespace.
func NewAPIKeyEphemeralResource() ephemeral.EphemeralResource {
	return &apiKeyEphemeralResource{}
}

type apiKeyEphemeralResource struct {
	data *providerData
}

type apiKeyEphemeralModel struct {
	WorkspaceID types.String `tfsdk:"workspace_id"`
	NamePrefix  types.String `tfsdk:"name_prefix"`
	Access      types.String `tfsdk:"access"`
	TTL         types.String `tfsdk:"ttl"`
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Secret      types.String `tfsdk:"secret"`
	ExpiresAt   types.String `tfsdk:"expires_at"`
}

// apiKeyPrivate is what Close needs to delete the key: Close gets no configuration.
type apiKeyPrivate struct {
	WorkspaceID string `json:"workspace_id"`
	ID          string `json:"id"`
	Opener      string `json:"opener"`
}

// ttlValidator requires a Go duration between ephemeralTTLMin and ephemeralTTLMax.
func ttlValidator() validator.String {
	rule := fmt.Sprintf("must be a duration between %s and %s such as 30m or 2h", "1m", "24h")
	return ruleValidator{rule, func(s string) string {
		d, err := time.ParseDuration(s)
		if err != nil || d < ephemeralTTLMin || d > ephemeralTTLMax {
			return rule
		}
		return ""
	}}
}

func ttlAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "How long the " + what + " lives, as a Go duration such as `30m` or `2h`: " +
			"between `1m` and `24h` (checked at plan time). Default `1h`. Give the whole run's length: " +
			"Terraform cannot renew it, and the server stops accepting it at `expires_at`.",
		Optional:   true,
		Validators: []validator.String{ttlValidator()},
	}
}

func namePrefixAttribute(what string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Start of the " + what + "'s name, which is this, a dash and a random suffix, so that " +
			"concurrent runs never mint two of the same name. 1-80 characters. Default `terraform-ephemeral`.",
		Optional: true,
		Validators: []validator.String{displayNameValidator(),
			stringvalidator.LengthAtMost(ephemeralNamePrefixMaxLen)},
	}
}

// ephemeralName and ephemeralExpiry turn name_prefix and ttl (validated at plan time, and by
// the time Open runs, known) into the name and expiry sent to the server.
func ephemeralName(prefix types.String) string {
	p := prefix.ValueString()
	if p == "" {
		p = ephemeralNamePrefixDefault
	}
	return p + "-" + strings.ToLower(rand.Text()[:12])
}

func ephemeralExpiry(ttl types.String, diags *diag.Diagnostics) time.Time {
	d := ephemeralTTLDefault
	if s := ttl.ValueString(); s != "" {
		var err error
		if d, err = time.ParseDuration(s); err != nil || d < ephemeralTTLMin || d > ephemeralTTLMax {
			diags.AddAttributeError(path.Root("ttl"), "Invalid ttl", fmt.Sprintf("ttl %s, got %q.",
				"must be a duration between 1m and 24h such as 30m or 2h", s))
		}
	}
	return time.Now().Add(d).UTC().Truncate(time.Second)
}

// openers remembers, by a random handle kept in the private data, the provider configuration
// that opened each ephemeral credential, so that Close deletes it with the same credentials even
// when the provider server was configured again in between (test harnesses attach every
// configuration of a provider, aliases included, to one server, and the last one wins; Terraform
// itself runs one process per configuration). Close forgets the handle.
var openers sync.Map // handle string -> *providerData

func rememberOpener(d *providerData) string {
	h := rand.Text()
	openers.Store(h, d)
	return h
}

// closer is the configuration that opened the credential, or r's own when unknown.
func closer(handle string, own *providerData) *providerData {
	if d, ok := openers.LoadAndDelete(handle); ok && handle != "" {
		return d.(*providerData)
	}
	return own
}

func setPrivateID(ctx context.Context, p interface {
	SetKey(context.Context, string, []byte) diag.Diagnostics
}, v any, diags *diag.Diagnostics) {
	b, err := json.Marshal(v)
	if err != nil {
		diags.AddError("Could not record the ephemeral credential's id", err.Error())
		return
	}
	diags.Append(p.SetKey(ctx, privateKeyID, b)...)
}

func (r *apiKeyEphemeralResource) Metadata(_ context.Context, _ ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = apiKeyEphemeralTypeName
}

func (r *apiKeyEphemeralResource) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Mints a workspace API key for one Terraform run (`POST /v1/workspaces/{ws}/api-keys` with " +
			"`expires_at` = now + `ttl`; needs `api_keys.manage`, and nobody mints a key that can do more than they " +
			"can). The key never reaches a plan or a state: hand its `secret` to something that accepts an ephemeral " +
			"value, such as another `platform` provider's `token` (Terraform 1.10 and later accept ephemeral values in " +
			"provider configuration) or a write-only attribute. Terraform opens an ephemeral resource in every plan " +
			"and apply that uses it and closes it at the end of that plan or apply: each opening mints a new key " +
			"and closing deletes it. A key whose deletion failed (a killed run) stops working at `expires_at`. " +
			"While it exists the key counts against the workspace plan's API key quota: with the quota full, " +
			"opening fails. Requires Terraform 1.10 or later. Not the managed `platform_api_key`, which keeps its " +
			"key in the state until it is destroyed.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": schema.StringAttribute{
				MarkdownDescription: "Id (`ws_...`) of the workspace. Defaults to the provider's `workspace`.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{idValidator("ws_", "workspace")},
			},
			"name_prefix": namePrefixAttribute("key"),
			"access": schema.StringAttribute{
				MarkdownDescription: "`read_only` (read everything, project viewer everywhere) or `read_write` (manage " +
					"members, roles, projects, regions and clusters; project admin everywhere).",
				Required: true,
				Validators: []validator.String{stringvalidator.OneOf(
					string(client.AccessReadOnly), string(client.AccessReadWrite))},
			},
			"ttl": ttlAttribute("key"),
			"id": schema.StringAttribute{
				MarkdownDescription: "The key's id (`key_...`).",
				Computed:            true,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The key's name: `name_prefix`, a dash and a random suffix.",
				Computed:            true,
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The key's secret, a bearer credential for the API. Sensitive.",
				Computed:            true,
				Sensitive:           true,
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the key stops working (RFC 3339): `ttl` after it was opened.",
				Computed:            true,
			},
		},
	}
}

func (r *apiKeyEphemeralResource) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *apiKeyEphemeralResource) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	m, ok := openConfig[apiKeyEphemeralModel](ctx, r.data, apiKeyEphemeralTypeName, req, &resp.Diagnostics)
	if !ok {
		return
	}
	ws := r.data.workspaceID(ctx, m.WorkspaceID, &resp.Diagnostics)
	expires := ephemeralExpiry(m.TTL, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	k, err := r.data.client.APIKeys.Create(ctx, ws, client.APIKeyCreateOptions{
		Name: ephemeralName(m.NamePrefix), Access: client.Access(m.Access.ValueString()), ExpiresAt: &expires})
	if err != nil {
		// The server's error (code, message, request id) carries no secret.
		addAPIError(&resp.Diagnostics, apiKeyEphemeralTypeName, "open", err)
		return
	}
	// Record the id first: should anything below fail, Close still deletes the key.
	setPrivateID(ctx, resp.Private, apiKeyPrivate{WorkspaceID: k.WorkspaceID, ID: k.ID, Opener: rememberOpener(r.data)}, &resp.Diagnostics)
	m.WorkspaceID = types.StringValue(k.WorkspaceID)
	m.ID = types.StringValue(k.ID)
	m.Name = types.StringValue(k.Name)
	m.Secret = types.StringValue(k.Secret.Reveal())
	m.ExpiresAt = timePtrValue(k.ExpiresAt)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}

// Close deletes the key. A key already gone (deleted by hand, or expired and swept) is fine.
func (r *apiKeyEphemeralResource) Close(ctx context.Context, req ephemeral.CloseRequest, resp *ephemeral.CloseResponse) {
	raw, diags := req.Private.GetKey(ctx, privateKeyID)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || len(raw) == 0 {
		return
	}
	var p apiKeyPrivate
	if err := json.Unmarshal(raw, &p); err != nil {
		resp.Diagnostics.AddError("Could not close "+apiKeyEphemeralTypeName, "Its private data is not the key's id: "+err.Error())
		return
	}
	data := closer(p.Opener, r.data)
	if data == nil {
		resp.Diagnostics.AddError("Provider not configured", "The platform provider was not configured when Terraform "+
			"closed the ephemeral resource, so it could not delete what it minted; it expires at expires_at. This is a bug.")
		return
	}
	if err := data.client.APIKeys.Delete(ctx, p.WorkspaceID, p.ID, 0); err != nil && !isNotFound(err) {
		addAPIError(&resp.Diagnostics, apiKeyEphemeralTypeName, "close (delete key "+p.ID+")", err)
	}
}
