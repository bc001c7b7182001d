package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const kubernetesVersionsTypeName = "platform_kubernetes_versions"

var _ datasource.DataSourceWithConfigure = (*kubernetesVersionsDataSource)(nil)

// NewKubernetesVersionsDataSource is the platform_kubernetes_versions data source.
func NewKubernetesVersionsDataSource() datasource.DataSource { return &kubernetesVersionsDataSource{} }

type kubernetesVersionsDataSource struct {
	baseDataSource
}

type kubernetesVersionsModel struct {
	Versions types.List   `tfsdk:"versions"`
	Latest   types.String `tfsdk:"latest"`
}

func (d *kubernetesVersionsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = kubernetesVersionsTypeName
}

func (d *kubernetesVersionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Kubernetes versions clusters may use (`MAJOR.MINOR`).",
		Attributes: map[string]schema.Attribute{
			"versions": schema.ListAttribute{
				MarkdownDescription: "Supported versions, oldest first.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"latest": schema.StringAttribute{
				MarkdownDescription: "The newest supported version.",
				Computed:            true,
			},
		},
	}
}

func (d *kubernetesVersionsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	versions, err := d.client().KubernetesVersions.List(ctx)
	if err != nil {
		addAPIError(&resp.Diagnostics, kubernetesVersionsTypeName, "read", err)
		return
	}
	m := kubernetesVersionsModel{Versions: stringListValue(versions), Latest: types.StringNull()}
	if len(versions) > 0 {
		m.Latest = types.StringValue(versions[len(versions)-1])
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
