package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccOrganizationMembersDataSource_list lists an organization's members in the order they
// joined: its creator (owner), then bob.
func TestAccOrganizationMembersDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	org := e.organization(t, "acme")
	bob, err := e.Client.OrganizationMembers.Create(testCtx(t), org.ID, client.OrganizationMemberCreateOptions{
		Email: "bob@example.com", Role: client.OrganizationRoleMember,
	})
	if err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.config(`
data "platform_organization_members" "all" {
  organization_id = "` + org.ID + `"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_organization_members.all", tfjsonpath.New("members"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"email": knownvalue.StringExact(testOwnerEmail), "role": knownvalue.StringExact("owner")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"email": knownvalue.StringExact("bob@example.com"), "user_id": knownvalue.StringExact(bob.UserID),
						"organization_id": knownvalue.StringExact(org.ID),
					}),
				})),
			},
		}},
	})
}
