package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// platform_organizations, platform_organization_member and platform_organization_members. They
// share the resources' models and fromAPI: the attributes are the same.

const (
	organizationsDataSourceTypeName       = "platform_organizations"
	organizationMemberDataSourceTypeName  = "platform_organization_member"
	organizationMembersDataSourceTypeName = "platform_organization_members"
)

var (
	_ datasource.DataSourceWithConfigure = (*organizationsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*organizationMemberDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*organizationMembersDataSource)(nil)
)

// NewOrganizationsDataSource is the platform_organizations data source.
func NewOrganizationsDataSource() datasource.DataSource { return &organizationsDataSource{} }

// NewOrganizationMemberDataSource is the platform_organization_member data source.
func NewOrganizationMemberDataSource() datasource.DataSource { return &organizationMemberDataSource{} }

// NewOrganizationMembersDataSource is the platform_organization_members data source.
func NewOrganizationMembersDataSource() datasource.DataSource {
	return &organizationMembersDataSource{}
}

type organizationsDataSource struct{ baseDataSource }

type organizationMemberDataSource struct{ baseDataSource }

type organizationMembersDataSource struct{ baseDataSource }

func organizationDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Organization id (`org_...`)."},
		"slug":       schema.StringAttribute{Computed: true, MarkdownDescription: "Unique slug."},
		"name":       schema.StringAttribute{Computed: true, MarkdownDescription: "Display name."},
		"created_at": schema.StringAttribute{Computed: true, MarkdownDescription: "When the organization was created (RFC 3339, UTC)."},
	}
}

func organizationMemberDataAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":              schema.StringAttribute{Computed: true, MarkdownDescription: "`<organization_id>/<user_id>`."},
		"organization_id": schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`org_...`) of the organization."},
		"email":           schema.StringAttribute{Computed: true, MarkdownDescription: "E-mail of the member."},
		"role":            schema.StringAttribute{Computed: true, MarkdownDescription: "`owner` or `member`."},
		"user_id":         schema.StringAttribute{Computed: true, MarkdownDescription: "Id (`usr_...`) of the member's user."},
	}
}

func organizationIDArgument() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Id (`org_...`) of the organization.",
		Required:            true,
		Validators:          []validator.String{idValidator("org_", "organization")},
	}
}

func (d *organizationsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = organizationsDataSourceTypeName
}

func (d *organizationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every organization the caller belongs to, oldest first.",
		Attributes: map[string]schema.Attribute{
			"organizations": computedObjectList("The organizations, in creation order.", organizationDataAttributes()),
		},
	}
}

func (d *organizationsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, ok := listAll[organizationModel](resp, organizationsDataSourceTypeName, d.client().Organizations.All(ctx))
	if !ok {
		return
	}
	out := struct {
		Organizations []organizationModel `tfsdk:"organizations"`
	}{Organizations: list}
	resp.Diagnostics.Append(resp.State.Set(ctx, &out)...)
}

func (d *organizationMemberDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = organizationMemberDataSourceTypeName
}

func (d *organizationMemberDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := organizationMemberDataAttributes()
	attrs["organization_id"] = organizationIDArgument()
	attrs["email"] = schema.StringAttribute{
		MarkdownDescription: "E-mail of the member to look up (case-insensitive).",
		Required:            true,
		Validators:          []validator.String{emailValidator()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one member of an organization, by e-mail.",
		Attributes:          attrs,
	}
}

func (d *organizationMemberDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, organizationMemberDataSourceTypeName,
		func(cfg *organizationMemberModel) (*client.OrganizationMember, error) {
			return d.client().OrganizationMembers.Get(ctx, cfg.OrganizationID.ValueString(), cfg.Email.ValueString())
		})
}

type organizationMembersDataModel struct {
	OrganizationID types.String              `tfsdk:"organization_id"`
	Members        []organizationMemberModel `tfsdk:"members"`
}

func (d *organizationMembersDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = organizationMembersDataSourceTypeName
}

func (d *organizationMembersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every member of an organization, oldest first.",
		Attributes: map[string]schema.Attribute{
			"organization_id": organizationIDArgument(),
			"members":         computedObjectList("The members, in the order they joined.", organizationMemberDataAttributes()),
		},
	}
}

func (d *organizationMembersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg organizationMembersDataModel
	if !readConfig(ctx, req, resp, &cfg) {
		return
	}
	list, ok := listAll[organizationMemberModel](resp, organizationMembersDataSourceTypeName,
		d.client().OrganizationMembers.All(ctx, cfg.OrganizationID.ValueString()))
	if !ok {
		return
	}
	cfg.Members = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
