package provider

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func testProjectMembersConfig(provider string, prj *client.Project, members map[string]string) string {
	return provider + `
resource "platform_project_members" "web" {
  workspace_id = "` + prj.WorkspaceID + `"
  project_id   = "` + prj.ID + `"
  members = ` + testMembersHCL(members) + `
}
`
}

// TestAccProjectMembersResource_basic takes over web's overrides (bob's is kept, alice gets one),
// removes an override added out of band, changes a role in place, imports by slugs and leaves
// the state when the project is gone.
func TestAccProjectMembersResource_basic(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	const web = "platform_project_members.web"
	override := func(email string) func(ctx context.Context) (string, string, int64, error) {
		return func(ctx context.Context) (string, string, int64, error) {
			m, err := e.Client.ProjectMembers.Get(ctx, "acme", "web", email)
			if err != nil {
				return "", "", 0, err
			}
			return m.UserID, m.Role, m.Version, nil
		}
	}
	bobID, aliceID := f.bob.UserID, f.alice.UserID
	first := map[string]string{"alice@example.com": "member", "bob@example.com": "admin"}
	second := map[string]string{"alice@example.com": "member", "bob@example.com": "viewer"}
	cfg := func(members map[string]string) string {
		return testProjectMembersConfig(e.providerBlock(), f.web, members)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: cfg(first),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(web, tfjsonpath.New("id"), knownvalue.StringExact(f.ws.ID+"/"+f.web.ID)),
					statecheck.ExpectKnownValue(web, tfjsonpath.New("members"), knownvalue.MapExact(map[string]knownvalue.Check{
						"alice@example.com": knownvalue.StringExact("member"), "bob@example.com": knownvalue.StringExact("admin"),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					checkOutOfBand(t, "bob's override kept", func(context.Context) error {
						return expectMember(t, override("bob@example.com"), &bobID, "admin", 1)()
					}),
					checkOutOfBand(t, "alice's override added", func(context.Context) error {
						return expectMember(t, override("alice@example.com"), &aliceID, "member", 1)()
					}),
				),
			},
			{
				PreConfig: outOfBand(t, "give carol an override", func(ctx context.Context) error {
					if _, err := e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "carol@example.com", Role: client.RoleViewer}); err != nil {
						return err
					}
					_, err := e.Client.ProjectMembers.Create(ctx, "acme", "web", client.ProjectMemberCreateOptions{Email: "carol@example.com", Role: client.ProjectRoleAdmin})
					return err
				}),
				Config: cfg(first),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(web, plancheck.ResourceActionUpdate)},
				},
				Check: checkOutOfBand(t, "carol's override removed", func(ctx context.Context) error {
					if _, err := e.Client.ProjectMembers.Get(ctx, "acme", "web", "carol@example.com"); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("carol still has an override (%v)", err)
					}
					_, err := e.Client.WorkspaceMembers.Get(ctx, "acme", "carol@example.com") // only the override goes
					return err
				}),
			},
			{
				Config: cfg(second),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(web, plancheck.ResourceActionUpdate)},
				},
				Check: checkOutOfBand(t, "bob's override changed in place", func(context.Context) error {
					return expectMember(t, override("bob@example.com"), &bobID, "viewer", 2)()
				}),
			},
			{ResourceName: web, ImportState: true, ImportStateVerify: true, ImportStateId: "acme/web"},
			{
				PreConfig: outOfBand(t, "delete the project", func(ctx context.Context) error {
					return e.Client.Projects.Delete(ctx, "acme", "web", 0)
				}),
				Config:   cfg(second),
				PlanOnly: true, ExpectNonEmptyPlan: true, // gone from the state: a create
			},
		},
	})
}

// TestAccProjectMembersResource_refused: dave, a workspace member whose access to web is his
// admin override, may not remove or lower it; a set and a single override for the same project
// are refused too.
func TestAccProjectMembersResource_refused(t *testing.T) {
	e := newTestEnv(t)
	f := newMembersFixture(t, e)
	ctx := testCtx(t)
	if _, err := e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "dave@example.com", Role: client.RoleMember}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Client.ProjectMembers.Create(ctx, "acme", "web", client.ProjectMemberCreateOptions{Email: "dave@example.com", Role: client.ProjectRoleAdmin}); err != nil {
		t.Fatal(err)
	}
	dave := e.providerBlockWith(e.userToken(t, "dave@example.com"), "")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testProjectMembersConfig(dave, f.web, map[string]string{"bob@example.com": "admin"}),
				PlanOnly:    true,
				ExpectError: errorText("members removes the project override of dave@example.com (admin), the user this provider acts as. Their workspace role (member)"),
			},
			{
				Config:      testProjectMembersConfig(dave, f.web, map[string]string{"bob@example.com": "admin", "dave@example.com": "viewer"}),
				PlanOnly:    true,
				ExpectError: errorText("members changes the project override of dave@example.com from admin to viewer"),
			},
			{
				// The owner (no override, project admin through the workspace) may manage the set freely;
				// mixing it with a single override for the same project is refused.
				Config: testProjectMembersConfig(e.providerBlock(), f.web, map[string]string{"bob@example.com": "admin"}) + `
resource "platform_project_member" "alice" {
  workspace_id = "` + f.ws.ID + `"
  project_id   = "` + f.web.ID + `"
  email        = "alice@example.com"
  role         = "viewer"
}
`,
				PlanOnly:    true,
				ExpectError: errorText("and with platform_project_member (alice@example.com)"),
			},
		},
	})
}
