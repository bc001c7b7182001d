package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// runFunction calls f's Run as the framework would, with args, and returns the result (of the
// definition's return type) or the function error.
func runFunction(t *testing.T, f function.Function, args ...attr.Value) (attr.Value, *function.FuncError) {
	t.Helper()
	ctx := context.Background()
	var def function.DefinitionResponse
	f.Definition(ctx, function.DefinitionRequest{}, &def)
	if def.Diagnostics.HasError() {
		t.Fatalf("definition: %v", def.Diagnostics)
	}
	var result attr.Value
	switch r := def.Definition.Return.(type) {
	case function.SetReturn:
		result = types.SetNull(r.ElementType)
	case function.MapReturn:
		result = types.MapNull(r.ElementType)
	case function.BoolReturn:
		result = types.BoolNull()
	default:
		t.Fatalf("return type %T: extend runFunction", r)
	}
	resp := function.RunResponse{Result: function.NewResultData(result)}
	f.Run(ctx, function.RunRequest{Arguments: function.NewArgumentsData(args)}, &resp)
	return resp.Result.Value(), resp.Error
}

// wantFuncError fails unless err is an error of argument arg whose text holds every part.
func wantFuncError(t *testing.T, err *function.FuncError, arg int64, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one on argument %d containing %q", arg, parts)
	}
	if err.FunctionArgument == nil || *err.FunctionArgument != arg {
		t.Errorf("error %q is not on argument %d", err.Text, arg)
	}
	for _, p := range parts {
		if !strings.Contains(err.Text, p) {
			t.Errorf("error %q does not contain %q", err.Text, p)
		}
	}
}

func stringSet(t *testing.T, v attr.Value) []string {
	t.Helper()
	var out []string
	if d := v.(types.Set).ElementsAs(context.Background(), &out, false); d.HasError() {
		t.Fatal(d)
	}
	slices.Sort(out)
	return out
}

func TestRolePermissionsFunction(t *testing.T) {
	for role, want := range map[string][]string{
		"viewer": {"clusters.read", "installations.read", "integrations.read", "members.read", "products.read",
			"regions.read", "secrets.read", "workspace.read"},
		"member": {"clusters.read", "installations.read", "integrations.read", "members.read", "products.read",
			"projects.create", "regions.read", "secrets.read", "workspace.read"},
	} {
		got, err := runFunction(t, NewRolePermissionsFunction(), types.StringValue(role))
		if err != nil {
			t.Fatalf("%s: %v", role, err)
		}
		if s := stringSet(t, got); !slices.Equal(s, want) {
			t.Errorf("role_permissions(%q) = %v, want %v", role, s, want)
		}
	}
	owner, _ := runFunction(t, NewRolePermissionsFunction(), types.StringValue("owner"))
	admin, _ := runFunction(t, NewRolePermissionsFunction(), types.StringValue("admin"))
	if o, a := stringSet(t, owner), stringSet(t, admin); !slices.Contains(o, "ownership.transfer") ||
		slices.Contains(a, "ownership.transfer") || slices.Contains(o, "project.read") {
		t.Errorf("owner %v / admin %v: only the owner transfers ownership, neither holds project permissions", o, a)
	}
	_, err := runFunction(t, NewRolePermissionsFunction(), types.StringValue("superuser"))
	wantFuncError(t, err, 0, `"superuser"`, `"owner", "admin", "member", "viewer"`, "project_role_permissions")
	// Role names are case-sensitive, as in the API.
	_, err = runFunction(t, NewRolePermissionsFunction(), types.StringValue("Owner"))
	wantFuncError(t, err, 0, `"Owner"`)
}

func TestProjectRolePermissionsFunction(t *testing.T) {
	got, err := runFunction(t, NewProjectRolePermissionsFunction(), types.StringValue("member"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"deployments.read", "deployments.write", "logs.read", "project.read", "project.update"}
	if s := stringSet(t, got); !slices.Equal(s, want) {
		t.Errorf("project_role_permissions(\"member\") = %v, want %v", s, want)
	}
	_, err = runFunction(t, NewProjectRolePermissionsFunction(), types.StringValue("owner"))
	wantFuncError(t, err, 0, `"owner" is not a built-in project role`, `"admin", "member", "viewer"`, "role_permissions")
}

func TestAccFunctionRolePermissions(t *testing.T) {
	testAccPreCheck(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
output "viewer" {
  value = provider::platform::role_permissions("viewer")
}
output "project_viewer" {
  value = provider::platform::project_role_permissions("viewer")
}
output "admin_can_delete" {
  value = contains(provider::platform::role_permissions("admin"), "workspace.delete")
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("viewer", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("clusters.read"), knownvalue.StringExact("installations.read"),
						knownvalue.StringExact("integrations.read"), knownvalue.StringExact("members.read"),
						knownvalue.StringExact("products.read"), knownvalue.StringExact("regions.read"),
						knownvalue.StringExact("secrets.read"), knownvalue.StringExact("workspace.read"),
					})),
					statecheck.ExpectKnownOutputValue("project_viewer", knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("deployments.read"), knownvalue.StringExact("logs.read"),
						knownvalue.StringExact("project.read"),
					})),
					statecheck.ExpectKnownOutputValue("admin_can_delete", knownvalue.Bool(false)),
				},
			},
			{
				Config:      `output "x" { value = provider::platform::role_permissions("root") }`,
				ExpectError: regexp.MustCompile(`"root" is not a built-in\s+workspace\s+role`),
			},
		},
	})
}
