package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccDeploymentLogsDataSource reads the log of a deployment with two revisions (the second
// from a push): all of it, the first line (limit), from a line's time on (since, fed with that
// line's at), and nothing after it all. No line holds a secret's value; bad arguments fail the
// plan.
func TestAccDeploymentLogsDataSource(t *testing.T) {
	e := newTestEnv(t)
	f := newDeploymentsDataFixture(t, e)
	sha := strings.Repeat("c3", 20)
	push(t, e, "delivery-logs", sha, 1)()
	if _, err := e.Client.Deployments.WaitForStatus(testCtx(t), "acme", "web", "frontend", client.DeploymentRunning); err != nil {
		t.Fatal(err)
	}
	provider := e.providerBlockWith(e.Token, "acme")
	logs := func(name, args string) string {
		return fmt.Sprintf("data \"platform_deployment_logs\" %q {\n  project_id    = %q\n  deployment_id = %q\n%s\n}\n",
			name, f.project.ID, f.frontend.ID, args)
	}
	line := func(revision int64, message string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"at":       knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)),
			"revision": knownvalue.Int64Exact(revision),
			"message":  knownvalue.StringExact(message),
		})
	}
	deploying1 := "revision 1: deploying " + testImage + " with 2 replicas; secrets: DB_PASSWORD"
	deploying2 := deploying1[:len("revision ")] + "2" + deploying1[len("revision 1"):] + "; commit " + sha
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + logs("bad", `  limit = 1001`),
				PlanOnly:    true,
				ExpectError: errorText("limit value must be between 1 and 1000"),
			},
			{
				Config:      provider + logs("bad", `  since = "yesterday"`),
				PlanOnly:    true,
				ExpectError: errorText("since must be an RFC 3339 timestamp such as 2030-01-02T15:04:05Z"),
			},
			{
				Config: provider + logs("all", "") + logs("first", "  limit = 1") +
					logs("later", "  since = data.platform_deployment_logs.all.lines[2].at") +
					logs("none", `  since = "2999-01-01T00:00:00Z"`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_deployment_logs.all", tfjsonpath.New("lines"), knownvalue.ListExact([]knownvalue.Check{
						line(1, deploying1), line(1, "revision 1: running"), line(2, deploying2), line(2, "revision 2: running"),
					})),
					statecheck.ExpectKnownValue("data.platform_deployment_logs.all", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_deployment_logs.first", tfjsonpath.New("lines"), knownvalue.ListExact([]knownvalue.Check{
						line(1, deploying1),
					})),
					statecheck.ExpectKnownValue("data.platform_deployment_logs.later", tfjsonpath.New("lines"), knownvalue.ListExact([]knownvalue.Check{
						line(2, deploying2), line(2, "revision 2: running"),
					})),
					statecheck.ExpectKnownValue("data.platform_deployment_logs.none", tfjsonpath.New("lines"), knownvalue.ListSizeExact(0)),
				},
				Check: func(s *terraform.State) error {
					for _, rs := range s.RootModule().Resources {
						for k, v := range rs.Primary.Attributes {
							if strings.Contains(v, "s3cret") {
								return fmt.Errorf("%s.%s holds a secret's value: %q", rs.Type, k, v)
							}
						}
					}
					return nil
				},
			},
		},
	})
}
