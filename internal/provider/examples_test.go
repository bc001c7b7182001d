package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// TestAccExamples plans every resource example and applies every data source, ephemeral
// resource and function example in ../../examples against a server that has the objects the examples refer
// to, so that the documentation's examples stay valid as the schemas change.
func TestAccExamples(t *testing.T) {
	testAccPreCheck(t)
	for _, kind := range []string{"resources", "data-sources", "ephemeral-resources", "functions"} {
		pattern := "platform_*"
		if kind == "functions" {
			pattern = "*"
		}
		dirs, err := filepath.Glob(filepath.Join("..", "..", "examples", kind, pattern))
		if err != nil || len(dirs) == 0 {
			t.Fatalf("no examples/%s: %v", kind, err)
		}
		for _, dir := range dirs {
			file := filepath.Join(dir, "resource.tf")
			switch kind {
			case "data-sources":
				file = filepath.Join(dir, "data-source.tf")
			case "ephemeral-resources":
				file = filepath.Join(dir, "ephemeral-resource.tf")
			case "functions":
				file = filepath.Join(dir, "function.tf")
			}
			hcl, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%s: %v", dir, err)
			}
			t.Run(kind+"/"+filepath.Base(dir), func(t *testing.T) {
				e := newTestEnv(t)
				// The objects the examples name.
				e.workspace(t, "acme")
				e.organization(t, "acme-msp")
				e.cluster(t, "acme", "prod-eu")
				membersExampleFixture(t, e)
				examplesFixtureKeys(t, e)
				productsExampleFixture(t, e)
				secretsExampleFixture(t, e)
				deploymentsExampleFixture(t, e)
				installationsExampleFixture(t, e)
				stripeAccountExampleFixture(t, e)
				provider := e.providerBlockWith(e.Token, "acme")
				if kind == "resources" {
					// The fixtures hold objects of the same names as those the examples create:
					// plan-time dry runs would refuse the creates.
					provider = strings.Replace(provider, "}", "  plan_checks = false\n}", 1)
				}
				// A second provider block in an example (configured with an ephemeral credential)
				// takes its endpoint from PLATFORM_ENDPOINT as its user's would; a parallel test
				// cannot set the environment, so the test server's endpoint is written in.
				body := strings.ReplaceAll(string(hcl), "provider \"platform\" {\n",
					fmt.Sprintf("provider \"platform\" {\n  endpoint = %q\n", e.Server.URL))
				step := resource.TestStep{Config: provider + "\n" + body,
					ConfigVariables: exampleVariables(string(hcl))}
				if kind == "functions" {
					// Function examples validate their variables: their defaults are valid values,
					// and the API key one gets a well-formed key.
					step.ConfigVariables = nil
					if strings.Contains(string(hcl), `variable "deploy_api_key"`) {
						step.ConfigVariables = config.Variables{"deploy_api_key": config.StringVariable(wellFormedTestKey)}
					}
				}
				if kind == "resources" {
					step.PlanOnly = true
					step.ExpectNonEmptyPlan = true
				}
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
					Steps:                    []resource.TestStep{step},
				})
			})
		}
	}
}

var exampleVariable = regexp.MustCompile(`(?m)^variable "([a-z_]+)"`)

// exampleVariables gives every variable an example declares a string value, as its user would
// (the secret example reads its value from an ephemeral variable).
func exampleVariables(hcl string) config.Variables {
	vars := config.Variables{}
	for _, m := range exampleVariable.FindAllStringSubmatch(hcl, -1) {
		vars[m[1]] = config.StringVariable("example-" + m[1])
	}
	if len(vars) == 0 {
		return nil
	}
	return vars
}
