package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccOrganizationsDataSource_list lists the caller's organizations in creation order.
func TestAccOrganizationsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	first := e.organization(t, "acme")
	second := e.organization(t, "acme-msp")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.config(`data "platform_organizations" "all" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_organizations.all", tfjsonpath.New("organizations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(first.ID), "slug": knownvalue.StringExact("acme")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(second.ID), "slug": knownvalue.StringExact("acme-msp")}),
				})),
			},
		}},
	})
}
