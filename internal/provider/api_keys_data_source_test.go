package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccAPIKeysDataSource_pages lists more API keys than fit in one page of the API (200).
func TestAccAPIKeysDataSource_pages(t *testing.T) {
	e := newTestEnv(t)
	const n = client.MaxPageSize + 3
	ws, first := newAPIKeysFixture(t, e, n)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + `data "platform_api_keys" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_api_keys.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
				statecheck.ExpectKnownValue("data.platform_api_keys.all", tfjsonpath.New("api_keys"), knownvalue.ListSizeExact(n)),
				statecheck.ExpectKnownValue("data.platform_api_keys.all", tfjsonpath.New("api_keys").AtSliceIndex(0).AtMapKey("id"), knownvalue.StringExact(first.ID)),
				statecheck.ExpectKnownValue("data.platform_api_keys.all", tfjsonpath.New("api_keys").AtSliceIndex(n-1).AtMapKey("name"),
					knownvalue.StringExact(fmt.Sprintf("key %d", n-1))),
			},
		}},
	})
}
