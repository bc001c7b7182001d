// Package provider is the Terraform provider for the platform (docs/index.md, the provider's page), built on
// terraform-plugin-framework. It talks to the API only through internal/client.
//
// Layout: one file per type (<thing>_resource.go, <thing>_data_source.go), shared plumbing in
// provider_data.go (configured client, base types, default workspace), helpers.go (errors,
// import ids, conversions) and validators.go (the API's field rules, checked at plan time).
package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Address is the provider's registry address.
const Address = "registry.terraform.io/platform-iac/platform"

// Environment variables read when the provider block leaves an attribute out.
const (
	EnvEndpoint  = "PLATFORM_ENDPOINT"
	EnvToken     = "PLATFORM_TOKEN"
	EnvWorkspace = "PLATFORM_WORKSPACE"
)

var _ provider.ProviderWithEphemeralResources = (*platformProvider)(nil)
var _ provider.ProviderWithFunctions = (*platformProvider)(nil)

// platformProvider is the provider; version is the release version ("dev" in local builds,
// "test" in acceptance tests).
type platformProvider struct {
	version string
}

type providerModel struct {
	Endpoint       types.String `tfsdk:"endpoint"`
	Token          types.String `tfsdk:"token"`
	Workspace      types.String `tfsdk:"workspace"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	PlanChecks     types.Bool   `tfsdk:"plan_checks"`
}

// New returns the provider factory that providerserver.Serve and the acceptance tests use.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &platformProvider{version: version} }
}

func (p *platformProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "platform"
	resp.Version = p.version
}

func (p *platformProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages organizations, workspaces, projects, members and roles, API keys, regions " +
			"and Kubernetes clusters of the platform.",
		Attributes: map[string]schema.Attribute{
			"endpoint": schema.StringAttribute{
				MarkdownDescription: "Base URL of the platform API, e.g. `https://platform.example.com` (a trailing `/v1` is " +
					"accepted). Defaults to the `" + EnvEndpoint + "` environment variable.",
				Optional: true,
			},
			"token": schema.StringAttribute{
				MarkdownDescription: "User token (`pt_...`) or API key (`pk_...`) sent as bearer credential. Never logged. " +
					"Defaults to the `" + EnvToken + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"workspace": schema.StringAttribute{
				MarkdownDescription: "Default workspace (id `ws_...` or slug) for resources and data sources that omit " +
					"`workspace_id`. Defaults to the `" + EnvWorkspace + "` environment variable.",
				Optional: true,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a request that failed transiently (429, 502, 503, 504, "+
					"connection errors) is retried; 0 disables retries. Default %d. All requests of the provider are paced by the "+
					"server's `RateLimit-*` headers, so a 429 is rare; one is retried after its `Retry-After`.", client.DefaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("Timeout of each HTTP attempt as a Go duration such as `30s` or `2m`. "+
					"Default `%s`.", client.DefaultRequestTimeout),
				Optional:   true,
				Validators: []validator.String{durationValidator()},
			},
			"plan_checks": schema.BoolAttribute{
				MarkdownDescription: "Whether plans dry-run every planned create and update with the API, so that a " +
					"refusal (quota, permission, a name that is taken, ...) fails the plan rather than the apply. " +
					"Costs one dry run per planned change (concurrent ones travel in batches, one request each). " +
					"Default `true`; `false` leaves creates and updates to the " +
					"apply (destroys are still planned with the API).",
				Optional: true,
			},
		},
	}
}

// Configure builds the one client this provider instance uses for every resource and data
// source. Unknown values are refused rather than guessed: a client built from a placeholder
// would fail later with a far less helpful message.
func (p *platformProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}

	endpoint := configOrEnv(cfg.Endpoint, "endpoint", EnvEndpoint, &resp.Diagnostics)
	token := configOrEnv(cfg.Token, "token", EnvToken, &resp.Diagnostics)
	workspace := configOrEnv(cfg.Workspace, "workspace", EnvWorkspace, &resp.Diagnostics)
	if cfg.MaxRetries.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("max_retries"), "Unknown max_retries",
			"max_retries depends on a value that is only known after apply; set it to a literal number.")
	}
	if cfg.RequestTimeout.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Unknown request_timeout",
			"request_timeout depends on a value that is only known after apply; set it to a literal duration such as \"30s\".")
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if endpoint == "" {
		resp.Diagnostics.AddAttributeError(path.Root("endpoint"), "Missing platform API endpoint",
			"Set endpoint in the provider block or the "+EnvEndpoint+" environment variable, e.g. https://platform.example.com.")
	}
	if token == "" {
		resp.Diagnostics.AddAttributeError(path.Root("token"), "Missing platform API token",
			"Set token in the provider block or the "+EnvToken+" environment variable to a user token or an API key.")
	}
	if resp.Diagnostics.HasError() {
		return
	}

	// Every log line from here on, the client's included, goes through contexts that mask the
	// token, so a debug log (TF_LOG=DEBUG) can be shared safely.
	ctx = maskToken(ctx, token)

	ccfg := client.Config{
		Endpoint:  endpoint,
		Token:     token,
		UserAgent: "terraform-provider-platform/" + p.version,
		Logger:    tflogLogger{token: token},
	}
	if !cfg.MaxRetries.IsNull() {
		ccfg.MaxRetries = int(cfg.MaxRetries.ValueInt64())
		if ccfg.MaxRetries == 0 {
			ccfg.MaxRetries = -1 // the client reads 0 as "default"; the user asked for none
		}
	}
	if !cfg.RequestTimeout.IsNull() {
		d, err := time.ParseDuration(cfg.RequestTimeout.ValueString())
		if err != nil { // the validator catches this first; kept for values from elsewhere
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request_timeout", err.Error())
			return
		}
		ccfg.RequestTimeout = d
	}
	c, err := client.New(ccfg)
	if err != nil {
		resp.Diagnostics.AddError("Invalid platform provider configuration", err.Error())
		return
	}

	data := &providerData{client: c, defaultWorkspace: workspace}
	data.noPlanChecks = cfg.PlanChecks.Equal(types.BoolValue(false))
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
	tflog.Debug(ctx, "configured platform client", map[string]any{
		"endpoint": c.Endpoint(), "default_workspace": workspace,
	})
}

// configOrEnv returns the configured value, or the environment variable when the attribute is
// null. An unknown value is an error naming the variable that would avoid it.
func configOrEnv(v types.String, attr, env string, diags *diag.Diagnostics) string {
	if v.IsUnknown() {
		diags.AddAttributeError(path.Root(attr), "Unknown platform provider "+attr,
			fmt.Sprintf("The provider cannot be configured because %s depends on a value that is only known after apply. "+
				"Set it to a known value or set the %s environment variable.", attr, env))
		return ""
	}
	if !v.IsNull() {
		return v.ValueString()
	}
	return os.Getenv(env)
}

// Resources lists every resource type. Keep one entry per line so that parallel additions merge.
func (p *platformProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewAPIKeyResource,
		NewClusterResource,
		NewDeploymentResource,
		NewGitHubInstallationResource,
		NewStripeAccountResource,
		NewInstallationResource,
		NewOrganizationMemberResource,
		NewOrganizationResource,
		NewProjectMemberResource,
		NewProjectMembersResource,
		NewProjectResource,
		NewProductReleaseResource,
		NewProductResource,
		NewRegionResource,
		NewRoleResource,
		NewSecretResource,
		NewWorkspaceMemberResource,
		NewWorkspaceMembersResource,
		NewWorkspaceResource,
	}
}

// Functions lists every provider function, one entry per line.
func (p *platformProvider) Functions(_ context.Context) []func() function.Function {
	return []func() function.Function{
		NewAPIKeyWellFormedFunction,
		NewHasPermissionFunction,
		NewParseImportIDFunction,
		NewProjectRolePermissionsFunction,
		NewRolePermissionsFunction,
	}
}

// EphemeralResources lists every ephemeral resource type, one entry per line.
func (p *platformProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewBillingPortalSessionEphemeralResource,
		NewAPIKeyEphemeralResource,
		NewUserTokenEphemeralResource,
	}
}

// DataSources lists every data source type. Keep one entry per line so that parallel additions
// merge.
func (p *platformProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewAPIKeyDataSource,
		NewAPIKeysDataSource,
		NewAccessStateDataSource,
		NewClusterDataSource,
		NewClustersDataSource,
		NewCurrentPrincipalDataSource,
		NewDeploymentDataSource,
		NewDeploymentLogsDataSource,
		NewDeploymentsDataSource,
		NewGitHubInstallationDataSource,
		NewGitHubInstallationsDataSource,
		NewStripeAccountDataSource,
		NewInstallationDataSource,
		NewInstallationPackagesDataSource,
		NewInstallationsDataSource,
		NewKubernetesVersionsDataSource,
		NewMarketplaceProductsDataSource,
		NewOrganizationDataSource,
		NewOrganizationMemberDataSource,
		NewOrganizationMembersDataSource,
		NewOrganizationsDataSource,
		NewProjectAccessDataSource,
		NewProjectDataSource,
		NewProjectMemberDataSource,
		NewProjectMembersDataSource,
		NewProjectsDataSource,
		NewProductDataSource,
		NewProductReleaseDataSource,
		NewProductReleasesDataSource,
		NewProductsDataSource,
		NewRegionDataSource,
		NewRegionsDataSource,
		NewRoleDataSource,
		NewRolesDataSource,
		NewSecretDataSource,
		NewSecretsDataSource,
		NewSubscriptionDataSource,
		NewWorkspaceDataSource,
		NewWorkspaceMemberDataSource,
		NewWorkspaceMembersDataSource,
		NewWorkspacesDataSource,
		NewWorkspaceUsageDataSource,
	}
}
