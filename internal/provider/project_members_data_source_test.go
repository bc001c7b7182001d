package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProjectMembersDataSource_list lists a project's overrides: bob's on web, none on docs.
func TestAccProjectMembersDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_project_members" "web" {
  project_id = "` + f.web.ID + `"
}

data "platform_project_members" "docs" {
  project_id = "` + f.docs.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_project_members.web", tfjsonpath.New("members"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"user_id": knownvalue.StringExact(f.bob.UserID), "role": knownvalue.StringExact("admin"),
						"project_id": knownvalue.StringExact(f.web.ID),
					}),
				})),
				statecheck.ExpectKnownValue("data.platform_project_members.docs", tfjsonpath.New("members"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}
