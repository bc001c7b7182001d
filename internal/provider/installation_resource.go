package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const installationTypeName = "platform_installation"

// Rules of installations (docs/platform.md section 11), restated for plan time
// (validators_sync_test.go keeps them equal to the server's).
const (
	namespacePattern      = `^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`
	namespaceMaxLen       = 63
	maxInstallationValues = 100
	valueKeyMaxLen        = 253
	valueMaxLen           = 4096
	// defaultInstallationTimeout bounds each wait (create, update, delete) unless the timeouts
	// block says otherwise.
	defaultInstallationTimeout = 20 * time.Minute
)

var namespaceRegexp = regexp.MustCompile(namespacePattern)

var (
	_ resource.ResourceWithConfigure      = (*installationResource)(nil)
	_ resource.ResourceWithImportState    = (*installationResource)(nil)
	_ resource.ResourceWithIdentity       = (*installationResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*installationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*installationResource)(nil)
)

// NewInstallationResource is the platform_installation resource.
func NewInstallationResource() resource.Resource {
	r := &installationResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = withLeftover(newPlanCheck(dropOperation(r.create), dropOperationUpdate(r.update)),
		func(ctx context.Context, m *installationModel) (*client.Installation, error) {
			return r.client().Installations.Get(ctx, m.WorkspaceID.ValueString(), m.Name.ValueString())
		})
	return r
}

type installationResource struct {
	workspaceScopedResource
}

type installationModel struct {
	ID            types.String   `tfsdk:"id"`
	WorkspaceID   types.String   `tfsdk:"workspace_id"`
	Name          types.String   `tfsdk:"name"`
	ClusterID     types.String   `tfsdk:"cluster_id"`
	Namespace     types.String   `tfsdk:"namespace"`
	ProductID     types.String   `tfsdk:"product_id"`
	Tag           types.String   `tfsdk:"tag"`
	Chart         types.String   `tfsdk:"chart"`
	Values        types.Map      `tfsdk:"values"`
	Secrets       types.Set      `tfsdk:"secrets"`
	Wait          types.Bool     `tfsdk:"wait"`
	Status        types.String   `tfsdk:"status"`
	InstalledTag  types.String   `tfsdk:"installed_tag"`
	RepositoryURL types.String   `tfsdk:"repository_url"`
	CreatedAt     types.String   `tfsdk:"created_at"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
// wait and timeouts are Terraform-only and keep their values.
func (m *installationModel) fromAPI(in *client.Installation) {
	m.ID = types.StringValue(in.ID)
	m.WorkspaceID = types.StringValue(in.WorkspaceID)
	m.Name = types.StringValue(in.Name)
	m.ClusterID = types.StringValue(in.ClusterID)
	m.Namespace = types.StringValue(in.Namespace)
	m.ProductID = optionalString(in.Source.ProductID)
	m.Tag = optionalString(in.Source.Tag)
	m.Chart = optionalString(in.Source.Chart)
	m.Values = stringMapValue(in.Values)
	m.Secrets = stringSetValue(in.Secrets)
	m.Status = types.StringValue(in.Status)
	m.InstalledTag = optionalString(in.InstalledTag) // none before the first install, and for charts
	m.RepositoryURL = types.StringValue(in.RepositoryURL)
	m.CreatedAt = timeValue(in.CreatedAt)
}

// upgrades reports whether the change from prior to m is one the API applies through an
// upgrade operation (a new tag, chart, values or secrets) rather than at once.
func (m *installationModel) upgrades(prior *installationModel) bool {
	return !m.Tag.Equal(prior.Tag) || !m.Chart.Equal(prior.Chart) || !m.Values.Equal(prior.Values) || !m.Secrets.Equal(prior.Secrets)
}

// namespaceValidator checks a Kubernetes namespace: a DNS label.
func namespaceValidator() validator.String {
	rule := fmt.Sprintf("must be a DNS label: 1-%d lower-case letters, digits and hyphens, starting and ending with a "+
		"letter or digit", namespaceMaxLen)
	return ruleValidator{rule, func(s string) string {
		if len(s) > namespaceMaxLen || !namespaceRegexp.MatchString(s) {
			return rule
		}
		return ""
	}}
}

// valuesValidator checks an installation's chart values: at most 100 keys of 1-253 characters,
// values of at most 4096 characters.
func valuesValidator() validator.Map {
	return stringMapValidator{maxKeys: maxInstallationValues, valueMaxLen: valueMaxLen,
		keyRule: fmt.Sprintf("of 1-%d characters", valueKeyMaxLen),
		keyReason: func(k string) string {
			if n := utf8.RuneCountInString(k); n < 1 || n > valueKeyMaxLen {
				return fmt.Sprintf("key must be 1-%d characters (has %d)", valueKeyMaxLen, n)
			}
			return ""
		}}
}

func (r *installationResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = installationTypeName
}

func (r *installationResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An installation: a release of a product (the workspace's own, or a listed product of another " +
			"workspace from the marketplace), or a chart, installed on one of the workspace's clusters, with its own " +
			"package repository. Managing installations needs `installations.manage`; a paid listed product also needs " +
			"`billing.manage`. " + quotaNote("installations") + "\n\n" +
			"**Asynchronous.** Installing, upgrading (a new `tag`, up or down: a rollback is an upgrade to a lower tag; a " +
			"new `chart`, `values` or `secrets`) and uninstalling run as operations. With `wait = true` (the default) apply " +
			"waits until the installation is `installed` (or gone), within the `timeouts`; the id is saved to the state " +
			"before waiting, so an installation whose install fails or times out is kept (tainted) and replaced by the next " +
			"apply, and a failure is reported with the operation's message. With `wait = false` apply returns as soon as the " +
			"server accepts the change (`status` is then `installing` or `upgrading`, and a later refresh shows " +
			"`installed` or `failed`, without an apply error): that lets a `check` block or a test assert the outcome.\n\n" +
			"The cluster must be `running`. A failed upgrade leaves the installation `failed` with the new configuration " +
			"in the state: change `tag` (a rollback), `chart`, `values` or `secrets` to try again.\n\n" +
			"Import with `<workspace slug>/<installation name>`: `acme/shop-eu` (ids work too).",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Installation id (`inst_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, unique in the workspace: " + slugRule + ". Renamed in place (at once, no upgrade).",
				Required:            true,
				Validators:          []validator.String{nameValidator()},
			},
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "Id (`cls_...`) of the cluster of the workspace to install on; it must be `running`. " +
					"Changing it replaces the installation.",
				Required:      true,
				Validators:    []validator.String{refValidator("cls_", "cluster")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"namespace": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Kubernetes namespace to install into, a DNS label (1-%d lower-case letters, "+
					"digits and hyphens, starting and ending with a letter or digit). Default: the name at creation. One "+
					"installation per cluster and namespace. Changing it replaces the installation.", namespaceMaxLen),
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{namespaceValidator()},
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplace(),
				},
			},
			"product_id": schema.StringAttribute{
				MarkdownDescription: "Id (`prod_...`) of the product whose release to install: one of the workspace's own " +
					"products, or a listed product of another workspace (`platform_marketplace_products`). Requires `tag`; " +
					"exactly one of `product_id` and `chart` is required. Changing it, or switching between a product and " +
					"a chart, replaces the installation.",
				Optional:      true,
				Validators:    []validator.String{refValidator("prod_", "product")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"tag": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Tag of the product's release to run, a semantic version such as `1.4.0` "+
					"(at most %d characters); required with `product_id`, not allowed with `chart`. A new tag upgrades the "+
					"installation in place, a lower one rolls it back. Yanked releases cannot be newly installed.", tagMaxLen),
				Optional:   true,
				Validators: []validator.String{tagValidator()},
			},
			"chart": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Chart to install directly instead of a product release: "+
					"`oci://host/path:tag` or an `https://` URL ending in `.tgz`, at most %d characters. A new chart "+
					"upgrades the installation in place.", chartMaxLen),
				Optional:   true,
				Validators: []validator.String{chartValidator()},
			},
			"values": schema.MapAttribute{
				MarkdownDescription: fmt.Sprintf("Chart values: at most %d keys of 1-%d characters, values at most %d "+
					"characters. The whole map is replaced on change (an upgrade). Default empty.",
					maxInstallationValues, valueKeyMaxLen, valueMaxLen),
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, nil)),
				Validators:  []validator.Map{valuesValidator()},
			},
			"secrets": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("Names of the workspace's secrets (`platform_secret`) the installation "+
					"receives, at most %d, each matching `%s`. A change is an upgrade. Default none.", maxSecretRefs, secretNamePattern),
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				Validators: []validator.Set{
					setvalidator.SizeAtMost(maxSecretRefs),
					setvalidator.ValueStringsAre(secretNameValidator()),
				},
			},
			"wait": schema.BoolAttribute{
				MarkdownDescription: "Whether apply waits for an install or upgrade to finish (default `true`): a failure is " +
					"then an apply error. With `false`, apply returns once the server accepts the change, and the outcome " +
					"(`installed` or `failed`) shows in `status` on the next refresh. Terraform-only; uninstalling is " +
					"always waited for.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`installing`, `installed`, `upgrading`, `failed` or `uninstalling`. After a successful " +
					"apply with `wait = true`: `installed`.",
				Computed: true,
			},
			"installed_tag": schema.StringAttribute{
				MarkdownDescription: "The release tag that runs: null before the first install succeeds, and for charts. It " +
					"stays at the previous tag while an upgrade runs or after it fails.",
				Computed: true,
			},
			"repository_url": schema.StringAttribute{
				MarkdownDescription: "The installation's own package repository (`oci://...`), fixed at creation.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": createdAtResourceAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// ValidateConfig checks the source at plan time: exactly one of product_id (with tag) and
// chart, the rule the API applies.
func (r *installationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var productID, tag, chart types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("product_id"), &productID)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tag"), &tag)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("chart"), &chart)...)
	if resp.Diagnostics.HasError() {
		return
	}
	const rule = "An installation runs exactly one source: a product release (product_id with tag) or a chart (chart)."
	switch {
	case !productID.IsNull() && !chart.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("chart"), "Conflicting installation sources",
			"product_id and chart cannot both be set. "+rule)
	case !chart.IsNull() && !tag.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("tag"), "Invalid tag",
			"tag is only for product releases (with product_id): a chart carries its own version in its reference. "+rule)
	case productID.IsNull() && !tag.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("tag"), "Missing product_id",
			"tag needs product_id: the product whose release to install. "+rule)
	case productID.IsNull() && chart.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("product_id"), "Missing installation source",
			"Set product_id with tag, or chart. "+rule)
	case !productID.IsNull() && tag.IsNull():
		resp.Diagnostics.AddAttributeError(path.Root("tag"), "Missing tag",
			"tag is required with product_id: the release of the product to install, such as 1.4.0. "+rule)
	}
}

// ModifyPlan fills in the default workspace (workspaceScopedResource) and plans what the
// server will answer: a new installation's namespace defaults to its name; an in-place change
// keeps status and installed_tag unless it upgrades, and an upgrade that apply waits for ends
// "installed" at the planned tag.
func (r *installationResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	defer r.checkPlan(ctx, req, resp) // last, after this plan's own changes
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	var plan installationModel
	resp.Diagnostics.Append(resp.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		if plan.Namespace.IsUnknown() && !plan.Name.IsUnknown() {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("namespace"), plan.Name)...)
		}
		return
	}
	var state installationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || len(resp.RequiresReplace) > 0 {
		return
	}
	// Attribute-level RequiresReplace is not visible here: compare those attributes directly.
	if !plan.ClusterID.Equal(state.ClusterID) || !plan.Namespace.Equal(state.Namespace) || !plan.ProductID.Equal(state.ProductID) {
		return // a new installation
	}
	status, installedTag := state.Status, state.InstalledTag
	switch {
	case !plan.upgrades(&state):
		// A rename (or nothing the API sees) changes neither.
	case plan.Wait.ValueBool():
		status = types.StringValue(client.InstallationInstalled)
		installedTag = plan.Tag // null for a chart
	default:
		status, installedTag = types.StringUnknown(), types.StringUnknown()
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), status)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("installed_tag"), installedTag)...)
	if state.Status.ValueString() == client.InstallationFailed && !plan.upgrades(&state) {
		resp.Diagnostics.AddAttributeWarning(path.Root("status"), "Installation failed",
			fmt.Sprintf("Installation %s (%s) is failed: its last install or upgrade did not complete. Change tag (a "+
				"rollback), chart, values or secrets to upgrade it again, or replace it (terraform apply -replace).",
				state.Name.ValueString(), state.ID.ValueString()))
	}
}

func (m *installationModel) createOptions(ctx context.Context, diags *diag.Diagnostics) client.InstallationCreateOptions {
	return client.InstallationCreateOptions{
		Name:      m.Name.ValueString(),
		ClusterID: m.ClusterID.ValueString(),
		Namespace: m.Namespace.ValueString(), // unknown: "" (the server's default, the name)
		Source: client.InstallationSource{
			ProductID: m.ProductID.ValueString(), Tag: m.Tag.ValueString(), Chart: m.Chart.ValueString(),
		},
		Values:  stringMapFrom(ctx, m.Values, diags),
		Secrets: stringsFrom(ctx, m.Secrets, diags),
	}
}

func (r *installationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan installationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	timeout, diags := plan.Timeouts.Create(ctx, defaultInstallationTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	in, opID, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, installationTypeName, "create", err)
		return
	}
	// Save the installation before waiting: if the wait fails or times out, Terraform still
	// knows it (tainted, so the next apply replaces it) instead of losing track of it.
	plan.fromAPI(in)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if resp.Diagnostics.HasError() || !plan.Wait.ValueBool() {
		return
	}
	r.waitInstalled(ctx, &plan, opID, "create", timeout, &resp.State, &resp.Diagnostics)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *installationResource) create(ctx context.Context, plan *installationModel) (*client.Installation, string, error) {
	var diags diag.Diagnostics
	opts := plan.createOptions(ctx, &diags)
	if diags.HasError() {
		return nil, "", diagError(diags)
	}
	return r.client().Installations.Create(ctx, plan.WorkspaceID.ValueString(), opts)
}

// update is the API call of Update, and of its plan-time dry run; a nil installation when only
// wait or timeouts changed (they live in the state alone).
func (r *installationResource) update(ctx context.Context, plan, state *installationModel, ifVersion int64) (*client.Installation, string, error) {
	var diags diag.Diagnostics
	opts := plan.updateOptions(ctx, state, &diags)
	if diags.HasError() {
		return nil, "", diagError(diags)
	}
	if opts == (client.InstallationUpdateOptions{}) {
		return nil, "", nil
	}
	opts.IfVersion = ifVersion
	return r.client().Installations.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), opts)
}

func (r *installationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id holds the slug and id the name the user typed; the API
	// accepts both, and fromAPI replaces them with the ids.
	readResource(ctx, req, resp, installationTypeName, (*installationModel).fromAPI, func(state *installationModel) (*client.Installation, error) {
		return r.client().Installations.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	})
}

// updateOptions are the changes from state to m: what changed, values and secrets whole.
func (m *installationModel) updateOptions(ctx context.Context, state *installationModel, diags *diag.Diagnostics) client.InstallationUpdateOptions {
	opts := client.InstallationUpdateOptions{Name: changed(m.Name, state.Name)}
	var src client.InstallationSource
	if tag := changed(m.Tag, state.Tag); tag != nil {
		src.Tag = *tag
	}
	if chart := changed(m.Chart, state.Chart); chart != nil {
		src.Chart = *chart
	}
	if src != (client.InstallationSource{}) {
		opts.Source = &src
	}
	if !m.Values.Equal(state.Values) {
		values := stringMapFrom(ctx, m.Values, diags)
		if values == nil {
			values = map[string]string{} // the whole map is replaced: send an empty one to clear
		}
		opts.Values = &values
	}
	if !m.Secrets.Equal(state.Secrets) {
		secrets := stringsFrom(ctx, m.Secrets, diags)
		if secrets == nil {
			secrets = []string{}
		}
		opts.Secrets = &secrets
	}
	return opts
}

func (r *installationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state installationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultInstallationTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	// No If-Match: an installation's version also moves with its status, which the platform changes.
	in, opID, err := r.update(ctx, &plan, &state, 0)
	if err != nil {
		addAPIError(&resp.Diagnostics, installationTypeName, "update", err)
		return
	}
	if in == nil {
		// Only wait or timeouts changed: they live in the state alone, so no API call.
		state.Wait, state.Timeouts = plan.Wait, plan.Timeouts
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)
		return
	}
	keepVersion(ctx, resp.Private, 0, &resp.Diagnostics) // moves on while it installs; Read records it
	plan.fromAPI(in)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if opID == "" || resp.Diagnostics.HasError() || !plan.Wait.ValueBool() {
		return // an immediate change (a new name), or not waited for
	}
	r.waitInstalled(ctx, &plan, opID, "update", timeout, &resp.State, &resp.Diagnostics)
}

func (r *installationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state installationModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultInstallationTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws, id := state.WorkspaceID.ValueString(), state.ID.ValueString()
	w := asyncWait{typeName: installationTypeName, kind: "installation", name: state.Name.ValueString(), id: id, timeout: timeout}
	r.destroyAndWait(ctx, req.Private, r.deletion(&state), w,
		func(ctx context.Context) error { return r.client().Installations.WaitUntilDeleted(ctx, ws, id) }, nil, &resp.Diagnostics)
}

// deletion starts uninstalling the installation (Delete then waits for it to be gone). One
// already being uninstalled (outside Terraform) is left to finish.
func (r *installationResource) deletion(m *installationModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: installationTypeName, workspaceID: ws, kind: client.PlannedInstallation, targetID: id,
		label: fmt.Sprintf("installation %q (%s)", m.Name.ValueString(), id),
		del: func(ctx context.Context) error {
			_, _, err := r.client().Installations.Delete(ctx, ws, id, 0)
			if errors.Is(err, client.ErrFailedPrecondition) {
				if in, getErr := r.client().Installations.Get(ctx, ws, id); getErr == nil && in.Status == client.InstallationUninstalling {
					return nil
				}
			}
			return err
		}}
}

// waitInstalled waits until the installation is installed, within timeout, and stores what
// it saw last.
func (r *installationResource) waitInstalled(ctx context.Context, m *installationModel, opID, action string, timeout time.Duration,
	state interface {
		Set(context.Context, any) diag.Diagnostics
	}, diags *diag.Diagnostics) {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	w := asyncWait{typeName: installationTypeName, kind: "installation", name: m.Name.ValueString(), id: id, opID: opID,
		action: action, timeout: timeout, awaited: client.InstallationInstalled, work: "installing", failed: client.ErrInstallationFailed,
		afterFailure: "The installation is kept in the state and marked tainted; the next apply replaces it."}
	if action == "update" {
		w.afterFailure = "The installation is failed and its state holds the configuration that failed: change tag (a rollback), " +
			"chart, values or secrets and apply again."
	}
	waitUntil(ctx, r.client(), w,
		func(ctx context.Context) (*client.Installation, error) {
			return r.client().Installations.WaitForStatus(ctx, ws, id, client.InstallationInstalled)
		},
		func(in *client.Installation) {
			m.fromAPI(in)
			diags.Append(state.Set(ctx, m)...)
		}, diags)
}

// IdentitySchema names the object by ids (see identity.go).
func (r *installationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`inst_...`) of the installation."})
}

// ImportState takes "<workspace slug or id>/<installation name or id>"; Read resolves both with
// its one GET. wait starts at its default; timeouts stays null (the defaults apply).
func (r *installationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importWorkspaceAndID(ctx, req, resp, "platform_installation") {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("wait"), true)...)
	}
}
