package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProjectDataSource_lookups looks a project up by slug (in the provider's default
// workspace) and by id, and checks the errors of a wrong configuration, a missing project and a
// missing workspace.
func TestAccProjectDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_project" "p" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,slug]"),
			},
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_project" "p" { slug = "missing" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      e.config(`data "platform_project" "p" { slug = "web" }`),
				PlanOnly:    true,
				ExpectError: errorText("Set workspace_id, or set a default workspace"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_project" "by_slug" {
  slug = "web"
}

data "platform_project" "by_id" {
  workspace_id = "` + f.ws.ID + `"
  id           = "` + f.docs.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(f.web.ID)),
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("description"), knownvalue.StringExact("The site.")),
					statecheck.ExpectKnownValue("data.platform_project.by_slug", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_project.by_id", tfjsonpath.New("slug"), knownvalue.StringExact("docs")),
				},
			},
		},
	})
}
