package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccWorkspaceMembersDataSource_list lists the members of the provider's default workspace in
// the order they joined: the owner (active), alice and bob (invited).
func TestAccWorkspaceMembersDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `data "platform_workspace_members" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("members"), knownvalue.ListSizeExact(3)),
				statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("members").AtSliceIndex(0), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"email": knownvalue.StringExact(testOwnerEmail), "role": knownvalue.StringExact("owner"), "status": knownvalue.StringExact("active"),
				})),
				statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("members").AtSliceIndex(1), knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"user_id": knownvalue.StringExact(f.alice.UserID), "role": knownvalue.StringExact("member"), "status": knownvalue.StringExact("invited"),
				})),
				statecheck.ExpectKnownValue("data.platform_workspace_members.all", tfjsonpath.New("members").AtSliceIndex(2).AtMapKey("email"), knownvalue.StringExact("bob@example.com")),
			},
		}},
	})
}
