package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func testOrganizationMemberConfig(e *testEnv, email, role string) string {
	return e.config(`
resource "platform_organization" "o" {
  slug = "acme"
  name = "Acme Inc."
}

resource "platform_organization_member" "m" {
  organization_id = platform_organization.o.id
  email           = "` + email + `"
  role            = "` + role + `"
}
`)
}

func TestAccOrganizationMemberResource_basic(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testOrganizationMemberConfig(e, "alice@example.com", "member"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_organization_member.m", tfjsonpath.New("user_id"), knownvalue.StringRegexp(prefixRegexp("usr_"))),
					statecheck.ExpectKnownValue("platform_organization_member.m", tfjsonpath.New("role"), knownvalue.StringExact("member")),
					statecheck.CompareValuePairs("platform_organization_member.m", tfjsonpath.New("organization_id"),
						"platform_organization.o", tfjsonpath.New("id"), compareSame),
				},
			},
			{
				ResourceName:      "platform_organization_member.m",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("%s/%s", "platform_organization.o.slug", "platform_organization_member.m.email"),
			},
		},
	})
}

// TestAccOrganizationMemberResource_update changes the role in place; an e-mail that differs
// only in case is the same member (no replacement, no diff after apply).
func TestAccOrganizationMemberResource_update(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testOrganizationMemberConfig(e, "alice@example.com", "member")},
			{
				Config: testOrganizationMemberConfig(e, "Alice@Example.com", "owner"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_organization_member.m", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_organization_member.m", tfjsonpath.New("role"), knownvalue.StringExact("owner")),
					statecheck.ExpectKnownValue("platform_organization_member.m", tfjsonpath.New("email"), knownvalue.StringExact("Alice@Example.com")),
				},
			},
			{
				Config: testOrganizationMemberConfig(e, "bob@example.com", "owner"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_organization_member.m", plancheck.ResourceActionReplace)},
				},
			},
		},
	})
}

func TestAccOrganizationMemberResource_drift(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testOrganizationMemberConfig(e, "alice@example.com", "member")},
			{
				PreConfig: outOfBand(t, "remove member", func(ctx context.Context) error {
					return e.Client.OrganizationMembers.Delete(ctx, "acme", "alice@example.com", 0)
				}),
				Config: testOrganizationMemberConfig(e, "alice@example.com", "member"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_organization_member.m", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccOrganizationMemberResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testOrganizationMemberConfig(e, "alice@example.com", "admin"),
				PlanOnly:    true,
				ExpectError: errorText(`value must be one of: ["owner" "member"]`),
			},
			{
				Config:      testOrganizationMemberConfig(e, "Alice <alice@example.com>", "member"),
				PlanOnly:    true,
				ExpectError: errorText("must not contain spaces or control characters"),
			},
			{
				Config:      testOrganizationMemberConfig(e, "alice@example", "member"),
				PlanOnly:    true,
				ExpectError: errorText("the domain needs a dot"),
			},
			{
				Config: e.config(`
resource "platform_organization_member" "m" {
  organization_id = "acme"
  email           = "alice@example.com"
  role            = "member"
}
`),
				PlanOnly:    true,
				ExpectError: errorText("organization_id must be an organization id (org_...)"),
			},
		},
	})
}
