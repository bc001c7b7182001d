package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccKubernetesVersionsDataSource_list reads the server's Kubernetes version catalogue.
func TestAccKubernetesVersionsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.config(`data "platform_kubernetes_versions" "v" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_kubernetes_versions.v", tfjsonpath.New("versions").AtSliceIndex(0), knownvalue.StringExact("1.29")),
				statecheck.ExpectKnownValue("data.platform_kubernetes_versions.v", tfjsonpath.New("latest"), knownvalue.StringExact("1.33")),
			},
		}},
	})
}
