package provider

import (
	"context"
	"fmt"
	"strings"

	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Attribute definitions shared by many types, so that the same attribute reads and behaves
// the same everywhere.

// idResourceAttribute is a resource's computed id, stable for the object's life (so plans do
// not show it as "known after apply" on every update).
func idResourceAttribute(desc string) rschema.StringAttribute {
	return rschema.StringAttribute{
		MarkdownDescription: desc,
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// createdAtResourceAttribute is a resource's creation time; it never changes.
func createdAtResourceAttribute() rschema.StringAttribute {
	return rschema.StringAttribute{
		MarkdownDescription: "When the object was created (RFC 3339, UTC).",
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// workspaceIDResourceAttribute is the workspace_id of a workspace-scoped resource. Use it with
// an embedded workspaceScopedResource, whose ModifyPlan fills in the provider's default
// workspace and plans a replacement when the workspace changes.
func workspaceIDResourceAttribute() rschema.StringAttribute {
	return rschema.StringAttribute{
		MarkdownDescription: "Id (`ws_...`) of the workspace. Defaults to the provider's `workspace`. " +
			"Changing it replaces the resource.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{idValidator("ws_", "workspace")},
	}
}

// workspaceIDDataSourceAttribute is the workspace_id of a workspace-scoped data source; resolve
// it with providerData.workspaceID.
func workspaceIDDataSourceAttribute() dschema.StringAttribute {
	return dschema.StringAttribute{
		MarkdownDescription: "Id (`ws_...`) of the workspace. Defaults to the provider's `workspace`.",
		Optional:            true,
		Computed:            true,
		Validators:          []validator.String{idValidator("ws_", "workspace")},
	}
}

// projectIDDataSourceAttribute is the required project of a project-scoped data source.
func projectIDDataSourceAttribute() dschema.StringAttribute {
	return dschema.StringAttribute{
		MarkdownDescription: "Id (`prj_...`) of the project.",
		Required:            true,
		Validators:          []validator.String{idValidator("prj_", "project")},
	}
}

// requiresReplaceUnlessEqualFold replaces the resource when an e-mail changes, but not when
// only its case does: the API compares e-mails case-insensitively.
func requiresReplaceUnlessEqualFold() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !strings.EqualFold(req.PlanValue.ValueString(), req.StateValue.ValueString())
		},
		"Changing the e-mail (other than its case) replaces the resource.",
		"Changing the e-mail (other than its case) replaces the resource.",
	)
}

// planQuotas are the plans' per-workspace limits (free, pro, enterprise), for the docs of the
// resources they bound; TestPlanQuotasMatchServer keeps them equal to the server's table.
var planQuotas = map[string][3]int{
	"projects":     {3, 50, 1000},
	"members":      {5, 100, 5000},
	"api keys":     {2, 25, 500},
	"regions":      {2, 10, 100},
	"clusters":     {1, 10, 200},
	"custom roles": {0, 0, 100},
	// Applications (docs/platform.md section 11).
	"products":                 {1, 20, 500},
	"installations":            {3, 50, 1000},
	"deployments":              {5, 200, 5000},
	"secrets":                  {10, 200, 5000},
	"GitHub App installations": {1, 5, 50},
}

// quotaNote is the sentence a resource's description gives about its plan quota.
func quotaNote(what string) string {
	q := planQuotas[what]
	if q[0] == 0 {
		return fmt.Sprintf("Only the enterprise plan allows %s (up to %d per workspace); on free and pro creating one "+
			"fails with `quota_exceeded`.", what, q[2])
	}
	return fmt.Sprintf("Each workspace's plan limits its %s: free %d, pro %d, enterprise %d; creating one more fails "+
		"with `quota_exceeded`, naming the plan, the limit and the usage.", what, q[0], q[1], q[2])
}

// slugRule is the rule of slugs in descriptions, reserved words included.
const slugRule = "3-40 characters matching `^[a-z][a-z0-9-]*[a-z0-9]$`, no `--`, and not one of the reserved " +
	"words `api`, `admin`, `new`, `settings` and `v1`"

// maxSecretRefs is how many secrets an installation or a deployment may name (docs/platform.md
// section 11; validators_sync_test.go keeps it equal to the server's).
const maxSecretRefs = 100
