package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

func TestHasPermissionFunction(t *testing.T) {
	str := func(s string) attr.Value { return types.DynamicValue(types.StringValue(s)) }
	list := func(ps ...string) attr.Value {
		v, _ := types.ListValueFrom(t.Context(), types.StringType, ps)
		return types.DynamicValue(v)
	}
	set := func(ps ...string) attr.Value {
		v, _ := types.SetValueFrom(t.Context(), types.StringType, ps)
		return types.DynamicValue(v)
	}
	tuple := func(ps ...string) attr.Value {
		typ, vals := make([]attr.Type, len(ps)), make([]attr.Value, len(ps))
		for i, p := range ps {
			typ[i], vals[i] = types.StringType, types.StringValue(p)
		}
		return types.DynamicValue(types.TupleValueMust(typ, vals))
	}
	for _, tc := range []struct {
		subject    attr.Value
		permission string
		want       bool
	}{
		{str("owner"), "ownership.transfer", true},
		{str("admin"), "ownership.transfer", false},
		{str("member"), "projects.create", true},
		{str("viewer"), "projects.create", false},
		{str("owner"), "deployments.write", false}, // a project permission: not in a workspace role's set
		{list("project.read", "deployments.write"), "deployments.write", true},
		{list(), "workspace.read", false},
		{set("secrets.read"), "secrets.manage", false},
		{tuple("logs.read", "secrets.manage"), "secrets.manage", true},
	} {
		got, err := runFunction(t, NewHasPermissionFunction(), tc.subject, types.StringValue(tc.permission))
		if err != nil {
			t.Fatalf("has_permission(%s, %q): %v", tc.subject, tc.permission, err.Text)
		}
		if !got.Equal(types.BoolValue(tc.want)) {
			t.Errorf("has_permission(%s, %q) = %s, want %v", tc.subject, tc.permission, got, tc.want)
		}
	}
	_, err := runFunction(t, NewHasPermissionFunction(), str("owner"), types.StringValue("projects.delete"))
	wantFuncError(t, err, 1, `"projects.delete" is not a permission`, `"projects.create"`, `"logs.read"`)
	_, err = runFunction(t, NewHasPermissionFunction(), str("boss"), types.StringValue("projects.create"))
	wantFuncError(t, err, 0, `"boss" is not a built-in workspace role`, `"owner", "admin", "member", "viewer"`)
	_, err = runFunction(t, NewHasPermissionFunction(), list("project.read", "project.raed"), types.StringValue("project.read"))
	wantFuncError(t, err, 0, `"project.raed" is not a permission`)
	_, err = runFunction(t, NewHasPermissionFunction(), types.DynamicValue(types.NumberValue(nil)), types.StringValue("project.read"))
	wantFuncError(t, err, 0, "must be a role name (string) or a list or set of permission names")
	num := types.DynamicValue(types.TupleValueMust([]attr.Type{types.NumberType}, []attr.Value{types.NumberNull()}))
	_, err = runFunction(t, NewHasPermissionFunction(), num, types.StringValue("project.read"))
	wantFuncError(t, err, 0, "every element must be a known permission name")
}

func TestAccFunctionHasPermission(t *testing.T) {
	testAccPreCheck(t)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_8_0)},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
locals {
  deployer = ["project.read", "deployments.write", "deployments.read"]
}
output "member_creates_projects" {
  value = provider::platform::has_permission("member", "projects.create")
}
output "viewer_creates_projects" {
  value = provider::platform::has_permission("viewer", "projects.create")
}
output "deployer_deploys" {
  value = provider::platform::has_permission(local.deployer, "deployments.write")
}
output "deployer_set_deletes" {
  value = provider::platform::has_permission(toset(local.deployer), "project.delete")
}
output "project_member_deploys" {
  value = provider::platform::has_permission(provider::platform::project_role_permissions("member"), "deployments.write")
}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("member_creates_projects", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("viewer_creates_projects", knownvalue.Bool(false)),
					statecheck.ExpectKnownOutputValue("deployer_deploys", knownvalue.Bool(true)),
					statecheck.ExpectKnownOutputValue("deployer_set_deletes", knownvalue.Bool(false)),
					statecheck.ExpectKnownOutputValue("project_member_deploys", knownvalue.Bool(true)),
				},
			},
			{
				Config:      `output "x" { value = provider::platform::has_permission("member", "deploy") }`,
				ExpectError: regexp.MustCompile(`"deploy" is not a\s+permission`),
			},
			{
				Config:      `output "x" { value = provider::platform::has_permission(["project.read", 1], "project.read") }`,
				ExpectError: regexp.MustCompile(`every\s+element\s+must\s+be\s+a\s+known\s+permission\s+name`),
			},
		},
	})
}
