package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccSecretsDataSource_list lists the secrets of the default workspace and of another one,
// each holding only its own, in creation order.
func TestAccSecretsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	f := newSecretsFixture(t, e)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `
data "platform_secrets" "default" {}

data "platform_secrets" "other" {
  workspace_id = "` + f.other.ID + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_secrets.default", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
				statecheck.ExpectKnownValue("data.platform_secrets.default", tfjsonpath.New("secrets"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("DB_PASSWORD"),
						"id": knownvalue.StringExact(f.db.ID), "value_version": knownvalue.Int64Exact(2)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("API_TOKEN"),
						"value_version": knownvalue.Int64Exact(1)}),
				})),
				statecheck.ExpectKnownValue("data.platform_secrets.other", tfjsonpath.New("secrets"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue("data.platform_secrets.other", tfjsonpath.New("secrets").AtSliceIndex(0).AtMapKey("name"),
					knownvalue.StringExact("OTHER_SECRET")),
			},
		}},
	})
}
