package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const (
	clusterDataSourceTypeName  = "platform_cluster"
	clustersDataSourceTypeName = "platform_clusters"
)

var (
	_ datasource.DataSourceWithConfigure        = (*clusterDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*clusterDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*clustersDataSource)(nil)
)

// NewClusterDataSource is the platform_cluster data source.
func NewClusterDataSource() datasource.DataSource { return &clusterDataSource{} }

// NewClustersDataSource is the platform_clusters data source.
func NewClustersDataSource() datasource.DataSource { return &clustersDataSource{} }

type clusterDataSource struct {
	baseDataSource
}

type clustersDataSource struct {
	baseDataSource
}

// clusterDataModel is one cluster as data sources show it (platform_cluster and the elements
// of platform_clusters): the resource's attributes without timeouts.
type clusterDataModel struct {
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
}

func (m *clusterDataModel) fromAPI(c *client.Cluster) {
	var rm clusterModel
	rm.fromAPI(c)
	*m = clusterDataModel{
		ID: rm.ID, WorkspaceID: rm.WorkspaceID, Name: rm.Name, RegionID: rm.RegionID, ProjectID: rm.ProjectID,
		Cloud: rm.Cloud, Location: rm.Location, KubernetesVersion: rm.KubernetesVersion, NodePools: rm.NodePools,
		Status: rm.Status, Endpoint: rm.Endpoint, CreatedAt: rm.CreatedAt,
	}
}

// clusterDataAttributes describes a cluster's attributes, all computed.
func clusterDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                 schema.StringAttribute{Computed: true, MarkdownDescription: "Cluster id (`cls_...`)."},
		"workspace_id":       schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`ws_...`) of the workspace."},
		"name":               schema.StringAttribute{Computed: true, MarkdownDescription: "Name, unique in the workspace."},
		"region_id":          schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`reg_...`) of the cluster's region, if any."},
		"project_id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`prj_...`) of the cluster's project, if any."},
		"cloud":              schema.StringAttribute{Computed: true, MarkdownDescription: "`aws`, `gcp`, `azure` or `hetzner`."},
		"location":           schema.StringAttribute{Computed: true, MarkdownDescription: "Cloud location, e.g. `eu-central-1`."},
		"kubernetes_version": schema.StringAttribute{Computed: true, MarkdownDescription: "Kubernetes version `MAJOR.MINOR`."},
		"node_pools": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The node pools.",
			NestedObject:        schema.NestedAttributeObject{Attributes: nodePoolDataAttributes()},
		},
		"status": schema.StringAttribute{Computed: true,
			MarkdownDescription: "`provisioning`, `running`, `updating`, `deleting` or `failed`."},
		"endpoint":   schema.StringAttribute{Computed: true, MarkdownDescription: "URL of the Kubernetes API, once the cluster has run."},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the cluster was created (RFC 3339, UTC)."},
	}
}

func (d *clusterDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = clusterDataSourceTypeName
}

func (d *clusterDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := clusterDataAttributes()
	attrs["id"] = lookupAttribute("Cluster id (`cls_...`) to look up. Exactly one of `id` and `name` is required.",
		idValidator("cls_", "cluster"))
	attrs["name"] = lookupAttribute("Name of the cluster to look up.")
	attrs["workspace_id"] = workspaceIDDataSourceAttribute()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one cluster of a workspace, by id or name.",
		Attributes:          attrs,
	}
}

func (d *clusterDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return exactlyOneOf("id", "name")
}

func (d *clusterDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOneInWorkspace(ctx, &d.baseDataSource, req, resp, clusterDataSourceTypeName,
		func(ws string, cfg *clusterDataModel) (*client.Cluster, error) {
			return d.client().Clusters.Get(ctx, ws, lookupRef(cfg.ID, cfg.Name))
		})
}

type clustersDataModel struct {
	WorkspaceID types.String       `tfsdk:"workspace_id"`
	Clusters    []clusterDataModel `tfsdk:"clusters"`
}

func (d *clustersDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = clustersDataSourceTypeName
}

func (d *clustersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every cluster of a workspace, oldest first.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"clusters":     computedObjectList("The clusters, in creation order.", clusterDataAttributes()),
		},
	}
}

func (d *clustersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg clustersDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[clusterDataModel](resp, clustersDataSourceTypeName, d.client().Clusters.All(ctx, ws))
	if !ok {
		return
	}
	out := clustersDataModel{WorkspaceID: types.StringValue(ws), Clusters: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
