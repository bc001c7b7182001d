package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccOrganizationDataSource_lookups looks an organization up by slug and by id, and checks
// that exactly one of them is required.
func TestAccOrganizationDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	org := e.organization(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.config(`data "platform_organization" "o" {}`),
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,slug]"),
			},
			{
				Config: e.config(`
data "platform_organization" "by_slug" {
  slug = "acme"
}

data "platform_organization" "by_id" {
  id = "` + org.ID + `"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_organization.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(org.ID)),
					statecheck.ExpectKnownValue("data.platform_organization.by_id", tfjsonpath.New("slug"), knownvalue.StringExact("acme")),
					statecheck.ExpectKnownValue("data.platform_organization.by_id", tfjsonpath.New("name"), knownvalue.StringExact("acme")),
				},
			},
		},
	})
}
