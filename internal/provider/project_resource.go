package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const projectTypeName = "platform_project"

var (
	_ resource.ResourceWithConfigure   = (*projectResource)(nil)
	_ resource.ResourceWithImportState = (*projectResource)(nil)
	_ resource.ResourceWithIdentity    = (*projectResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*projectResource)(nil)
)

// NewProjectResource is the platform_project resource.
func NewProjectResource() resource.Resource {
	r := &projectResource{}
	r.deletionOf = deletionFrom(r.deletion)
	r.checks = newPlanCheck(r.create, r.update)
	return r
}

type projectResource struct {
	workspaceScopedResource
}

type projectModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
	Slug        types.String `tfsdk:"slug"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	CreatedAt   types.String `tfsdk:"created_at"`
}

// fromAPI sets every attribute the API answers; Create, Read, Update and Import all use it.
func (m *projectModel) fromAPI(p *client.Project) {
	m.ID = types.StringValue(p.ID)
	m.WorkspaceID = types.StringValue(p.WorkspaceID)
	m.Slug = types.StringValue(p.Slug)
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringValue(p.Description)
	m.CreatedAt = timeValue(p.CreatedAt)
}

func (r *projectResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = projectTypeName
}

func (r *projectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A project: the primary unit of work inside a workspace, with its own members " +
			"(project role overrides, see `platform_project_member`). Creating one needs `projects.create`; a " +
			"creator who is not already admin on every project becomes the project's admin through an override. " +
			quotaNote("projects") + "\n\n" +
			"Import with `<workspace slug>/<project slug>`: `acme/web`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("Project id (`prj_...`)."),
			"workspace_id": workspaceIDResourceAttribute(),
			"slug": schema.StringAttribute{
				MarkdownDescription: "Slug, unique within the workspace, used in URLs and import ids: " + slugRule +
					". Can be changed in place.",
				Required:   true,
				Validators: []validator.String{slugValidator()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Display name, 1-100 characters. Can be changed in place.",
				Required:            true,
				Validators:          []validator.String{displayNameValidator()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Free text, at most 1000 characters. Default empty. Can be changed in place.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{descriptionValidator()},
			},
			"created_at": createdAtResourceAttribute(),
		},
	}
}

func (r *projectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan projectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	p, err := r.create(ctx, &plan)
	if err != nil {
		addAPIError(&resp.Diagnostics, projectTypeName, "create", err)
		return
	}
	plan.fromAPI(p)
	keepVersion(ctx, resp.Private, p.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

// create is the API call of Create, and of its plan-time dry run.
func (r *projectResource) create(ctx context.Context, plan *projectModel) (*client.Project, error) {
	return r.client().Projects.Create(ctx, plan.WorkspaceID.ValueString(), client.ProjectCreateOptions{
		Slug:        plan.Slug.ValueString(),
		Name:        plan.Name.ValueString(),
		Description: plan.Description.ValueString(),
	})
}

// update is the API call of Update, and of its plan-time dry run.
func (r *projectResource) update(ctx context.Context, plan, state *projectModel, ifVersion int64) (*client.Project, error) {
	return r.client().Projects.Update(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString(), client.ProjectUpdateOptions{
		Slug:        changed(plan.Slug, state.Slug),
		Name:        changed(plan.Name, state.Name),
		Description: changed(plan.Description, state.Description),
		IfVersion:   ifVersion,
	})
}

func (r *projectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// After an import, workspace_id and id hold the slugs the user typed; the API accepts both.
	readResource(ctx, req, resp, projectTypeName, (*projectModel).fromAPI, func(state *projectModel) (*client.Project, error) {
		return r.client().Projects.Refresh(ctx, state.WorkspaceID.ValueString(), state.ID.ValueString())
	})
}

func (r *projectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state projectModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.data.startApply()
	p, err := r.update(ctx, &plan, &state, privateVersion(ctx, req.Private))
	if err != nil {
		addUpdateError(&resp.Diagnostics, projectTypeName, err)
		return
	}
	plan.fromAPI(p)
	keepVersion(ctx, resp.Private, p.Version, &resp.Diagnostics)
	resp.Diagnostics.Append(setState(ctx, &resp.State, resp.Identity, &plan)...)
}

func (r *projectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	r.destroy(ctx, req, resp)
}

func (r *projectResource) deletion(m *projectModel) deletion {
	ws, id := m.WorkspaceID.ValueString(), m.ID.ValueString()
	return deletion{typeName: projectTypeName, workspaceID: ws, kind: client.PlannedProject, targetID: id,
		label: fmt.Sprintf("project %q (%s)", m.Slug.ValueString(), id),
		del:   func(ctx context.Context) error { return r.client().Projects.Delete(ctx, ws, id, 0) }}
}

// IdentitySchema names the object by ids (see identity.go).
func (r *projectResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identitySchema(workspaceIdentity, identityAttr{"id", "Id (`prj_...`) of the project."})
}

// ImportState takes "<workspace slug or id>/<project slug or id>"; Read resolves both to ids
// with its one GET.
func (r *projectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importWorkspaceAndID(ctx, req, resp, "platform_project")
}
