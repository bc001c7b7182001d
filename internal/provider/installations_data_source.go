package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const installationsDataSourceTypeName = "platform_installations"

var _ datasource.DataSourceWithConfigure = (*installationsDataSource)(nil)

// NewInstallationsDataSource is the platform_installations data source.
func NewInstallationsDataSource() datasource.DataSource { return &installationsDataSource{} }

type installationsDataSource struct {
	baseDataSource
}

type installationsDataModel struct {
	WorkspaceID   types.String            `tfsdk:"workspace_id"`
	ClusterID     types.String            `tfsdk:"cluster_id"`
	Installations []installationDataModel `tfsdk:"installations"`
}

func (d *installationsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = installationsDataSourceTypeName
}

func (d *installationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the installations of a workspace, oldest first, optionally only those on one cluster. " +
			"Needs `installations.read`.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"cluster_id": schema.StringAttribute{
				MarkdownDescription: "Id (`cls_...`) of a cluster: only the installations on it are listed. Default: all.",
				Optional:            true,
				Validators:          []validator.String{idValidator("cls_", "cluster")},
			},
			"installations": computedObjectList("The installations, in creation order.", installationDataAttributes()),
		},
	}
}

func (d *installationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg installationsDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	list, ok := listAll[installationDataModel](resp, installationsDataSourceTypeName, d.client().Installations.All(ctx, ws))
	if !ok {
		return
	}
	if cluster := cfg.ClusterID.ValueString(); cluster != "" {
		// The API lists a whole workspace: filter here.
		kept := list[:0]
		for _, in := range list {
			if in.ClusterID.ValueString() == cluster {
				kept = append(kept, in)
			}
		}
		list = kept
	}
	out := installationsDataModel{WorkspaceID: types.StringValue(ws), ClusterID: cfg.ClusterID, Installations: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
