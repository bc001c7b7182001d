package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const clusterTypeName = "platform_cluster"

// defaultClusterTimeout bounds each wait (create, update, delete) unless the timeouts block
// says otherwise.
const defaultClusterTimeout = 30 * time.Minute

var (
	_ resource.ResourceWithConfigure   = (*clusterResource)(nil)
	_ resource.ResourceWithImportState = (*clusterResource)(nil)
	_ resource.ResourceWithIdentity    = (*clusterResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*clusterResource)(nil)
)

// NewClusterResource is the platform_cluster resource.
func NewClusterResource() resource.Resource {
	r := &clusterResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = withLeftover(newPlanCheck(dropOperation(r.create), dropOperationUpdate(r.update)),
		func(ctx context.Context, m *clusterModel) (*client.Cluster, error) {
			return r.client().Clusters.Get(ctx, m.WorkspaceID.ValueString(), m.Name.ValueString())
		})
	return r
}

type clusterResource struct {
	workspaceScopedResource
}

type clusterModel struct {
	ID                types.String    `tfsdk:"id"`
	WorkspaceID       types.String    `tfsdk:"workspace_id"`
	Name              types.String    `tfsdk:"name"`
	RegionID          types.String    `tfsdk:"region_id"`
	ProjectID         types.String    `tfsdk:"project_id"`
	Cloud             types.String    `tfsdk:"cloud"`
	Location          types.String    `tfsdk:"location"`
	KubernetesVersion types.String    `tfsdk:"kubernetes_version"`
	NodePools         []nodePoolModel `tfsdk:"node_pools"`
	Status            types.String    `tfsdk:"status"`
	Endpoint          types.String    `tfsdk:"endpoint"`
	CreatedAt         types.String    `tfsdk:"created_at"`
	Timeouts          timeouts.Value  `tfsdk:"timeouts"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
// timeouts is Terraform-only and keeps its value.
func (m *clusterModel) fromAPI(c *client.Cluster) {
	m.ID = types.StringValue(c.ID)
	m.WorkspaceID = types.StringValue(c.WorkspaceID)
	m.Name = types.StringValue(c.Name)
	m.RegionID = optionalString(c.RegionID)
	m.ProjectID = optionalString(c.ProjectID)
	m.Cloud = types.StringValue(string(c.Cloud))
	m.Location = types.StringValue(c.Location)
	m.KubernetesVersion = types.StringValue(c.KubernetesVersion)
	m.NodePools = nodePoolsFromAPI(c.NodePools)
	m.Status = types.StringValue(c.Status)
	m.Endpoint = optionalString(c.Endpoint) // empty until the cluster first runs
	m.CreatedAt = timeValue(c.CreatedAt)
}

func (r *clusterResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = clusterTypeName
}

func (r *clusterResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Kubernetes cluster, provisioned asynchronously. Apply waits until the cluster is " +
			"`running` (within the `timeouts`); its id is saved to the state before waiting, so a cluster whose " +
			"provisioning fails or times out is kept (tainted) and replaced by the next apply. A failed operation's " +
			"message is reported. " + quotaNote("clusters") + "\n\nImport with `<workspace slug>/<cluster name>`: `acme/prod-eu`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Cluster id (`cls_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, unique in the workspace: 3-40 characters matching `^[a-z][a-z0-9-]*[a-z0-9]$`, " +
					"no `--`. Renamed in place.",
				Required:   true,
				Validators: []validator.String{nameValidator()},
			},
			"region_id": schema.StringAttribute{
				MarkdownDescription: "Id (`reg_...`) of the region the cluster is grouped under. Changed (or removed) in place.",
				Optional:            true,
				Validators:          []validator.String{refValidator("reg_", "region")},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "Id (`prj_...`) of the project the cluster belongs to. Changing it replaces the cluster.",
				Optional:            true,
				Validators:          []validator.String{refValidator("prj_", "project")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cloud": schema.StringAttribute{
				MarkdownDescription: "Cloud provider: `aws`, `gcp`, `azure` or `hetzner`. Changing it replaces the cluster.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(clouds...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"location": schema.StringAttribute{
				MarkdownDescription: "Cloud location such as `eu-central-1`: 2-63 characters matching " +
					"`^[a-z0-9][a-z0-9-]*[a-z0-9]$`. Changing it replaces the cluster.",
				Required:      true,
				Validators:    []validator.String{locationValidator()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"kubernetes_version": schema.StringAttribute{
				MarkdownDescription: "Kubernetes version `MAJOR.MINOR`, one of those the platform supports (see the " +
					"`platform_kubernetes_versions` data source; the server rejects others). Upgrades are applied in " +
					"place and waited for; a downgrade is refused at plan time (versions only go up).",
				Required:   true,
				Validators: []validator.String{kubernetesVersionValidator()},
			},
			"node_pools": schema.ListNestedAttribute{
				MarkdownDescription: fmt.Sprintf("The node pools: 1-%d, names unique, `min_nodes <= max_nodes`. "+
					"Changes are applied in place and waited for.", maxNodePools),
				Required:     true,
				Validators:   nodePoolsValidators(),
				NestedObject: nodePoolResourceObject(),
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`provisioning`, `running`, `updating`, `deleting` or `failed`. After a successful " +
					"apply: `running`.",
				Computed: true,
			},
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "URL of the Kubernetes API, known once the cluster first runs.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
			},
			"created_at": createdAtResourceAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// ModifyPlan fills in the default workspace (workspaceScopedResource), checks a new Kubernetes
// version against the server's catalogue, refuses a Kubernetes downgrade (the API only
// upgrades, and a silent replacement would destroy the cluster), and keeps status "running" in
// the plan of an in-place update of a running cluster, since the update waits until it runs
// again.
func (r *clusterResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	r.planWorkspace(ctx, req, resp)
	defer r.checkPlan(ctx, req, resp) // last, after this plan's own changes
	if resp.Diagnostics.HasError() || req.Plan.Raw.IsNull() {
		return
	}
	r.checkKubernetesVersion(ctx, req, resp)
	if resp.Diagnostics.HasError() || req.State.Raw.IsNull() {
		return
	}
	if len(resp.RequiresReplace) > 0 {
		return
	}
	// Attribute-level RequiresReplace is not visible here: compare those attributes directly.
	for _, name := range []string{"cloud", "location", "project_id"} {
		var planned, prior types.String
		resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if resp.Diagnostics.HasError() || !planned.Equal(prior) {
			return // a new cluster: any version will do
		}
	}

	var planned, prior types.String
	versionPath := path.Root("kubernetes_version")
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, versionPath, &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, versionPath, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if !planned.IsUnknown() && !planned.IsNull() && compareKubernetesVersions(planned.ValueString(), prior.ValueString()) < 0 {
		resp.Diagnostics.AddAttributeError(versionPath, "Kubernetes downgrade is not possible",
			fmt.Sprintf("kubernetes_version cannot go down from %s to %s: Kubernetes versions only go up. "+
				"Keep %s (or a later version), or create a new cluster with the older version.",
				prior.ValueString(), planned.ValueString(), prior.ValueString()))
		return
	}

	var status types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("status"), &status)...)
	if status.ValueString() == client.ClusterRunning {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status"), status)...)
	}
}

// checkKubernetesVersion refuses, at plan time, a kubernetes_version that the server does not
// offer, when the plan sets a new one (create, or a change). A version the catalogue has since
// dropped stays acceptable on a cluster that already runs it. When the catalogue cannot be read
// the check is left to the server at apply time.
func (r *clusterResource) checkKubernetesVersion(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	versionPath := path.Root("kubernetes_version")
	var planned types.String
	resp.Diagnostics.Append(resp.Plan.GetAttribute(ctx, versionPath, &planned)...)
	if resp.Diagnostics.HasError() || planned.IsUnknown() || planned.IsNull() || r.data == nil {
		return
	}
	if !req.State.Raw.IsNull() {
		var prior types.String
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, versionPath, &prior)...)
		if resp.Diagnostics.HasError() || prior.Equal(planned) {
			return
		}
	}
	versions, err := r.data.kubernetesVersions(ctx)
	if err != nil || len(versions) == 0 || slices.Contains(versions, planned.ValueString()) {
		return
	}
	resp.Diagnostics.AddAttributeError(versionPath, "Unsupported Kubernetes version",
		fmt.Sprintf("kubernetes_version %q is not offered by the platform: it must be one of %s "+
			"(the platform_kubernetes_versions data source lists them).",
			planned.ValueString(), strings.Join(versions, ", ")))
}

func (r *clusterResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan clusterModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultClusterTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	c, opID, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, clusterTypeName, "create", err)
		return
	}
	// Save the cluster before waiting: if the wait fails or times out, Terraform still knows the
	// cluster (tainted, so the next apply replaces it) instead of losing track of it.
	plan.fromAPI(c)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.waitRunning(ctx, &plan, opID, "create", timeout, &resp.State, &resp.Diagnostics)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *clusterResource) create(ctx context.Context, plan *clusterModel) (*client.Cluster, string, error) {
	return r.client().Clusters.Create(ctx, plan.WorkspaceID.ValueString(), client.ClusterCreateOptions{
		Name:              plan.Name.ValueString(),
		RegionID:          plan.RegionID.ValueString(),
		ProjectID:         plan.ProjectID.ValueString(),
		Cloud:             client.Cloud(plan.Cloud.ValueString()),
		Location:          plan.Location.ValueString(),
		KubernetesVersion: plan.KubernetesVersion.ValueString(),
		NodePools:         nodePoolsToAPI(plan.NodePools),
	})
}

// update is the API call of Update, and of its plan-time dry run; a nil cluster when only
// timeouts changed (they live in the state alone).
func (r *clusterResource) update(ctx context.Context, plan, state *clusterModel, ifVersion int64) (*client.Cluster, string, error) {
	opts := client.ClusterUpdateOptions{
		Name:              changed(plan.Name, state.Name),
		KubernetesVersion: changed(plan.KubernetesVersion, state.KubernetesVersion),
	}
	if !plan.RegionID.Equal(state.RegionID) && !plan.RegionID.IsUnknown() {
		opts.RegionID = client.String(plan.RegionID.ValueString()) // null clears: ""
	}
	if !nodePoolsEqual(plan.NodePools, state.NodePools) {
		pools := nodePoolsToAPI(plan.NodePools)
		opts.NodePools = &pools
	}
	if opts == (client.ClusterUpdateOptions{}) {
		// (The whole options struct is compared, so a field added to it can never be left unsent.)
		return nil, "", nil
	}
	opts.IfVersion = ifVersion
	return r.client().Clusters.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), opts)
}

func (r *clusterResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id holds the slug and id the name the user typed; the API
	// accepts both, and fromAPI replaces them with the ids.
	readResource(ctx, req, resp, clusterTypeName, (*clusterModel).fromAPI, func(state *clusterModel) (*client.Cluster, error) {
		return r.client().Clusters.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	})
}

func (r *clusterResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state clusterModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultClusterTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	// No If-Match: a cluster's version also moves with its status, which the platform changes.
	c, opID, err := r.update(ctx, &plan, &state, 0)
	if err != nil {
		addAPIError(&resp.Diagnostics, clusterTypeName, "update", err)
		return
	}
	if c == nil {
		// Only timeouts changed: they live in the state alone, so no API call.
		state.Timeouts = plan.Timeouts
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)
		return
	}
	keepVersion(ctx, resp.Private, 0, &resp.Diagnostics) // moves on while it provisions; Read records it
	plan.fromAPI(c)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if opID == "" || resp.Diagnostics.HasError() {
		return // an immediate change (name, region): the answer is final
	}
	r.waitRunning(ctx, &plan, opID, "update", timeout, &resp.State, &resp.Diagnostics)
}

func (r *clusterResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clusterModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultClusterTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws, id := state.WorkspaceID.ValueString(), state.ID.ValueString()
	w := asyncWait{typeName: clusterTypeName, kind: "cluster", name: state.Name.ValueString(), id: id, timeout: timeout}
	r.destroyAndWait(ctx, req.Private, r.deletion(&state), w,
		func(ctx context.Context) error { return r.client().Clusters.WaitUntilDeleted(ctx, ws, id) }, nil, &resp.Diagnostics)
}

// deletion starts the cluster's deletion (Delete then waits for it to finish).
func (r *clusterResource) deletion(m *clusterModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: clusterTypeName, workspaceID: ws, kind: client.PlannedCluster, targetID: id,
		label: fmt.Sprintf("cluster %q (%s)", m.Name.ValueString(), id),
		del: func(ctx context.Context) error {
			_, _, err := r.client().Clusters.Delete(ctx, ws, id, 0)
			return err
		}}
}

// waitRunning polls the cluster until it is running, within timeout, and stores what it saw
// last. A failed cluster is reported with its operation's message.
func (r *clusterResource) waitRunning(ctx context.Context, m *clusterModel, opID, action string, timeout time.Duration,
	state interface {
		Set(context.Context, any) diag.Diagnostics
	}, diags *diag.Diagnostics) {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	w := asyncWait{typeName: clusterTypeName, kind: "cluster", name: m.Name.ValueString(), id: id, opID: opID, action: action,
		timeout: timeout, awaited: client.ClusterRunning, work: "provisioning", failed: client.ErrClusterFailed,
		afterFailure: "The cluster is kept in the state and marked tainted; the next apply replaces it."}
	waitUntil(ctx, r.client(), w,
		func(ctx context.Context) (*client.Cluster, error) {
			return r.client().Clusters.WaitForStatus(ctx, ws, id, client.ClusterRunning)
		},
		func(c *client.Cluster) {
			m.fromAPI(c)
			diags.Append(state.Set(ctx, m)...)
		}, diags)
}

// IdentitySchema names the object by ids (see identity.go).
func (r *clusterResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`cls_...`) of the cluster."})
}

// ImportState takes "<workspace slug or id>/<cluster name or id>"; Read resolves both with its
// one GET. timeouts stays null (the defaults apply).
func (r *clusterResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importWorkspaceAndID(ctx, req, resp, "platform_cluster")
}
