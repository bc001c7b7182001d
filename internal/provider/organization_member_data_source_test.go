package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccOrganizationMemberDataSource_lookup looks an organization member up by e-mail (in
// another case than the API's) and refuses an organization slug where an id is required.
func TestAccOrganizationMemberDataSource_lookup(t *testing.T) {
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
		Steps: []resource.TestStep{
			{
				Config: e.config(`
data "platform_organization_member" "m" {
  organization_id = "acme"
  email           = "bob@example.com"
}
`),
				PlanOnly:    true,
				ExpectError: errorText("organization_id must be an organization id (org_...)"),
			},
			{
				Config: e.config(`
data "platform_organization_member" "bob" {
  organization_id = "` + org.ID + `"
  email           = "Bob@Example.com"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_organization_member.bob", tfjsonpath.New("user_id"), knownvalue.StringExact(bob.UserID)),
					statecheck.ExpectKnownValue("data.platform_organization_member.bob", tfjsonpath.New("role"), knownvalue.StringExact("member")),
					statecheck.ExpectKnownValue("data.platform_organization_member.bob", tfjsonpath.New("email"), knownvalue.StringExact("Bob@Example.com")),
					statecheck.ExpectKnownValue("data.platform_organization_member.bob", tfjsonpath.New("organization_id"), knownvalue.StringExact(org.ID)),
				},
			},
		},
	})
}
