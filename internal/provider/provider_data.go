package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// providerData is what Configure hands to every resource and data source: the provider
// instance's one client and its default workspace.
type providerData struct {
	client *client.Client
	// defaultWorkspace is the provider's workspace setting as written (id or slug); "" if unset.
	defaultWorkspace string

	mu                 sync.Mutex
	defaultWorkspaceID string // resolved from defaultWorkspace on first use

	// plans follows this process's plan (or apply) for destroys; see plan_session.go.
	plans planTracker
	// applying is set by the first Create, Update or Delete: no more plan-time dry runs
	// (plan_check.go).
	applying atomic.Bool
	// noPlanChecks is the provider's plan_checks = false.
	noPlanChecks bool

	// memberSets detects member sets mixed with single members; see members_common.go.
	memberSets memberSets
	// stripeAccounts are the workspaces whose Stripe account this plan sets up; see
	// stripe_account_resource.go.
	stripeAccounts sync.Map

	kubernetesVersionsOnce sync.Once
	kubernetesVersionsList []string // the server's catalogue, read on first use
	kubernetesVersionsErr  error
}

// kubernetesVersions returns the server's Kubernetes version catalogue, read once per provider
// instance (one plan or apply) on first use: plans check versions against it.
func (d *providerData) kubernetesVersions(ctx context.Context) ([]string, error) {
	d.kubernetesVersionsOnce.Do(func() {
		d.kubernetesVersionsList, d.kubernetesVersionsErr = d.client.KubernetesVersions.List(ctx)
	})
	return d.kubernetesVersionsList, d.kubernetesVersionsErr
}

// resolveDefaultWorkspace returns the id of the default workspace. A slug is looked up once per
// provider instance, on first use, so configurations that never rely on the default never pay
// for (or fail on) the lookup.
func (d *providerData) resolveDefaultWorkspace(ctx context.Context) (string, error) {
	if d.defaultWorkspace == "" {
		return "", nil
	}
	if strings.HasPrefix(d.defaultWorkspace, "ws_") {
		return d.defaultWorkspace, nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.defaultWorkspaceID != "" {
		return d.defaultWorkspaceID, nil
	}
	ws, err := d.client.Workspaces.Get(ctx, d.defaultWorkspace)
	if err != nil {
		return "", err
	}
	d.defaultWorkspaceID = ws.ID
	return ws.ID, nil
}

// workspaceID returns the workspace a workspace-scoped resource or data source works in: attr
// (its workspace_id) when set, otherwise the provider's default workspace. When neither is set,
// or the default cannot be resolved, it adds an attribute error on workspace_id and returns "".
func (d *providerData) workspaceID(ctx context.Context, attr types.String, diags *diag.Diagnostics) string {
	if !attr.IsNull() && !attr.IsUnknown() && attr.ValueString() != "" {
		return attr.ValueString()
	}
	id, err := d.resolveDefaultWorkspace(ctx)
	switch {
	case err != nil:
		diags.AddAttributeError(path.Root("workspace_id"), "Cannot resolve the provider's default workspace",
			fmt.Sprintf("workspace_id is not set, and the provider's default workspace %q (provider attribute workspace or %s) "+
				"could not be read: %s", d.defaultWorkspace, EnvWorkspace, err))
	case id == "":
		diags.AddAttributeError(path.Root("workspace_id"), "Missing workspace",
			"Set workspace_id, or set a default workspace with the provider attribute workspace or the "+
				EnvWorkspace+" environment variable.")
	}
	return id
}

// baseResource is embedded by every resource: it receives the provider's data in Configure.
//
//	type projectResource struct{ workspaceScopedResource }
//	... r.client().Projects.Get(ctx, ws, id)
type baseResource struct {
	data *providerData
	// checks is the resource's create and update as plan-time dry runs (plan_check.go); set by
	// its constructor.
	checks *planCheck
}

// Configure stores the provider data. It is nil during validation (the provider is not
// configured yet), which is why CRUD methods, never Schema or validators, use the client.
func (b *baseResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (b *baseResource) client() *client.Client { return b.data.client }

// baseDataSource is embedded by every data source, like baseResource.
type baseDataSource struct {
	data *providerData
}

func (b *baseDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	b.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (b *baseDataSource) client() *client.Client { return b.data.client }

func providerDataFrom(v any, diags *diag.Diagnostics) *providerData {
	if v == nil {
		return nil
	}
	d, ok := v.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data", fmt.Sprintf("expected *providerData, got %T; this is a bug in the provider", v))
	}
	return d
}

// workspaceScopedResource is embedded by resources that live in a workspace and have an
// optional workspace_id attribute (see workspaceIDResourceAttribute). Its ModifyPlan fills an
// omitted workspace_id with the provider's default workspace at plan time, so the plan shows
// the real id, and plans a replacement when the workspace changes (resources never move
// between workspaces).
//
// A destroy is planned as a dry run in the plan session (plan_session.go), with the deletion
// that the resource's constructor sets in deletionOf; Delete calls r.destroy.
//
// Then the planned create or update is dry-run (plan_check.go). A resource with its own
// ModifyPlan must call r.planWorkspace first and r.checkPlan last.
type workspaceScopedResource struct {
	baseResource
	deletionOf func(context.Context, tfsdk.State, *diag.Diagnostics) *deletion
}

func (r *workspaceScopedResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	r.checkPlan(ctx, req, resp)
}

// checkPlan dry-runs the planned create or update (plan_check.go).
func (r *workspaceScopedResource) checkPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.baseResource.checkPlan(ctx, req, resp, r.deletionOf)
}

// planWorkspace is ModifyPlan without the dry run.
func (r *workspaceScopedResource) planWorkspace(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.data == nil {
		return // the provider is not configured
	}
	if req.Plan.Raw.IsNull() {
		if r.deletionOf == nil {
			return
		}
		if d := r.deletionOf(ctx, req.State, &resp.Diagnostics); d != nil {
			r.data.plans.planDelete(ctx, r.client(), d, resp)
		}
		return
	}

	wsPath := path.Root("workspace_id")
	var configured types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, wsPath, &configured)...)
	if resp.Diagnostics.HasError() {
		return
	}
	planned := configured
	if configured.IsNull() {
		id := r.data.workspaceID(ctx, configured, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		planned = types.StringValue(id)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, wsPath, planned)...)
	}
	if req.State.Raw.IsNull() {
		return // create
	}
	var prior types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, wsPath, &prior)...)
	if planned.IsUnknown() || !planned.Equal(prior) {
		resp.RequiresReplace = append(resp.RequiresReplace, wsPath)
	}
}

// destroy is the Delete of a workspace-scoped resource whose deletion is one call: unless the
// plan that scheduled it says otherwise (planTracker.beforeDelete), it deletes the object; one
// already gone counts as deleted.
func (r *workspaceScopedResource) destroy(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.data.startApply()
	d := r.deletionOf(ctx, req.State, &resp.Diagnostics)
	if d == nil || r.data.plans.beforeDelete(ctx, r.client(), req.Private, d, &resp.Diagnostics) {
		return
	}
	if err := d.del(ctx); err != nil && !isNotFound(err) {
		addAPIError(&resp.Diagnostics, d.typeName, "delete", err)
	}
}
