package provider

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const githubInstallationTypeName = "platform_github_installation"

// Rules of GitHub App installations (docs/platform.md section 11).
const (
	githubLoginPattern    = `^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`
	repositoryPattern     = `^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}$`
	maxGitHubRepositories = 1000
)

var (
	githubLoginRegexp = regexp.MustCompile(githubLoginPattern)
	repositoryRegexp  = regexp.MustCompile(repositoryPattern)
)

var (
	_ resource.ResourceWithConfigure      = (*githubInstallationResource)(nil)
	_ resource.ResourceWithImportState    = (*githubInstallationResource)(nil)
	_ resource.ResourceWithIdentity       = (*githubInstallationResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*githubInstallationResource)(nil)
	_ resource.ResourceWithValidateConfig = (*githubInstallationResource)(nil)
)

// NewGitHubInstallationResource is the platform_github_installation resource.
func NewGitHubInstallationResource() resource.Resource {
	r := &githubInstallationResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type githubInstallationResource struct {
	workspaceScopedResource
}

type githubInstallationModel struct {
	ID                  types.String `tfsdk:"id"`
	WorkspaceID         types.String `tfsdk:"workspace_id"`
	InstallationID      types.Int64  `tfsdk:"installation_id"`
	AccountLogin        types.String `tfsdk:"account_login"`
	AccountType         types.String `tfsdk:"account_type"`
	RepositorySelection types.String `tfsdk:"repository_selection"`
	Repositories        types.Set    `tfsdk:"repositories"`
	Status              types.String `tfsdk:"status"`
	CreatedAt           types.String `tfsdk:"created_at"`
}

// fromAPI sets every attribute the API answers. No repositories (selection "all") is null.
func (m *githubInstallationModel) fromAPI(g *client.GitHubInstallation) {
	m.ID = types.StringValue(g.ID)
	m.WorkspaceID = types.StringValue(g.WorkspaceID)
	m.InstallationID = types.Int64Value(g.InstallationID)
	m.AccountLogin = types.StringValue(g.AccountLogin)
	m.AccountType = types.StringValue(g.AccountType)
	m.RepositorySelection = types.StringValue(g.RepositorySelection)
	m.Repositories = types.SetNull(types.StringType)
	if len(g.Repositories) > 0 {
		m.Repositories = stringSetValue(g.Repositories)
	}
	m.Status = types.StringValue(g.Status)
	m.CreatedAt = timeValue(g.CreatedAt)
}

// githubLoginValidator checks a GitHub account login.
func githubLoginValidator() validator.String {
	return ruleValidator{"must be a GitHub login", func(s string) string {
		if !githubLoginRegexp.MatchString(s) {
			return "must be a GitHub login: 1-39 letters, digits and single hyphens, not starting or ending with a hyphen"
		}
		return ""
	}}
}

// repositoryValidator checks a repository "owner/name".
func repositoryValidator() validator.String {
	return ruleValidator{`must be a GitHub repository "owner/name"`, func(s string) string {
		if !repositoryRegexp.MatchString(s) {
			return `must be a GitHub repository "owner/name" (matching ` + repositoryPattern + ")"
		}
		return ""
	}}
}

func (r *githubInstallationResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = githubInstallationTypeName
}

func (r *githubInstallationResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A GitHub App installation connected to a workspace: the repositories whose pushes " +
			"deploy (a deployment's `source`). One GitHub installation is connected to at most one workspace " +
			"(creating it elsewhere fails with `already_exists`). Managing connections needs `integrations.manage` " +
			"(workspace owners and admins; not API keys). " + quotaNote("GitHub App installations") + "\n\n" +
			"`status` is `active` or `suspended`; only the platform administrator (simulating GitHub) changes it. " +
			"A connection that deployments use cannot be deleted. A connection deleted outside Terraform is removed " +
			"from the state on refresh, so the next apply creates it again.\n\n" +
			"Import with `<workspace slug>/<GitHub installation id>`: `acme/12345678`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Connection id (`ghi_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"installation_id": schema.Int64Attribute{
				MarkdownDescription: "GitHub's id of the installation, at least 1. The API cannot change it: changing " +
					"it replaces the resource.",
				Required:      true,
				Validators:    []validator.Int64{int64validator.AtLeast(1)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.RequiresReplace()},
			},
			"account_login": schema.StringAttribute{
				MarkdownDescription: "The GitHub account the App is installed on: 1-39 letters, digits and single " +
					"hyphens. Changed in place.",
				Required:   true,
				Validators: []validator.String{githubLoginValidator()},
			},
			"account_type": schema.StringAttribute{
				MarkdownDescription: "`User` or `Organization`. Changed in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.GitHubAccountUser, client.GitHubAccountOrganization)},
			},
			"repository_selection": schema.StringAttribute{
				MarkdownDescription: "`all` (every repository of the account) or `selected` (those in `repositories`). " +
					"Changed in place.",
				Required: true,
				Validators: []validator.String{stringvalidator.OneOf(client.RepositorySelectionAll,
					client.RepositorySelectionSelected)},
			},
			"repositories": schema.SetAttribute{
				MarkdownDescription: fmt.Sprintf("The repositories (`owner/name`, 1-%d) the installation reaches: "+
					"required when `repository_selection` is `selected`, not set when it is `all`. Changed in place.",
					maxGitHubRepositories),
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeBetween(1, maxGitHubRepositories),
					setvalidator.ValueStringsAre(repositoryValidator()),
				},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "`active` or `suspended` (set by the platform administrator, simulating GitHub): " +
					"a suspended installation's pushes deploy nothing.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_at": createdAtResourceAttribute(),
		},
	}
}

// ValidateConfig checks that repositories are set exactly when repository_selection is
// "selected" (the rule the API applies), at plan time.
func (r *githubInstallationResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var selection types.String
	var repos types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("repository_selection"), &selection)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("repositories"), &repos)...)
	if resp.Diagnostics.HasError() || selection.IsUnknown() || repos.IsUnknown() {
		return
	}
	switch selection.ValueString() {
	case client.RepositorySelectionSelected:
		if repos.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("repositories"), "Missing repositories",
				`repositories is required when repository_selection is "selected": list the repositories ("owner/name").`)
		}
	case client.RepositorySelectionAll:
		if !repos.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("repositories"), "Unexpected repositories",
				`repositories must not be set when repository_selection is "all" (the installation reaches every repository).`)
		}
	}
}

func (r *githubInstallationResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan githubInstallationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	g, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, githubInstallationTypeName, "create", err)
		return
	}
	plan.fromAPI(g)
	keepVersion(ctx, resp.Private, g.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *githubInstallationResource) create(ctx context.Context, plan *githubInstallationModel) (*client.GitHubInstallation, error) {
	var diags diag.Diagnostics
	opts := client.GitHubInstallationCreateOptions{
		InstallationID:      plan.InstallationID.ValueInt64(),
		AccountLogin:        plan.AccountLogin.ValueString(),
		AccountType:         plan.AccountType.ValueString(),
		RepositorySelection: plan.RepositorySelection.ValueString(),
		Repositories:        stringsFrom(ctx, plan.Repositories, &diags),
	}
	if diags.HasError() {
		return nil, diagError(diags)
	}
	return r.client().GitHubInstallations.Create(ctx, plan.WorkspaceID.ValueString(), opts)
}

// update is the API call of Update, and of its plan-time dry run.
func (r *githubInstallationResource) update(ctx context.Context, plan, state *githubInstallationModel, ifVersion int64) (*client.GitHubInstallation, error) {
	var diags diag.Diagnostics
	opts := client.GitHubInstallationUpdateOptions{
		AccountLogin:        changed(plan.AccountLogin, state.AccountLogin),
		AccountType:         changed(plan.AccountType, state.AccountType),
		RepositorySelection: changed(plan.RepositorySelection, state.RepositorySelection),
		IfVersion:           ifVersion,
	}
	if !plan.Repositories.Equal(state.Repositories) && !plan.Repositories.IsNull() && !plan.Repositories.IsUnknown() {
		repos := stringsFrom(ctx, plan.Repositories, &diags)
		opts.Repositories = &repos
	}
	if diags.HasError() {
		return nil, diagError(diags)
	}
	return r.client().GitHubInstallations.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), opts)
}

func (r *githubInstallationResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, id holds GitHub's installation id as typed; the API accepts it.
	readResource(ctx, req, resp, githubInstallationTypeName, (*githubInstallationModel).fromAPI,
		func(state *githubInstallationModel) (*client.GitHubInstallation, error) {
			return r.client().GitHubInstallations.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
		})
}

func (r *githubInstallationResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state githubInstallationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	g, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, githubInstallationTypeName, err)
		return
	}
	keepVersion(ctx, resp.Private, g.Version, &resp.Diagnostics)
	plan.fromAPI(g)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *githubInstallationResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *githubInstallationResource) deletion(m *githubInstallationModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: githubInstallationTypeName, workspaceID: ws, kind: client.PlannedGitHubInstallation, targetID: id,
		label: fmt.Sprintf("GitHub App installation %d (%s)", m.InstallationID.ValueInt64(), id),
		del:   func(ctx context.Context) error { return r.client().GitHubInstallations.Delete(ctx, ws, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *githubInstallationResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`ghi_...`) of the GitHub installation record."})
}

// ImportState takes "<workspace slug or id>/<GitHub installation id or ghi_ id>"; Read resolves
// both with its one GET.
func (r *githubInstallationResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importWorkspaceAndID(ctx, req, resp, "platform_github_installation")
}
