package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccWorkspaceDataSource_lookups looks a workspace up by slug, by id and as the provider's
// default workspace, and checks the errors of a missing workspace and of a wrong configuration.
func TestAccWorkspaceDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	e.workspace(t, "other")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.config(`data "platform_workspace" "w" { slug = "missing" }`),
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      e.config(`data "platform_workspace" "w" {}`),
				PlanOnly:    true,
				ExpectError: errorText("Set id or slug, or a default workspace"),
			},
			{
				Config:      e.config("data \"platform_workspace\" \"w\" {\n  slug = \"acme\"\n  id   = \"" + ws.ID + "\"\n}\n"),
				PlanOnly:    true,
				ExpectError: errorText("cannot be configured together"),
			},
			{
				Config: e.providerBlockWith(e.Token, "other") + `
data "platform_workspace" "by_slug" {
  slug = "acme"
}

data "platform_workspace" "by_id" {
  id = "` + ws.ID + `"
}

data "platform_workspace" "default" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_workspace.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_workspace.by_slug", tfjsonpath.New("plan"), knownvalue.StringExact("free")),
					statecheck.ExpectKnownValue("data.platform_workspace.by_id", tfjsonpath.New("slug"), knownvalue.StringExact("acme")),
					statecheck.ExpectKnownValue("data.platform_workspace.default", tfjsonpath.New("slug"), knownvalue.StringExact("other")),
				},
			},
		},
	})
}
