package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccWorkspaceMemberDataSource_lookups looks a workspace member up by e-mail (in another case
// than the API's) and by user id, and checks the errors of a wrong configuration and of a
// missing member.
func TestAccWorkspaceMemberDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_workspace_member" "m" {}`,
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [email,user_id]"),
			},
			{
				Config:      e.providerBlockWith(e.Token, "acme") + `data "platform_workspace_member" "m" { email = "carol@example.com" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_workspace_member" "by_email" {
  email = "Alice@Example.com"
}

data "platform_workspace_member" "by_user_id" {
  workspace_id = "` + f.ws.ID + `"
  user_id      = "` + f.bob.UserID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("user_id"), knownvalue.StringExact(f.alice.UserID)),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("email"), knownvalue.StringExact("Alice@Example.com")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("role"), knownvalue.StringExact("member")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("status"), knownvalue.StringExact("invited")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_email", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_user_id", tfjsonpath.New("email"), knownvalue.StringExact("bob@example.com")),
					statecheck.ExpectKnownValue("data.platform_workspace_member.by_user_id", tfjsonpath.New("role"), knownvalue.StringExact("viewer")),
				},
			},
		},
	})
}
