package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProjectMemberDataSource_lookups looks a project override up by e-mail and by user id; a
// workspace member without an override on the project is not found.
func TestAccProjectMemberDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// alice has no override on web.
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_project_member" "m" {
  project_id = "` + f.web.ID + `"
  email      = "alice@example.com"
}
`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_project_member" "by_email" {
  project_id = "` + f.web.ID + `"
  email      = "bob@example.com"
}

data "platform_project_member" "by_user_id" {
  workspace_id = "` + f.ws.ID + `"
  project_id   = "` + f.web.ID + `"
  user_id      = "` + f.bob.UserID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_project_member.by_email", tfjsonpath.New("role"), knownvalue.StringExact("admin")),
					statecheck.ExpectKnownValue("data.platform_project_member.by_email", tfjsonpath.New("user_id"), knownvalue.StringExact(f.bob.UserID)),
					statecheck.ExpectKnownValue("data.platform_project_member.by_email", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_project_member.by_user_id", tfjsonpath.New("email"), knownvalue.StringExact("bob@example.com")),
				},
			},
		},
	})
}
