package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const secretTypeName = "platform_secret"

// Rules of secrets (docs/platform.md section 11).
const (
	secretNamePattern   = `^[A-Z][A-Z0-9_]{0,63}$`
	secretValueMaxBytes = 65536
	// privateAppliedValueVersion is the private-state key holding the value_version that the
	// last create or update left: a later value_version means the value changed outside
	// Terraform.
	privateAppliedValueVersion = "applied_value_version"
)

var secretNameRegexp = regexp.MustCompile(secretNamePattern)

var (
	_ resource.ResourceWithConfigure        = (*secretResource)(nil)
	_ resource.ResourceWithImportState      = (*secretResource)(nil)
	_ resource.ResourceWithIdentity         = (*secretResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*secretResource)(nil)
	_ resource.ResourceWithConfigValidators = (*secretResource)(nil)
)

// NewSecretResource is the platform_secret resource.
func NewSecretResource() resource.Resource {
	r := &secretResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = r.dryRuns()
	return r
}

type secretResource struct {
	workspaceScopedResource
}

type secretModel struct {
	ID             types.String `tfsdk:"id"`
	WorkspaceID    types.String `tfsdk:"workspace_id"`
	Name           types.String `tfsdk:"name"`
	Description    types.String `tfsdk:"description"`
	Value          types.String `tfsdk:"value"`
	ValueWO        types.String `tfsdk:"value_wo"`
	ValueWOVersion types.Int64  `tfsdk:"value_wo_version"`
	ValueVersion   types.Int64  `tfsdk:"value_version"`
	ValueUpdatedAt types.String `tfsdk:"value_updated_at"`
}

// fromAPI sets every attribute the API answers. The value is not among them (the API never
// answers it): value stays as configured, value_wo is never stored.
func (m *secretModel) fromAPI(s *client.WorkspaceSecret) {
	m.ID = types.StringValue(s.ID)
	m.WorkspaceID = types.StringValue(s.WorkspaceID)
	m.Name = types.StringValue(s.Name)
	m.Description = types.StringValue(s.Description)
	m.ValueVersion = types.Int64Value(s.ValueVersion)
	m.ValueUpdatedAt = timeValue(s.ValueUpdatedAt)
	m.ValueWO = types.StringNull()
}

// secretNameValidator checks a secret's name, as deployments receive it in their environment.
func secretNameValidator() validator.String {
	return ruleValidator{"must match " + secretNamePattern, func(s string) string {
		if !secretNameRegexp.MatchString(s) {
			return "must match " + secretNamePattern + " (upper-case letters, digits and underscores, starting with a letter, at most 64)"
		}
		return ""
	}}
}

// secretValueValidator checks a value's size. Unlike ruleValidator it never quotes the value.
type secretValueValidator struct{}

func (secretValueValidator) Description(context.Context) string {
	return fmt.Sprintf("must be 1-%d bytes", secretValueMaxBytes)
}

func (v secretValueValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v secretValueValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := len(req.ConfigValue.ValueString()); n == 0 || n > secretValueMaxBytes {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(),
			fmt.Sprintf("%s %s (UTF-8), got %d bytes.", req.Path, v.Description(ctx), n))
	}
}

func (r *secretResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = secretTypeName
}

func (r *secretResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A secret: a named value that installations and deployments of the workspace receive " +
			"(by name). The server seals the value (AES-256-GCM, under a key outside its database) and never answers " +
			"it; it answers `value_version` (1, then + 1 on every new value) instead. Managing secrets needs " +
			"`secrets.manage` (workspace owners, admins, `read_write` API keys). " + quotaNote("secrets") + "\n\n" +
			"**The value.** Give it as `value_wo`, a write-only attribute (Terraform 1.11 or later, OpenTofu 1.11 or " +
			"later): it is sent to the API and never stored in the plan or the state. Terraform cannot compare a " +
			"write-only value with anything, so it sends the value when the secret is created and whenever " +
			"`value_wo_version` changes: change both together (for example `value_wo_version = 2`). With an older " +
			"CLI, use `value` instead: it is sensitive (hidden in plan output) but, like every attribute that is not " +
			"write-only, stored in the state as you gave it, so protect the state. Exactly one of the two is needed " +
			"to create a secret.\n\n" +
			"**Drift.** A value changed outside Terraform shows as a new `value_version`: the provider remembers the " +
			"`value_version` its last apply left (in the resource's private state), and when the server's is " +
			"different the plan updates the secret (with a warning) to send the configured value again. A secret " +
			"deleted outside Terraform is removed from the state on refresh, so the next apply creates it again.\n\n" +
			"Import with `<workspace slug>/<secret name>`: `acme/DB_PASSWORD`. An import cannot read the value: the " +
			"imported state has no `value`, and the first apply that sets `value` or changes `value_wo_version` " +
			"sends it (the same value again changes nothing on the server); drift is detected from that apply on.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Secret id (`sec_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, unique in the workspace, matching `" + secretNamePattern + "` (the name of the " +
					"environment variable deployments receive). The API cannot change it (installations and deployments " +
					"refer to secrets by name): changing it replaces the secret.",
				Required:      true,
				Validators:    []validator.String{secretNameValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Free text, at most 1000 characters. Default empty. Changed in place.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{descriptionValidator()},
			},
			"value_wo": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The value, 1-%d bytes, write-only: never stored in the plan or the "+
					"state (Terraform 1.11 or later). Sent on create and whenever `value_wo_version` changes. "+
					"Conflicts with `value`.", secretValueMaxBytes),
				Optional:   true,
				WriteOnly:  true,
				Sensitive:  true,
				Validators: []validator.String{secretValueValidator{}},
			},
			"value_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Any number, required with `value_wo`: changing it sends `value_wo` to the API " +
					"(in place). Terraform cannot see a write-only value change, so change this number with it.",
				Optional: true,
			},
			"value": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The value, 1-%d bytes, for CLIs without write-only attributes "+
					"(before Terraform 1.11). Sensitive, but stored in the state as given. Changing it sends the new "+
					"value (in place). Conflicts with `value_wo`.", secretValueMaxBytes),
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{secretValueValidator{}},
			},
			"value_version": schema.Int64Attribute{
				MarkdownDescription: "The value's version on the server: 1 on create, + 1 on every new value (sending " +
					"the current value again changes nothing).",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"value_updated_at": schema.StringAttribute{
				MarkdownDescription: "When the value last changed (RFC 3339, UTC).",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *secretResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.Conflicting(path.MatchRoot("value"), path.MatchRoot("value_wo")),
		resourcevalidator.Conflicting(path.MatchRoot("value"), path.MatchRoot("value_wo_version")),
		resourcevalidator.RequiredTogether(path.MatchRoot("value_wo"), path.MatchRoot("value_wo_version")),
	}
}

// configuredValueWO reads the write-only value from the configuration (plans and states never
// hold it).
func configuredValueWO(ctx context.Context, cfg interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, diags *diag.Diagnostics) types.String {
	var v types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("value_wo"), &v)...)
	return v
}

// ModifyPlan requires a value for a new secret, and decides whether an update sends the value:
// a new value (value changed, or value_wo_version changed with value_wo), or a value changed
// outside Terraform (the server's value_version is not the one the last apply left), which is
// sent again. A plan that sends the value shows value_version and value_updated_at as known
// after apply; Update sends the value exactly then.
func (r *secretResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	defer r.checkPlan(ctx, req, resp) // last, after this plan's own changes
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan secretModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	valueWO := configuredValueWO(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		if plan.Value.IsNull() && valueWO.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("value_wo"), "Missing secret value",
				"A new secret needs its value: set value_wo with value_wo_version (Terraform 1.11 or later; never "+
					"stored in the state) or value (older CLIs; stored in the state, marked sensitive). Exactly one of "+
					"the two is needed to create a secret.")
		}
		return
	}
	var state secretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	send := false
	switch {
	case !valueWO.IsNull():
		send = !plan.ValueWOVersion.Equal(state.ValueWOVersion)
	case !plan.Value.IsNull():
		send = !plan.Value.Equal(state.Value)
	}
	managed := !valueWO.IsNull() || !plan.Value.IsNull()
	if managed && !send && !plan.ID.IsUnknown() {
		applied, ok := appliedValueVersion(ctx, req.Private, &resp.Diagnostics)
		if ok && !state.ValueVersion.IsNull() && applied != state.ValueVersion.ValueInt64() {
			resp.Diagnostics.AddAttributeWarning(path.Root("value_version"), "Secret value changed outside Terraform",
				fmt.Sprintf("Secret %s (%s) is at value_version %d, but the last apply left it at %d: its value was "+
					"changed outside Terraform. Apply sends the configured value again.",
					state.Name.ValueString(), state.ID.ValueString(), state.ValueVersion.ValueInt64(), applied))
			send = true
		}
	}
	if send {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("value_version"), types.Int64Unknown())...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("value_updated_at"), types.StringUnknown())...)
	}
}

// appliedValueVersion is the value_version the last create or update left (false when
// unknown: before any apply of this provider version, or after an import).
func appliedValueVersion(ctx context.Context, private privateGetter, diags *diag.Diagnostics) (int64, bool) {
	if private == nil {
		return 0, false
	}
	b, d := private.GetKey(ctx, privateAppliedValueVersion)
	diags.Append(d...)
	var v int64
	if len(b) == 0 || json.Unmarshal(b, &v) != nil {
		return 0, false
	}
	return v, true
}

func rememberValueVersion(ctx context.Context, private privateSetter, v int64, diags *diag.Diagnostics) {
	b, _ := json.Marshal(v)
	diags.Append(private.SetKey(ctx, privateAppliedValueVersion, b)...)
}

// sentValue is the value a create or update sends: value_wo from the configuration, else value.
func sentValue(ctx context.Context, cfg interface {
	GetAttribute(context.Context, path.Path, any) diag.Diagnostics
}, plan *secretModel, diags *diag.Diagnostics) client.Secret {
	if wo := configuredValueWO(ctx, cfg, diags); !wo.IsNull() {
		return client.Secret(wo.ValueString())
	}
	return client.Secret(plan.Value.ValueString())
}

func (r *secretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan secretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	value := sentValue(ctx, req.Config, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	sec, err := r.create(ctx, &plan, value)
	if err != nil {
		addAPIError(&resp.Diagnostics, secretTypeName, "create", err)
		return
	}
	plan.fromAPI(sec)
	keepVersion(ctx, resp.Private, sec.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	rememberValueVersion(ctx, resp.Private, sec.ValueVersion, &resp.Diagnostics)
}

// dryRunSecretValue stands for the secret's value in plan-time dry runs: a plan never sends
// the value (write-only, or not yet known); the server only checks that one is there.
const dryRunSecretValue client.Secret = "plan-time-dry-run"

// create is the API call of Create, and (with dryRunSecretValue) of its plan-time dry run.
func (r *secretResource) create(ctx context.Context, plan *secretModel, value client.Secret) (*client.WorkspaceSecret, error) {
	return r.client().Secrets.Create(ctx, plan.WorkspaceID.ValueString(), client.SecretCreateOptions{
		Name: plan.Name.ValueString(), Description: plan.Description.ValueString(), Value: value,
	})
}

// update is the API call of Update, and (with dryRunSecretValue) of its plan-time dry run: the
// value is sent when the plan leaves value_version unknown (ModifyPlan decided to send it); nil,
// nil when there is nothing to send.
func (r *secretResource) update(ctx context.Context, plan, state *secretModel, value client.Secret, ifVersion int64) (*client.WorkspaceSecret, error) {
	opts := client.SecretUpdateOptions{Description: changed(plan.Description, state.Description), IfVersion: ifVersion}
	if plan.ValueVersion.IsUnknown() {
		opts.Value = &value
	}
	if opts.Description == nil && opts.Value == nil {
		return nil, nil
	}
	return r.client().Secrets.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), opts)
}

// dryRuns is the plan check of a secret: its calls with dryRunSecretValue.
func (r *secretResource) dryRuns() *planCheck {
	return newPlanCheck(
		func(ctx context.Context, plan *secretModel) (*client.WorkspaceSecret, error) {
			return r.create(ctx, plan, dryRunSecretValue)
		},
		func(ctx context.Context, plan, state *secretModel, ifVersion int64) (*client.WorkspaceSecret, error) {
			return r.update(ctx, plan, state, dryRunSecretValue, ifVersion)
		})
}

func (r *secretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	readResource(ctx, req, resp, secretTypeName, (*secretModel).fromAPI, func(state *secretModel) (*client.WorkspaceSecret, error) {
		return r.client().Secrets.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	})
}

func (r *secretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state secretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var value client.Secret
	if plan.ValueVersion.IsUnknown() { // ModifyPlan decided to send the value
		value = sentValue(ctx, req.Config, &plan, &resp.Diagnostics)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	sec, err := r.update(ctx, &plan, &state, value, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, secretTypeName, err)
		return
	}
	if sec == nil {
		// Only value_wo_version or value went (a value no longer managed): nothing to send.
		plan.ValueWO = types.StringNull()
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
		return
	}
	plan.fromAPI(sec)
	keepVersion(ctx, resp.Private, sec.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	rememberValueVersion(ctx, resp.Private, sec.ValueVersion, &resp.Diagnostics)
}

func (r *secretResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *secretResource) deletion(m *secretModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: secretTypeName, workspaceID: ws, kind: client.PlannedSecret, targetID: id,
		label: fmt.Sprintf("secret %s (%s)", m.Name.ValueString(), id),
		del:   func(ctx context.Context) error { return r.client().Secrets.Delete(ctx, ws, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *secretResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`sec_...`) of the secret."})
}

// ImportState takes "<workspace slug or id>/<secret name or id>"; Read resolves both.
func (r *secretResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importWorkspaceAndID(ctx, req, resp, "platform_secret")
}
