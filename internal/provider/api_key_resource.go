package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const apiKeyTypeName = "platform_api_key"

// maxGracePeriodSeconds is the longest grace period the API allows on rotation (docs/platform.md section 5).
const maxGracePeriodSeconds = 86400

var (
	_ resource.ResourceWithConfigure   = (*apiKeyResource)(nil)
	_ resource.ResourceWithImportState = (*apiKeyResource)(nil)
	_ resource.ResourceWithIdentity    = (*apiKeyResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*apiKeyResource)(nil)
)

// NewAPIKeyResource is the platform_api_key resource.
func NewAPIKeyResource() resource.Resource {
	r := &apiKeyResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type apiKeyResource struct {
	workspaceScopedResource
}

type apiKeyModel struct {
	ID                 types.String `tfsdk:"id"`
	WorkspaceID        types.String `tfsdk:"workspace_id"`
	Name               types.String `tfsdk:"name"`
	Access             types.String `tfsdk:"access"`
	ExpiresAt          types.String `tfsdk:"expires_at"`
	RotateWhenChanged  types.Map    `tfsdk:"rotate_when_changed"`
	GracePeriodSeconds types.Int64  `tfsdk:"grace_period_seconds"`
	Secret             types.String `tfsdk:"secret"`
	Prefix             types.String `tfsdk:"prefix"`
	CreatedAt          types.String `tfsdk:"created_at"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
// The secret is not among them: the API shows it only in the create and rotate answers, so it
// is set from those alone and otherwise kept from the state.
func (m *apiKeyModel) fromAPI(k *client.APIKey) {
	m.ID = types.StringValue(k.ID)
	m.WorkspaceID = types.StringValue(k.WorkspaceID)
	m.Name = types.StringValue(k.Name)
	m.Access = types.StringValue(string(k.Access))
	m.ExpiresAt = sameTimeValue(m.ExpiresAt, k.ExpiresAt)
	m.Prefix = types.StringValue(k.Prefix)
	m.CreatedAt = timeValue(k.CreatedAt)
}

// sameTimeValue keeps the configured spelling of a timestamp when the API answers the same
// instant in another form (the API answers UTC), so 2030-01-01T02:00:00+02:00 causes no diff.
func sameTimeValue(prior types.String, api *time.Time) types.String {
	if api != nil {
		if t, err := parseTime(prior); err == nil && t != nil && t.Equal(*api) {
			return prior
		}
	}
	return timePtrValue(api)
}

// sameTime reports whether two RFC 3339 values name the same instant (both null counts).
func sameTime(a, b types.String) bool {
	ta, errA := parseTime(a)
	tb, errB := parseTime(b)
	if errA != nil || errB != nil || ta == nil || tb == nil {
		return a.Equal(b)
	}
	return ta.Equal(*tb)
}

// sameTriggers compares rotate_when_changed values; null and an empty map are the same (no
// triggers), an unknown value counts as a change.
func sameTriggers(a, b types.Map) bool {
	if a.IsUnknown() || b.IsUnknown() {
		return false
	}
	if len(a.Elements()) == 0 && len(b.Elements()) == 0 {
		return true
	}
	return a.Equal(b)
}

func (r *apiKeyResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = apiKeyTypeName
}

func (r *apiKeyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An API key: a credential scoped to one workspace, `read_only` or `read_write`. Creating " +
			"one needs the `api_keys.manage` permission (workspace owners and admins). " + quotaNote("api keys") + "\n\n" +
			"The API shows the secret only when the key is created or rotated, so it is stored in the Terraform state " +
			"(mark the state as sensitive data) and is null after an import. Change `rotate_when_changed` to rotate " +
			"the key in place.\n\n" +
			"**Expiry.** A key past its `expires_at` stays in the state (and in the workspace, where it counts against " +
			"the API key quota) until Terraform replaces or destroys it; it authenticates nothing. While the " +
			"configuration keeps the passed `expires_at`, plans show no change and warn that the key has expired. " +
			"Set a later `expires_at` (or remove it) and the plan replaces the key: the expired key is deleted from " +
			"the workspace and a new one is created.\n\n" +
			"**Rotation outside Terraform.** When the key was rotated outside Terraform, the secret in the state no " +
			"longer matches the key's `prefix` and no longer works (after the grace period). The plan then shows an " +
			"in-place rotation, with a warning, so that the state holds a working secret again.\n\n" +
			"A key deleted outside Terraform is removed from the state on refresh, so the next apply creates a new one.\n\n" +
			"Import with `<workspace slug>/<key id>`: `acme/key_...`. Keys are imported by id, not by name, because " +
			"names are not unique.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("API key id (`key_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "Display name, 1-100 characters. Changed in place (the only field the API can change).",
				Required:            true,
				Validators:          []validator.String{displayNameValidator()},
			},
			"access": schema.StringAttribute{
				MarkdownDescription: "`read_only` (read everything, project viewer everywhere) or `read_write` (manage members, " +
					"roles, projects, regions and clusters; project admin everywhere). The API cannot change it: " +
					"changing it replaces the key (new id and secret).",
				Required: true,
				Validators: []validator.String{stringvalidator.OneOf(
					string(client.AccessReadOnly), string(client.AccessReadWrite))},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"expires_at": schema.StringAttribute{
				MarkdownDescription: "When the key stops working, as an RFC 3339 timestamp such as `2030-01-02T15:04:05Z`; " +
					"must be in the future when the key is created. Default: never. The API cannot change it: changing it " +
					"(to another instant) replaces the key. Once it has passed, the key stays (expired, with a warning in " +
					"every plan) until `expires_at` is changed to a later time or removed, which replaces it.",
				Optional:   true,
				Validators: []validator.String{rfc3339Validator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(
					func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
						resp.RequiresReplace = !sameTime(req.PlanValue, req.StateValue)
					},
					"Changing expires_at to another instant replaces the key.",
					"Changing `expires_at` to another instant replaces the key.",
				)},
			},
			"rotate_when_changed": schema.MapAttribute{
				MarkdownDescription: "Arbitrary string map; any change to it (adding, changing or removing entries) rotates " +
					"the key in place: a new secret is issued and the old one keeps working for `grace_period_seconds`. " +
					"For example `{ rotation = \"2025-q3\" }`, or a `time_rotating` resource's id. After an import the first " +
					"change also rotates, which is how an imported key gets a secret into the state.",
				Optional:    true,
				ElementType: types.StringType,
			},
			"grace_period_seconds": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How long the old secret keeps working after a rotation, 0-%d seconds. "+
					"Default 0 (the old secret stops at once). Used only when rotating; changing it alone calls no API.",
					maxGracePeriodSeconds),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.Between(0, maxGracePeriodSeconds)},
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The key's secret (`pk_...`), the bearer token to use with the API. Known only from the " +
					"create or rotate answer and kept in the state; null after an import until the next rotation.",
				Computed:  true,
				Sensitive: true,
			},
			"prefix": schema.StringAttribute{
				MarkdownDescription: "The secret's first 12 characters, to identify the key; changes on rotation.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": createdAtResourceAttribute(),
		},
	}
}

// ModifyPlan keeps the secret from the state (null after an import) unless the key is
// rotated: when rotate_when_changed changes, or when the secret in the state no longer matches
// the key's prefix (it was rotated outside Terraform), the secret and prefix are only known
// after the apply. It refuses an expires_at in the past for a key about to be created, at plan
// time rather than half-way through an apply, and warns about a key that has expired while the
// configuration keeps its expiry (the key stays; a later expires_at replaces it).
func (r *apiKeyResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	defer r.checkPlan(ctx, req, resp) // last, after this plan's own changes
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan apiKeyModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var state *apiKeyModel
	if !req.State.Raw.IsNull() {
		state = &apiKeyModel{}
		resp.Diagnostics.Append(req.State.Get(ctx, state)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	now := time.Now()
	if state == nil || !sameTime(plan.ExpiresAt, state.ExpiresAt) {
		if t, err := parseTime(plan.ExpiresAt); err == nil && t != nil && !t.After(now) {
			resp.Diagnostics.AddAttributeError(path.Root("expires_at"), "Invalid expires_at",
				fmt.Sprintf("expires_at must be in the future for a new key, got %q. Set a later time.", plan.ExpiresAt.ValueString()))
			return
		}
	}
	if state == nil {
		return // create: secret and prefix are unknown already
	}
	if expired, at := apiKeyExpired(state, now); expired && sameTime(plan.ExpiresAt, state.ExpiresAt) {
		resp.Diagnostics.AddAttributeWarning(path.Root("expires_at"), "API key has expired",
			fmt.Sprintf("API key %q (%s) expired at %s and authenticates nothing. It stays in the workspace until "+
				"replaced: set expires_at to a later time (or remove it) and apply to delete it and create a new key.",
				state.Name.ValueString(), state.ID.ValueString(), at.UTC().Format(time.RFC3339)))
	}
	if !plan.ID.IsUnknown() && secretStale(state) {
		resp.Diagnostics.AddAttributeWarning(path.Root("secret"), "API key was rotated outside Terraform",
			fmt.Sprintf("The secret of API key %q (%s) in the state no longer matches the key's prefix %q: the key was "+
				"rotated outside Terraform, so that secret stops working once its grace period ends. Apply rotates the "+
				"key again (with grace_period_seconds) to put a working secret into the state; the secret issued outside "+
				"Terraform then stops working after that grace period.",
				state.Name.ValueString(), state.ID.ValueString(), state.Prefix.ValueString()))
	}
	if !plan.ID.IsUnknown() && !rotates(&plan, state) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), state.Secret)...)
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("secret"), types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("prefix"), types.StringUnknown())...)
}

// rotates reports whether applying plan over state rotates the key: its triggers changed, or
// the secret in the state is stale.
func rotates(plan, state *apiKeyModel) bool {
	return !sameTriggers(plan.RotateWhenChanged, state.RotateWhenChanged) || secretStale(state)
}

// secretStale reports whether the state's secret is not the key's current one: every secret
// starts with its key's prefix, so a prefix that the secret does not start with means the key
// was rotated since (outside Terraform). A null secret (after an import) is not stale: it is
// absent.
func secretStale(m *apiKeyModel) bool {
	if m.Secret.IsNull() || m.Secret.IsUnknown() || m.Prefix.IsNull() || m.Prefix.IsUnknown() || m.Prefix.ValueString() == "" {
		return false
	}
	return !strings.HasPrefix(m.Secret.ValueString(), m.Prefix.ValueString())
}

// apiKeyExpired reports whether the key in m has passed its expires_at at now, and when that was.
func apiKeyExpired(m *apiKeyModel, now time.Time) (bool, time.Time) {
	t, err := parseTime(m.ExpiresAt)
	if err != nil || t == nil {
		return false, time.Time{}
	}
	return !t.After(now), *t
}

func (r *apiKeyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan apiKeyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if _, err := parseTime(plan.ExpiresAt); err != nil { // the validator catches this first
		resp.Diagnostics.AddAttributeError(path.Root("expires_at"), "Invalid expires_at", err.Error())
		return
	}
	r.data.startApply()
	k, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, apiKeyTypeName, "create", err)
		return
	}
	plan.fromAPI(&k.APIKey)
	keepVersion(ctx, resp.Private, k.Version, &resp.Diagnostics)
	plan.Secret = types.StringValue(k.Secret.Reveal())
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *apiKeyResource) create(ctx context.Context, plan *apiKeyModel) (*client.CreatedAPIKey, error) {
	expires, err := parseTime(plan.ExpiresAt)
	if err != nil {
		return nil, err
	}
	return r.client().APIKeys.Create(ctx, plan.WorkspaceID.ValueString(), client.APIKeyCreateOptions{
		Name:      plan.Name.ValueString(),
		Access:    client.Access(plan.Access.ValueString()),
		ExpiresAt: expires,
	})
}

// update is the rename of Update, and of its plan-time dry run (a rotation is not dry-run: it
// needs the same permission); nil, nil when the name stays.
func (r *apiKeyResource) update(ctx context.Context, plan, state *apiKeyModel, ifVersion int64) (*client.APIKey, error) {
	name := changed(plan.Name, state.Name)
	if name == nil {
		return nil, nil
	}
	return r.client().APIKeys.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(),
		client.APIKeyUpdateOptions{Name: name, IfVersion: ifVersion})
}

func (r *apiKeyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state apiKeyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// After an import, workspace_id holds the slug the user typed; the API accepts it and
	// answers the real id.
	k, err := r.client().APIKeys.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		keepIdentity(ctx, req, resp)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, apiKeyTypeName, "read", err)
		return
	}
	// An expired key stays in the state: it still exists, and only Terraform knows to delete it
	// (ModifyPlan warns about it, and a later expires_at replaces it).
	state.fromAPI(k) // the secret stays as it is in the state
	keepVersion(ctx, resp.Private, k.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)
}

func (r *apiKeyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state apiKeyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws, id := state.WorkspaceID.ValueString(), state.ID.ValueString()
	// Planned values stand for what the API does not change: the secret (unless rotated below),
	// expires_at in another spelling, grace_period_seconds and the triggers.
	plan.Secret, plan.Prefix = state.Secret, state.Prefix
	r.data.startApply()
	k, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, apiKeyTypeName, err)
		return
	}
	if k != nil {
		plan.fromAPI(k)
		keepVersion(ctx, resp.Private, k.Version, &resp.Diagnostics)
	}
	if rotates(&plan, &state) {
		k, err := r.client().APIKeys.Rotate(ctx, ws, id, client.APIKeyRotateOptions{
			GracePeriodSeconds: int(plan.GracePeriodSeconds.ValueInt64()),
		})
		if err != nil {
			// Save the rename, if any, so that the next plan shows only the rotation again.
			resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
			addAPIError(&resp.Diagnostics, apiKeyTypeName, "rotate", err)
			return
		}
		plan.fromAPI(&k.APIKey)
		plan.Secret = types.StringValue(k.Secret.Reveal())
		keepVersion(ctx, resp.Private, k.Version, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *apiKeyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *apiKeyResource) deletion(m *apiKeyModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: apiKeyTypeName, workspaceID: ws, kind: client.PlannedAPIKey, targetID: id,
		label: fmt.Sprintf("API key %q (%s)", m.Name.ValueString(), id),
		del:   func(ctx context.Context) error { return r.client().APIKeys.Delete(ctx, ws, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *apiKeyResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`key_...`) of the API key."})
}

// ImportState takes "<workspace slug or id>/<key id>"; Read resolves the workspace with its one
// GET. The secret cannot be imported (the API never shows it again) and stays null;
// grace_period_seconds starts at its default.
func (r *apiKeyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if !importWorkspaceAndID(ctx, req, resp, "platform_api_key") {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("grace_period_seconds"), 0)...)
}
