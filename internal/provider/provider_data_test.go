package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The default-workspace plumbing (workspaceScopedResource, workspaceIDResourceAttribute,
// providerData.workspaceID) is tested through a test-only resource, platform_test_scoped, that
// uses it exactly as workspace-scoped resources do, served by the real provider plus that one
// resource.

type testProvider struct{ platformProvider }

func (p *testProvider) Resources(ctx context.Context) []func() resource.Resource {
	return append(p.platformProvider.Resources(ctx), func() resource.Resource { return &scopedProbeResource{} })
}

var testScopedProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"platform": providerserver.NewProtocol6WithError(&testProvider{platformProvider{version: "test"}}),
}

type scopedProbeResource struct{ workspaceScopedResource }

type scopedProbeModel struct {
	ID          types.String `tfsdk:"id"`
	WorkspaceID types.String `tfsdk:"workspace_id"`
}

func (r *scopedProbeResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = "platform_test_scoped"
}

func (r *scopedProbeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"id":           idResourceAttribute("The workspace's id."),
		"workspace_id": workspaceIDResourceAttribute(),
	}}
}

func (r *scopedProbeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scopedProbeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	ws, err := r.client().Workspaces.Get(ctx, plan.WorkspaceID.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "platform_test_scoped", "create", err)
		return
	}
	plan.ID = types.StringValue(ws.ID)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *scopedProbeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scopedProbeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if _, err := r.client().Workspaces.Get(ctx, state.WorkspaceID.ValueString()); isNotFound(err) {
		resp.State.RemoveResource(ctx)
	} else if err != nil {
		addAPIError(&resp.Diagnostics, "platform_test_scoped", "read", err)
	}
}

func (r *scopedProbeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("unexpected update", "platform_test_scoped has nothing to update in place")
}

func (r *scopedProbeResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

func TestAccWorkspaceScopedResource_defaultWorkspace(t *testing.T) {
	e := newTestEnv(t)
	acme := e.workspace(t, "acme")
	other := e.workspace(t, "other")
	probe := `resource "platform_test_scoped" "p" {}`
	replace := tfresource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_test_scoped.p", plancheck.ResourceActionReplace)},
	}
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testScopedProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config:      e.config(probe),
				PlanOnly:    true,
				ExpectError: errorText("Set workspace_id, or set a default workspace with the provider attribute workspace or the PLATFORM_WORKSPACE environment variable"),
			},
			{
				Config:      e.providerBlockWith(e.Token, "missing") + probe,
				PlanOnly:    true,
				ExpectError: errorText(`the provider's default workspace "missing"`),
			},
			{
				Config:      e.config(`resource "platform_test_scoped" "p" { workspace_id = "acme" }`),
				PlanOnly:    true,
				ExpectError: errorText("workspace_id must be a workspace id (ws_...)"),
			},
			{
				// A slug default is resolved to the workspace's id at plan time.
				Config: e.providerBlockWith(e.Token, "acme") + probe,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_test_scoped.p", tfjsonpath.New("workspace_id"), knownvalue.StringExact(acme.ID)),
				},
			},
			{
				// Changing the default moves the resource: a replacement.
				Config:           e.providerBlockWith(e.Token, other.ID) + probe,
				ConfigPlanChecks: replace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_test_scoped.p", tfjsonpath.New("workspace_id"), knownvalue.StringExact(other.ID)),
				},
			},
			{
				// An explicit workspace_id wins over the default.
				Config:           e.providerBlockWith(e.Token, "other") + `resource "platform_test_scoped" "p" { workspace_id = "` + acme.ID + `" }`,
				ConfigPlanChecks: replace,
			},
			{
				// The same workspace, now as the default instead of explicit: no change.
				Config: e.providerBlockWith(e.Token, "acme") + probe,
				ConfigPlanChecks: tfresource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
