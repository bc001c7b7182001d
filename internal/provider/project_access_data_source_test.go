package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// TestAccProjectAccessDataSource_sources reads the effective project role of users with every
// source: the workspace owner, an override (bob) and the workspace role alone (alice).
func TestAccProjectAccessDataSource_sources(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	access := func(name, email string) string {
		return fmt.Sprintf("data \"platform_project_access\" %q {\n  project_id = %q\n  email      = %q\n}\n", name, f.web.ID, email)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.providerBlockWith(e.Token, "acme") + "\n" +
				access("owner", testOwnerEmail) + access("alice", "alice@example.com") + access("bob", "bob@example.com"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_project_access.owner", tfjsonpath.New("role"), knownvalue.StringExact("admin")),
				statecheck.ExpectKnownValue("data.platform_project_access.owner", tfjsonpath.New("source"), knownvalue.StringExact("owner")),
				statecheck.ExpectKnownValue("data.platform_project_access.alice", tfjsonpath.New("role"), knownvalue.StringExact("none")),
				statecheck.ExpectKnownValue("data.platform_project_access.alice", tfjsonpath.New("source"), knownvalue.StringExact("workspace_role")),
				statecheck.ExpectKnownValue("data.platform_project_access.alice", tfjsonpath.New("user_id"), knownvalue.StringExact(f.alice.UserID)),
				statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("role"), knownvalue.StringExact("admin")),
				statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("source"), knownvalue.StringExact("override")),
				statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("user_id"), knownvalue.StringExact(f.bob.UserID)),
				statecheck.ExpectKnownValue("data.platform_project_access.bob", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
			},
		}},
	})
}
