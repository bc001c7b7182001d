package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const deploymentTypeName = "platform_deployment"

// Rules of deployments (docs/platform.md section 11), restated from the server for plan time
// (validators_sync_test.go keeps them equal).
const (
	imageMaxLen     = 512
	maxReplicas     = 100
	defaultReplicas = 1
	maxEnv          = 100
	envValueMaxLen  = 4096
	branchMaxLen    = 255
	envKeyPattern   = `^[A-Z_][A-Z0-9_]*$`
	branchPattern   = `^[A-Za-z0-9._/-]+$`
	// defaultDeploymentTimeout bounds each wait (create, update, delete) unless the timeouts
	// block says otherwise.
	defaultDeploymentTimeout = 20 * time.Minute
)

var (
	envKeyRegexp = regexp.MustCompile(envKeyPattern)
	branchRegexp = regexp.MustCompile(branchPattern)
	// An image: registry/path[:tag] or registry/path@sha256:<64 hex>, lower-case path.
	imageRegexp = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+` +
		`(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$`)
)

var (
	_ resource.ResourceWithConfigure   = (*deploymentResource)(nil)
	_ resource.ResourceWithImportState = (*deploymentResource)(nil)
	_ resource.ResourceWithIdentity    = (*deploymentResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*deploymentResource)(nil)
)

// NewDeploymentResource is the platform_deployment resource.
func NewDeploymentResource() resource.Resource {
	r := &deploymentResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = withLeftover(newPlanCheck(dropOperation(r.create), dropOperationUpdate(r.update)),
		func(ctx context.Context, m *deploymentResourceModel) (*client.Deployment, error) {
			return r.client().Deployments.Get(ctx, m.WorkspaceID.ValueString(), m.ProjectID.ValueString(), m.Name.ValueString())
		})
	return r
}

type deploymentResource struct {
	workspaceScopedResource
}

// deploymentModel is a deployment as the API answers it: the platform_deployment data source's
// model, and the resource's without its timeouts.
type deploymentModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	ProjectID   types.String `tfsdk:"project_id"`
	Name        types.String `tfsdk:"name"`
	ClusterID   types.String `tfsdk:"cluster_id"`
	Image       types.String `tfsdk:"image"`
	Replicas    types.Int64  `tfsdk:"replicas"`
	Env         types.Map    `tfsdk:"env"`
	Secrets     types.Set    `tfsdk:"secrets"`
	Source      types.Object `tfsdk:"source"`
	Status      types.String `tfsdk:"status"`
	Revision    types.Int64  `tfsdk:"revision"`
	CommitSHA   types.String `tfsdk:"commit_sha"`
	URL         types.String `tfsdk:"url"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

type deploymentResourceModel struct {
	deploymentModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update, Import and the data
// sources all use it. No env is an empty map and no secrets an empty set (the attributes'
// defaults), no source is null, and no commit (before the first push) is null.
func (m *deploymentModel) fromAPI(d *client.Deployment) {
	m.ID = types.StringValue(d.ID)
	m.WorkspaceID = types.StringValue(d.WorkspaceID)
	m.ProjectID = types.StringValue(d.ProjectID)
	m.Name = types.StringValue(d.Name)
	m.ClusterID = types.StringValue(d.ClusterID)
	m.Image = types.StringValue(d.Image)
	m.Replicas = types.Int64Value(int64(d.Replicas))
	m.Env = stringMapValue(d.Env)
	m.Secrets = stringSetValue(d.Secrets)
	m.Source = deploymentSourceValue(d.Source)
	m.Status = types.StringValue(d.Status)
	m.Revision = types.Int64Value(d.Revision)
	m.CommitSHA = optionalString(d.CommitSHA)
	m.URL = types.StringValue(d.URL)
	m.CreatedAt = timeValue(d.CreatedAt)
}

// deploymentSourceAttrTypes are the attributes of a source object.
var deploymentSourceAttrTypes = map[string]attr.Type{
	"github_installation_id": types.StringType, "repository": types.StringType, "branch": types.StringType,
}

// deploymentSourceValue is a source as a Terraform object; none is null.
func deploymentSourceValue(s *client.DeploymentSource) types.Object {
	if s == nil {
		return types.ObjectNull(deploymentSourceAttrTypes)
	}
	return types.ObjectValueMust(deploymentSourceAttrTypes, map[string]attr.Value{
		"github_installation_id": types.StringValue(s.GitHubInstallationID),
		"repository":             types.StringValue(s.Repository),
		"branch":                 types.StringValue(s.Branch),
	})
}

// deploymentSourceFrom converts a planned source for the API; null is nil.
func deploymentSourceFrom(v types.Object) *client.DeploymentSource {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	attrs := v.Attributes()
	str := func(name string) string {
		s, _ := attrs[name].(types.String)
		return s.ValueString()
	}
	return &client.DeploymentSource{GitHubInstallationID: str("github_installation_id"), Repository: str("repository"), Branch: str("branch")}
}

// deploymentSourceDescriptions describe a source object's attributes.
var deploymentSourceDescriptions = map[string]string{
	"github_installation_id": "Id (`ghi_...`) of the workspace's `platform_github_installation` whose pushes deploy.",
	"repository":             "GitHub repository `owner/name`, one the installation can access.",
	"branch": fmt.Sprintf("Branch whose pushes make new revisions: 1-%d letters, digits, `.`, `_`, `-` and `/`.",
		branchMaxLen),
}

// imageValidator checks a container image reference.
func imageValidator() validator.String {
	rule := fmt.Sprintf("must be registry/path:tag or registry/path@sha256:<64 hex digits>, at most %d characters", imageMaxLen)
	return ruleValidator{rule, func(s string) string {
		if len(s) > imageMaxLen || !imageRegexp.MatchString(s) {
			return rule + " (a lower-case registry host and path, such as ghcr.io/acme/web:1.4.0)"
		}
		return ""
	}}
}

// branchValidator checks a source branch name.
func branchValidator() validator.String {
	rule := fmt.Sprintf("must be a branch name of 1-%d letters, digits, '.', '_', '-' and '/'", branchMaxLen)
	return ruleValidator{rule, func(s string) string {
		if s == "" || len(s) > branchMaxLen || !branchRegexp.MatchString(s) {
			return rule
		}
		return ""
	}}
}

// envValidator checks a deployment's environment: at most 100 variables named like
// ^[A-Z_][A-Z0-9_]*$, values at most 4096 characters.
func envValidator() validator.Map {
	return stringMapValidator{maxKeys: maxEnv, valueMaxLen: envValueMaxLen, keyRule: "matching " + envKeyPattern,
		keyReason: func(k string) string {
			if !envKeyRegexp.MatchString(k) {
				return "key must match " + envKeyPattern + " (upper-case letters, digits and underscores, not starting with a digit)"
			}
			return ""
		}}
}

func (r *deploymentResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = deploymentTypeName
}

func (r *deploymentResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A deployment: a container image running on one of the workspace's clusters, in a " +
			"project. Every change of `image`, `replicas`, `env`, `secrets` or `source` makes a new **revision**; apply " +
			"waits until the revision runs (`running`, or `stopped` with 0 replicas) within the `timeouts`. The " +
			"deployment's id is saved to the state before waiting: a revision that fails (the server's reason is " +
			"reported) or outlasts the timeout leaves the deployment in the state (a failed create is tainted, so the " +
			"next apply replaces it). A new `name` alone changes at once, without a revision. Managing deployments " +
			"needs `deployments.write` on the project. " + quotaNote("deployments") + "\n\n" +
			"**Source.** With a `source`, every push to its branch (a GitHub webhook) makes a new revision on the " +
			"server: `revision` and `commit_sha` change outside Terraform, which is not drift (they are computed, and " +
			"the plan after a push is empty). Removing `source` from the configuration disconnects the repository.\n\n" +
			"**Drift.** An `image`, `replicas`, `env`, `secrets` or `source` changed outside Terraform is planned back " +
			"(a new revision); a deployment deleted outside Terraform is removed from the state on refresh, so the " +
			"next apply creates it again.\n\n" +
			"Import with `<workspace slug>/<project slug>/<deployment name>` (ids work too): `acme/web/frontend`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Deployment id (`dep_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"project_id": schema.StringAttribute{
				MarkdownDescription: "Id (`prj_...`) of the project, such as `platform_project.web.id`. Changing it " +
					"replaces the deployment.",
				Required:      true,
				Validators:    []validator.String{idValidator("prj_", "project")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name, unique in the project: " + slugRule + ". Renamed in place (the `url` " +
					"keeps the name it was created with).",
				Required:   true,
				Validators: []validator.String{nameValidator()},
			},
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "Id (`cls_...`) of the workspace's cluster it runs on, which must be `running` " +
					"when the deployment is created. The API cannot move a deployment: changing it replaces the deployment.",
				Required:      true,
				Validators:    []validator.String{refValidator("cls_", "cluster")},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"image": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Container image: `registry/path:tag` or `registry/path@sha256:<64 hex "+
					"digits>`, lower-case registry and path, at most %d characters, such as `ghcr.io/acme/web:1.4.0`. "+
					"Changed in place (a new revision).", imageMaxLen),
				Required:   true,
				Validators: []validator.String{imageValidator()},
			},
			"replicas": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Number of replicas, 0-%d; default %d. 0 stops the deployment "+
					"(`status` `stopped`). Changed in place (a new revision).", maxReplicas, defaultReplicas),
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(defaultReplicas),
				Validators: []validator.Int64{int64validator.Between(0, maxReplicas)},
			},
			"env": schema.MapAttribute{
				MarkdownDescription: fmt.Sprintf("Environment variables: at most %d, names matching `%s`, values at most "+
					"%d characters. Not secret: values are stored in the state (use `secrets` for secret values). Default "+
					"none. Changed in place (a new revision).", maxEnv, envKeyPattern, envValueMaxLen),
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     mapdefault.StaticValue(types.MapValueMust(types.StringType, nil)),
				Validators:  []validator.Map{envValidator()},
			},
			"secrets": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("Names of the workspace's secrets (`platform_secret`) the deployment "+
					"receives as environment variables of the same names: at most %d. Default none. Changed in place (a "+
					"new revision); a secret's new value reaches the deployment with its next revision.", maxSecretRefs),
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				Validators: []validator.Set{
					setvalidator.SizeAtMost(maxSecretRefs),
					setvalidator.ValueStringsAre(secretNameValidator()),
				},
			},
			"source": schema.SingleNestedAttribute{
				MarkdownDescription: "The GitHub repository and branch the deployment follows: each push to the branch " +
					"makes a new revision (with the pushed `commit_sha`). The installation must be `active` and reach " +
					"the repository when the source is set or changed. Changed or removed in place (a new revision).",
				Optional: true,
				Attributes: map[string]schema.Attribute{
					"github_installation_id": schema.StringAttribute{
						MarkdownDescription: deploymentSourceDescriptions["github_installation_id"],
						Required:            true,
						Validators:          []validator.String{refValidator("ghi_", "github_installation")},
					},
					"repository": schema.StringAttribute{
						MarkdownDescription: deploymentSourceDescriptions["repository"],
						Required:            true,
						Validators:          []validator.String{repositoryValidator()},
					},
					"branch": schema.StringAttribute{
						MarkdownDescription: deploymentSourceDescriptions["branch"],
						Required:            true,
						Validators:          []validator.String{branchValidator()},
					},
				},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`deploying`, `running`, `stopped` (0 replicas), `failed` or `deleting`. After a " +
					"successful apply: `running` or `stopped`; a push to the source makes it `deploying` for a while.",
				Computed: true,
			},
			"revision": schema.Int64Attribute{
				MarkdownDescription: "The current revision: 1 on create, + 1 with every change of what runs, every " +
					"redeploy and every push to the source (so it may change outside Terraform).",
				Computed: true,
			},
			"commit_sha": schema.StringAttribute{
				MarkdownDescription: "With a `source`, the last commit pushed to its branch; null before the first push " +
					"and after the source changes.",
				Computed: true,
			},
			"url": schema.StringAttribute{
				MarkdownDescription: "Where the deployment answers, fixed at creation: " +
					"`https://<name>-<project slug>-<workspace slug>.apps.<server host>`.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": createdAtResourceAttribute(),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *deploymentResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan deploymentResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultDeploymentTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	d, opID, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, deploymentTypeName, "create", err)
		return
	}
	// Save the deployment before waiting: if its revision fails or the wait times out, Terraform
	// still knows it (tainted, so the next apply replaces it) instead of losing track of it.
	plan.fromAPI(d)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.waitDeployed(ctx, &plan, opID, "create", timeout, &resp.State, &resp.Diagnostics)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *deploymentResource) create(ctx context.Context, plan *deploymentResourceModel) (*client.Deployment, string, error) {
	var diags diag.Diagnostics
	opts := client.DeploymentCreateOptions{
		Name:      plan.Name.ValueString(),
		ClusterID: plan.ClusterID.ValueString(),
		Image:     plan.Image.ValueString(),
		Replicas:  client.Ptr(int(plan.Replicas.ValueInt64())),
		Env:       stringMapFrom(ctx, plan.Env, &diags),
		Secrets:   stringsFrom(ctx, plan.Secrets, &diags),
		Source:    deploymentSourceFrom(plan.Source),
	}
	if diags.HasError() {
		return nil, "", diagError(diags)
	}
	return r.client().Deployments.Create(ctx, plan.WorkspaceID.ValueString(), plan.ProjectID.ValueString(), opts)
}

// update is the API call of Update, and of its plan-time dry run; a nil deployment when only
// timeouts changed (they live in the state alone).
func (r *deploymentResource) update(ctx context.Context, plan, state *deploymentResourceModel, ifVersion int64) (*client.Deployment, string, error) {
	var diags diag.Diagnostics
	opts := updateOptions(ctx, plan, state, &diags)
	if diags.HasError() {
		return nil, "", diagError(diags)
	}
	if opts == (client.DeploymentUpdateOptions{}) {
		// (The whole options struct is compared, so a field added to it can never be left unsent.)
		return nil, "", nil
	}
	opts.IfVersion = ifVersion
	return r.client().Deployments.Update(ctx, state.WorkspaceID.ValueString(), state.ProjectID.ValueString(), state.ID.ValueString(), opts)
}

func (r *deploymentResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id, project_id and id hold the slugs and the name the user
	// typed; the API accepts them, and fromAPI replaces them with the ids.
	readResource(ctx, req, resp, deploymentTypeName, (*deploymentResourceModel).fromAPI,
		func(state *deploymentResourceModel) (*client.Deployment, error) {
			return r.client().Deployments.Refresh(ctx, state.WorkspaceID.ValueString(), state.ProjectID.ValueString(), state.ID.ValueString())
		})
}

// updateOptions are the changes from state to plan; only what changed is sent. Empty env and
// secrets are sent as {} and [] (they clear), a removed source as the API's empty source.
func updateOptions(ctx context.Context, plan, state *deploymentResourceModel, diags *diag.Diagnostics) client.DeploymentUpdateOptions {
	opts := client.DeploymentUpdateOptions{
		Name:  changed(plan.Name, state.Name),
		Image: changed(plan.Image, state.Image),
	}
	if !plan.Replicas.Equal(state.Replicas) {
		opts.Replicas = client.Ptr(int(plan.Replicas.ValueInt64()))
	}
	if !plan.Env.Equal(state.Env) {
		env := stringMapFrom(ctx, plan.Env, diags)
		if env == nil {
			env = map[string]string{}
		}
		opts.Env = &env
	}
	if !plan.Secrets.Equal(state.Secrets) {
		secrets := stringsFrom(ctx, plan.Secrets, diags)
		if secrets == nil {
			secrets = []string{}
		}
		opts.Secrets = &secrets
	}
	if !plan.Source.Equal(state.Source) {
		opts.Source = deploymentSourceFrom(plan.Source)
		if opts.Source == nil {
			opts.Source = &client.DeploymentSource{} // the API's way of removing the source
		}
	}
	return opts
}

func (r *deploymentResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state deploymentResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultDeploymentTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	// No If-Match: a deployment's version also moves with its status, which the platform changes.
	d, opID, err := r.update(ctx, &plan, &state, 0)
	if err != nil {
		addAPIError(&resp.Diagnostics, deploymentTypeName, "update", err)
		return
	}
	if d == nil {
		// Only timeouts changed: they live in the state alone, so no API call.
		state.Timeouts = plan.Timeouts
		resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &state)...)
		return
	}
	keepVersion(ctx, resp.Private, 0, &resp.Diagnostics) // moves on while it rolls out; Read records it
	plan.fromAPI(d)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
	if opID == "" || resp.Diagnostics.HasError() {
		return // a new name alone: the answer is final
	}
	r.waitDeployed(ctx, &plan, opID, "update", timeout, &resp.State, &resp.Diagnostics)
}

func (r *deploymentResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state deploymentResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultDeploymentTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ws, prj, id := state.WorkspaceID.ValueString(), state.ProjectID.ValueString(), state.ID.ValueString()
	w := asyncWait{typeName: deploymentTypeName, kind: "deployment", name: state.Name.ValueString(), id: id, timeout: timeout}
	r.destroyAndWait(ctx, req.Private, r.deletion(&state), w,
		func(ctx context.Context) error { return r.client().Deployments.WaitUntilDeleted(ctx, ws, prj, id) },
		func(ctx context.Context, err error) bool { return r.alreadyDeleting(ctx, ws, prj, id, err) }, &resp.Diagnostics)
}

// alreadyDeleting tells whether a refused delete (err) was refused because the deployment is
// being deleted already (by someone else, or an earlier apply that timed out): then Delete only
// waits.
func (r *deploymentResource) alreadyDeleting(ctx context.Context, ws, prj, id string, err error) bool {
	if !errors.Is(err, client.ErrFailedPrecondition) {
		return false
	}
	d, getErr := r.client().Deployments.Get(ctx, ws, prj, id)
	return getErr == nil && d.Status == client.DeploymentDeleting
}

// deletion starts the deployment's deletion (Delete then waits for it to finish).
func (r *deploymentResource) deletion(m *deploymentResourceModel) deletion {
	ws, prj, id := m.WorkspaceID.ValueString(), m.ProjectID.ValueString(), m.ID.ValueString()
	return deletion{typeName: deploymentTypeName, workspaceID: ws, kind: client.PlannedDeployment, targetID: id,
		label: fmt.Sprintf("deployment %q (%s)", m.Name.ValueString(), id),
		del: func(ctx context.Context) error {
			_, _, err := r.client().Deployments.Delete(ctx, ws, prj, id, 0)
			return err
		}}
}

// waitDeployed polls the deployment until its revision runs (running, or stopped with 0
// replicas), within timeout, and stores what it saw last. A failed revision is reported with
// its operation's reason.
func (r *deploymentResource) waitDeployed(ctx context.Context, m *deploymentResourceModel, opID, action string, timeout time.Duration,
	state interface {
		Set(context.Context, any) diag.Diagnostics
	}, diags *diag.Diagnostics) {
	ws, prj, id := m.WorkspaceID.ValueString(), m.ProjectID.ValueString(), m.ID.ValueString()
	w := asyncWait{typeName: deploymentTypeName, kind: "deployment", name: m.Name.ValueString(), id: id, opID: opID, action: action,
		timeout: timeout, awaited: "running", work: "deploying", failed: client.ErrDeploymentFailed,
		afterFailure: "The deployment is kept in the state with status \"failed\": change what failed (such as the image) " +
			"and apply again."}
	if action == "create" {
		w.afterFailure = "The deployment is kept in the state and marked tainted; the next apply replaces it."
	}
	waitUntil(ctx, r.client(), w,
		func(ctx context.Context) (*client.Deployment, error) {
			return r.client().Deployments.WaitForStatus(ctx, ws, prj, id, client.DeploymentRunning, client.DeploymentStopped)
		},
		func(d *client.Deployment) {
			m.fromAPI(d)
			diags.Append(state.Set(ctx, m)...)
		}, diags)
}

// IdentitySchema names the object by ids (see identity.go).
func (r *deploymentResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, projectIdentity, identityAttr{"id", "Id (`dep_...`) of the deployment."})
}

// ImportState takes "<workspace slug or id>/<project slug or id>/<deployment name or id>";
// Read resolves all three to ids with its one GET. timeouts stays null (the defaults apply).
func (r *deploymentResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if importIdentity(ctx, req, resp) {
		return
	}
	parts := importIDParts(req, resp, "platform_deployment")
	if parts == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("workspace_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("project_id"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[2])...)
}
