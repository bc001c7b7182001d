package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const installationDataSourceTypeName = "platform_installation"

var (
	_ datasource.DataSourceWithConfigure        = (*installationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*installationDataSource)(nil)
)

// NewInstallationDataSource is the platform_installation data source.
func NewInstallationDataSource() datasource.DataSource { return &installationDataSource{} }

type installationDataSource struct {
	baseDataSource
}

// installationDataModel is one installation as data sources show it (platform_installation and
// the elements of platform_installations): the resource's attributes without wait and timeouts.
type installationDataModel struct {
	ID            types.String `tfsdk:"id"`
	WorkspaceID   types.String `tfsdk:"workspace_id"`
	Name          types.String `tfsdk:"name"`
	ClusterID     types.String `tfsdk:"cluster_id"`
	Namespace     types.String `tfsdk:"namespace"`
	ProductID     types.String `tfsdk:"product_id"`
	Tag           types.String `tfsdk:"tag"`
	Chart         types.String `tfsdk:"chart"`
	Values        types.Map    `tfsdk:"values"`
	Secrets       types.Set    `tfsdk:"secrets"`
	Status        types.String `tfsdk:"status"`
	InstalledTag  types.String `tfsdk:"installed_tag"`
	RepositoryURL types.String `tfsdk:"repository_url"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

func (m *installationDataModel) fromAPI(in *client.Installation) {
	var rm installationModel
	rm.fromAPI(in)
	*m = installationDataModel{
		ID: rm.ID, WorkspaceID: rm.WorkspaceID, Name: rm.Name, ClusterID: rm.ClusterID, Namespace: rm.Namespace,
		ProductID: rm.ProductID, Tag: rm.Tag, Chart: rm.Chart, Values: rm.Values, Secrets: rm.Secrets,
		Status: rm.Status, InstalledTag: rm.InstalledTag, RepositoryURL: rm.RepositoryURL, CreatedAt: rm.CreatedAt,
	}
}

// installationDataAttributes describes an installation's attributes, all computed.
func installationDataAttributes() map[string]schema.Attribute {
	str := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"id":           str("Installation id (`inst_...`)."),
		"workspace_id": str("Id (`ws_...`) of the workspace."),
		"name":         str("Name, unique in the workspace."),
		"cluster_id":   str("Id (`cls_...`) of the cluster it is installed on."),
		"namespace":    str("Kubernetes namespace it is installed into."),
		"product_id":   str("Id (`prod_...`) of the product whose release it runs; null for a chart."),
		"tag":          str("Tag of the product's release it runs (or is being upgraded to); null for a chart."),
		"chart":        str("Chart it runs, for a direct install; null for a product release."),
		"values": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Chart values."},
		"secrets": schema.SetAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Names of the workspace's secrets it receives."},
		"status":         str("`installing`, `installed`, `upgrading`, `failed` or `uninstalling`."),
		"installed_tag":  str("The release tag that runs: null before the first install succeeds, and for charts."),
		"repository_url": str("The installation's own package repository (`oci://...`)."),
		"created_at":     str("When the installation was created (RFC 3339, UTC)."),
	}
}

func (d *installationDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = installationDataSourceTypeName
}

func (d *installationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := installationDataAttributes()
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	attrs["id"] = lookupAttribute("Installation id (`inst_...`) to look up. Exactly one of `id` and `name` is required.",
		idValidator("inst_", "installation"))
	attrs["name"] = lookupAttribute("Name of the installation to look up.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one installation of a workspace, by name or id. Needs `installations.read`.",
		Attributes:          attrs,
	}
}

func (d *installationDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "name")
}

func (d *installationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, installationDataSourceTypeName,
		func(ws string, cfg *installationDataModel) (*client.Installation, error) {
			return d.client().Installations.Get(ctx, ws, lookupRef(cfg.ID, cfg.Name))
		})
}
