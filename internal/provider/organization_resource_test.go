package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func testOrganizationConfig(e *testEnv, slug, name string) string {
	return e.config(`
resource "platform_organization" "o" {
  slug = "` + slug + `"
  name = "` + name + `"
}
`)
}

func TestAccOrganizationResource_basic(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testOrganizationConfig(e, "acme", "Acme Inc."),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_organization.o", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("org_"))),
					statecheck.ExpectKnownValue("platform_organization.o", tfjsonpath.New("slug"), knownvalue.StringExact("acme")),
					statecheck.ExpectKnownValue("platform_organization.o", tfjsonpath.New("name"), knownvalue.StringExact("Acme Inc.")),
					statecheck.ExpectKnownValue("platform_organization.o", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				ResourceName:      "platform_organization.o",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: importIDFunc("%s", "platform_organization.o.slug"),
			},
		},
	})
}

func TestAccOrganizationResource_update(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testOrganizationConfig(e, "acme", "Acme Inc.")},
			{
				Config: testOrganizationConfig(e, "acme-corp", "Acme Corporation"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_organization.o", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_organization.o", tfjsonpath.New("slug"), knownvalue.StringExact("acme-corp")),
					statecheck.ExpectKnownValue("platform_organization.o", tfjsonpath.New("name"), knownvalue.StringExact("Acme Corporation")),
				},
			},
		},
	})
}

func TestAccOrganizationResource_drift(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testOrganizationConfig(e, "acme", "Acme Inc.")},
			{
				PreConfig: outOfBand(t, "delete organization", func(ctx context.Context) error {
					return e.Client.Organizations.Delete(ctx, "acme", 0)
				}),
				Config: testOrganizationConfig(e, "acme", "Acme Inc."),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_organization.o", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccOrganizationResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testOrganizationConfig(e, "Acme", "Acme Inc."),
				PlanOnly:    true,
				ExpectError: errorText("the first character must be a lower-case letter"),
			},
			{
				Config:      testOrganizationConfig(e, "ac", "Acme Inc."),
				PlanOnly:    true,
				ExpectError: errorText("slug must be 3-40 characters"),
			},
			{
				Config:      testOrganizationConfig(e, "admin", "Acme Inc."),
				PlanOnly:    true,
				ExpectError: errorText("slug is reserved"),
			},
			{
				Config:      testOrganizationConfig(e, "acme", " Acme"),
				PlanOnly:    true,
				ExpectError: errorText("name must not start or end with white space"),
			},
		},
	})
}

// TestAccOrganizationResource_conflict: a server-side refusal names the resource and carries
// the server's code and request id: at plan time (the create's dry run), and at apply time
// without plan checks.
func TestAccOrganizationResource_conflict(t *testing.T) {
	e := newTestEnv(t)
	e.organization(t, "acme")
	noChecks := strings.Replace(testOrganizationConfig(e, "acme", "Acme Inc."), "}", "  plan_checks = false\n}", 1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      testOrganizationConfig(e, "acme", "Acme Inc."),
			PlanOnly:    true,
			ExpectError: errorText("The server would refuse this create (already_exists)"),
		}, {
			Config:      noChecks,
			ExpectError: errorText("Could not create platform_organization"),
		}, {
			Config:      testOrganizationConfig(e, "acme", "Acme Inc."),
			ExpectError: errorText("code: already_exists (HTTP 409)"),
		}},
	})
}
