package provider

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
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
// A resource with its own ModifyPlan must call r.workspaceScopedResource.ModifyPlan first.
type workspaceScopedResource struct {
	baseResource
}

func (r *workspaceScopedResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return // destroy, or the provider is not configured
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
