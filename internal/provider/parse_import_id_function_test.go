package provider

import (
	"context"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// TestImportIDFormatsCoverResources: every resource type has its import id in importIDFormats
// (and nothing else does), and its ImportState takes the table's example and refuses an id of
// the wrong shape with the table's format, so parse_import_id answers as `terraform import` does.
func TestImportIDFormatsCoverResources(t *testing.T) {
	ctx := context.Background()
	var typeNames []string
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "platform"}, &meta)
		typeNames = append(typeNames, meta.TypeName)
		f, ok := importIDFormats[meta.TypeName]
		if !ok {
			t.Errorf("%s: no import id in importIDFormats", meta.TypeName)
			continue
		}
		importer, ok := r.(resource.ResourceWithImportState)
		if !ok {
			t.Errorf("%s: not importable, but in importIDFormats", meta.TypeName)
			continue
		}
		var sch resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sch)
		importState := func(id string) resource.ImportStateResponse {
			resp := resource.ImportStateResponse{State: tfsdk.State{Schema: sch.Schema,
				Raw: tftypes.NewValue(sch.Schema.Type().TerraformType(ctx), nil)}}
			importer.ImportState(ctx, resource.ImportStateRequest{ID: id}, &resp)
			return resp
		}
		if resp := importState(f.example); resp.Diagnostics.HasError() {
			t.Errorf("%s: ImportState(%q): %v", meta.TypeName, f.example, resp.Diagnostics)
		}
		bad := f.example + "/extra"
		resp := importState(bad)
		if !resp.Diagnostics.HasError() || !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), `"`+f.format+`"`) {
			t.Errorf("%s: ImportState(%q) = %v; want an error naming %q", meta.TypeName, bad, resp.Diagnostics, f.format)
		}
	}
	if extra := slices.DeleteFunc(slices.Collect(maps.Keys(importIDFormats)),
		func(k string) bool { return slices.Contains(typeNames, k) }); len(extra) > 0 {
		t.Errorf("importIDFormats names types the provider does not have: %v", extra)
	}
}

func TestParseImportIDFunction(t *testing.T) {
	for _, tc := range []struct {
		kind, id string
		want     map[string]string
	}{
		{"platform_project", "acme/web", map[string]string{"workspace": "acme", "project": "web"}},
		{"platform_deployment", "acme/web/frontend", map[string]string{"workspace": "acme", "project": "web", "deployment": "frontend"}},
		{"platform_workspace", "ws_123", map[string]string{"workspace": "ws_123"}},
		{"platform_api_key", "acme/key_abc", map[string]string{"workspace": "acme", "key_id": "key_abc"}},
		{"platform_organization_member", "acme/alice@example.com", map[string]string{"organization": "acme", "email": "alice@example.com"}},
	} {
		got, err := runFunction(t, NewParseImportIDFunction(), types.StringValue(tc.kind), types.StringValue(tc.id))
		if err != nil {
			t.Fatalf("parse_import_id(%q, %q): %s", tc.kind, tc.id, err.Text)
		}
		want, _ := types.MapValueFrom(t.Context(), types.StringType, tc.want)
		if !got.Equal(want) {
			t.Errorf("parse_import_id(%q, %q) = %s, want %s", tc.kind, tc.id, got, want)
		}
	}
	_, err := runFunction(t, NewParseImportIDFunction(), types.StringValue("platform_project"), types.StringValue("web"))
	wantFuncError(t, err, 1, `"workspace/project"`, `"acme/web"`, `got "web"`)
	_, err = runFunction(t, NewParseImportIDFunction(), types.StringValue("platform_project"), types.StringValue("acme/"))
	wantFuncError(t, err, 1, `"workspace/project"`)
	// The resource's own rule holds too: API keys by id, not name.
	_, err = runFunction(t, NewParseImportIDFunction(), types.StringValue("platform_api_key"), types.StringValue("acme/ci"))
	wantFuncError(t, err, 1, "not by name")
	_, err = runFunction(t, NewParseImportIDFunction(), types.StringValue("platform_projects"), types.StringValue("acme/web"))
	wantFuncError(t, err, 0, `"platform_projects" is not a resource type`, `"platform_project"`, `"platform_workspace_members"`)
}

func TestAccFunctionParseImportID(t *testing.T) {
	testAccPreCheck(t)
	tfresource.ParallelTest(t, tfresource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []tfresource.TestStep{
			{
				Config: `
output "deployment" {
  value = provider::platform::parse_import_id("platform_deployment", "acme/web/frontend")
}
output "workspace" {
  value = provider::platform::parse_import_id("platform_project", "acme/web").workspace
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("deployment", knownvalue.MapExact(map[string]knownvalue.Check{
						"workspace": knownvalue.StringExact("acme"), "project": knownvalue.StringExact("web"),
						"deployment": knownvalue.StringExact("frontend"),
					})),
					statecheck.ExpectKnownOutputValue("workspace", knownvalue.StringExact("acme")),
				},
			},
			{
				Config:      `output "x" { value = provider::platform::parse_import_id("platform_project", "acme") }`,
				ExpectError: regexp.MustCompile(`import id must have the form\s+"workspace/project"`),
			},
			{
				Config:      `output "x" { value = provider::platform::parse_import_id("project", "acme/web") }`,
				ExpectError: regexp.MustCompile(`"project" is not a resource\s+type`),
			},
		},
	})
}
