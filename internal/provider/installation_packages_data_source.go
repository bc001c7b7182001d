package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const installationPackagesDataSourceTypeName = "platform_installation_packages"

var _ datasource.DataSourceWithConfigure = (*installationPackagesDataSource)(nil)

// NewInstallationPackagesDataSource is the platform_installation_packages data source.
func NewInstallationPackagesDataSource() datasource.DataSource {
	return &installationPackagesDataSource{}
}

type installationPackagesDataSource struct {
	baseDataSource
}

type installationPackagesDataModel struct {
	WorkspaceID    types.String               `tfsdk:"workspace_id"`
	InstallationID types.String               `tfsdk:"installation_id"`
	Items          []installationPackageModel `tfsdk:"items"`
}

type installationPackageModel struct {
	Tag       types.String `tfsdk:"tag"`
	Chart     types.String `tfsdk:"chart"`
	Notes     types.String `tfsdk:"notes"`
	CreatedAt types.String `tfsdk:"created_at"`
}

func (d *installationPackagesDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = installationPackagesDataSourceTypeName
}

func (d *installationPackagesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists what an installation's package repository (its `repository_url`) holds: the non-yanked " +
			"releases of its product, highest version first, or, for a direct install, its one chart (with a null " +
			"`tag`). Needs `installations.read`.",
		Attributes: map[string]schema.Attribute{
			"workspace_id": workspaceIDDataSourceAttribute(),
			"installation_id": schema.StringAttribute{
				MarkdownDescription: "Id (`inst_...`) or name of the installation.",
				Required:            true,
			},
			"items": computedObjectList("The packages, highest version first.", map[string]schema.Attribute{
				"tag":        schema.StringAttribute{Computed: true, MarkdownDescription: "Release tag; null for a direct install's chart."},
				"chart":      schema.StringAttribute{Computed: true, MarkdownDescription: "Chart reference."},
				"notes":      schema.StringAttribute{Computed: true, MarkdownDescription: "Release notes."},
				"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the release (or installation) was created (RFC 3339, UTC)."},
			}),
		},
	}
}

func (d *installationPackagesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg installationPackagesDataModel
	ws, ok := d.configInWorkspace(ctx, req, resp, &cfg)
	if !ok {
		return
	}
	pkgs, err := d.client().Installations.Packages(ctx, ws, cfg.InstallationID.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, installationPackagesDataSourceTypeName, "read", err)
		return
	}
	out := installationPackagesDataModel{WorkspaceID: types.StringValue(ws), InstallationID: cfg.InstallationID,
		Items: make([]installationPackageModel, len(pkgs))}
	for i, p := range pkgs {
		out.Items[i] = installationPackageModel{Tag: optionalString(p.Tag), Chart: types.StringValue(p.Chart),
			Notes: types.StringValue(p.Notes), CreatedAt: timeValue(p.CreatedAt)}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}
