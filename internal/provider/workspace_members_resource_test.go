package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// testMembersHCL writes a members map, sorted.
func testMembersHCL(members map[string]string) string {
	var b strings.Builder
	b.WriteString("{\n")
	for _, email := range slices.Sorted(maps.Keys(members)) {
		fmt.Fprintf(&b, "    %q = %q\n", email, members[email])
	}
	b.WriteString("  }")
	return b.String()
}

func testWorkspaceMembersConfig(e *testEnv, ws *client.Workspace, members map[string]string) string {
	return e.config(`
resource "platform_workspace_members" "all" {
  workspace_id = "` + ws.ID + `"
  members = ` + testMembersHCL(members) + `
}
`)
}

// expectMember checks a member's role and version on the server: the version counts the
// member's changes, so a role change made in place (never removed and re-added) shows as
// version 2, with the same user id.
func expectMember(t *testing.T, get func(ctx context.Context) (string, string, int64, error), userID *string, role string, version int64) func() error {
	return func() error {
		id, r, v, err := get(testCtx(t))
		switch {
		case err != nil:
			return err
		case r != role || v != version:
			return fmt.Errorf("server has role %q at version %d, want %q at version %d", r, v, role, version)
		case *userID != "" && id != *userID:
			return fmt.Errorf("user id %s, want %s (the same membership)", id, *userID)
		}
		*userID = id
		return nil
	}
}

// TestAccWorkspaceMembersResource_basic takes over a workspace's members (alice, already a
// member, is promoted in place), keeps the configured spelling of an e-mail, removes a member
// added out of band, changes a role in place (to a custom role), imports by slug and by id, and
// leaves the state when the workspace is gone.
func TestAccWorkspaceMembersResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.enterpriseWorkspace(t, "acme")
	ctx := testCtx(t)
	alice, err := e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "alice@example.com", Role: client.RoleMember})
	if err != nil {
		t.Fatal(err)
	}
	role, err := e.Client.Roles.Create(ctx, "acme", client.RoleCreateOptions{Name: "deployer", Permissions: []string{"project.read"}})
	if err != nil {
		t.Fatal(err)
	}
	const all = "platform_workspace_members.all"
	member := func(email string) func(ctx context.Context) (string, string, int64, error) {
		return func(ctx context.Context) (string, string, int64, error) {
			m, err := e.Client.WorkspaceMembers.Get(ctx, "acme", email)
			if err != nil {
				return "", "", 0, err
			}
			return m.UserID, m.Role, m.Version, nil
		}
	}
	aliceID, bobID := alice.UserID, ""
	first := map[string]string{testOwnerEmail: "owner", "Alice@Example.com": "admin", "bob@example.com": "viewer"}
	lower := map[string]string{testOwnerEmail: "owner", "alice@example.com": "admin", "bob@example.com": "viewer"}
	custom := map[string]string{testOwnerEmail: "owner", "alice@example.com": "admin", "bob@example.com": role.ID}
	update := resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(all, plancheck.ResourceActionUpdate)}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testWorkspaceMembersConfig(e, ws, first),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(all, tfjsonpath.New("id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue(all, tfjsonpath.New("members"), knownvalue.MapExact(map[string]knownvalue.Check{
						testOwnerEmail: knownvalue.StringExact("owner"), "Alice@Example.com": knownvalue.StringExact("admin"),
						"bob@example.com": knownvalue.StringExact("viewer"),
					})),
				},
				Check: resource.ComposeTestCheckFunc(
					checkOutOfBand(t, "alice promoted in place", func(context.Context) error {
						return expectMember(t, member("alice@example.com"), &aliceID, "admin", 2)()
					}),
					checkOutOfBand(t, "bob invited", func(context.Context) error {
						return expectMember(t, member("bob@example.com"), &bobID, "viewer", 1)()
					}),
				),
			},
			{
				PreConfig: outOfBand(t, "invite carol", func(ctx context.Context) error {
					_, err := e.Client.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "carol@example.com", Role: client.RoleAdmin})
					return err
				}),
				Config:           testWorkspaceMembersConfig(e, ws, lower),
				ConfigPlanChecks: update,
				Check: checkOutOfBand(t, "carol removed", func(ctx context.Context) error {
					if _, err := e.Client.WorkspaceMembers.Get(ctx, "acme", "carol@example.com"); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("carol is still a member (%v)", err)
					}
					return expectMember(t, member("alice@example.com"), &aliceID, "admin", 2)() // a spelling is no change
				}),
			},
			{
				PreConfig: outOfBand(t, "demote alice", func(ctx context.Context) error {
					_, err := e.Client.WorkspaceMembers.Update(ctx, "acme", "alice@example.com", client.WorkspaceMemberUpdateOptions{Role: client.Ptr(client.RoleViewer)})
					return err
				}),
				Config:           testWorkspaceMembersConfig(e, ws, custom),
				ConfigPlanChecks: update,
				Check: resource.ComposeTestCheckFunc(
					checkOutOfBand(t, "bob's role changed in place", func(context.Context) error {
						return expectMember(t, member("bob@example.com"), &bobID, role.ID, 2)()
					}),
					checkOutOfBand(t, "alice's role restored in place", func(context.Context) error {
						return expectMember(t, member("alice@example.com"), &aliceID, "admin", 4)()
					}),
				),
			},
			{ResourceName: all, ImportState: true, ImportStateVerify: true, ImportStateId: "acme"},
			{ResourceName: all, ImportState: true, ImportStateVerify: true, ImportStateId: ws.ID},
			{
				PreConfig: outOfBand(t, "delete the workspace", func(ctx context.Context) error {
					return e.Client.Workspaces.Delete(ctx, "acme", client.WorkspaceDeleteOptions{Force: true})
				}),
				Config:   testWorkspaceMembersConfig(e, ws, custom),
				PlanOnly: true, ExpectNonEmptyPlan: true, // gone from the state: a create
			},
		},
	})
}

// TestAccWorkspaceMembersResource_refused: what the plan refuses, before any call changes
// anything.
func TestAccWorkspaceMembersResource_refused(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	if _, err := e.Client.WorkspaceMembers.Create(testCtx(t), "acme", client.WorkspaceMemberCreateOptions{Email: "alice@example.com", Role: client.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	step := func(members map[string]string, want string) resource.TestStep {
		return resource.TestStep{Config: testWorkspaceMembersConfig(e, ws, members), PlanOnly: true, ExpectError: errorText(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			step(map[string]string{testOwnerEmail: "admin", "alice@example.com": "admin"}, `members has no member with role "owner"`),
			step(map[string]string{"alice@example.com": "owner"}, "members does not list "+testOwnerEmail+", the user this provider acts as (owner of workspace"),
			step(map[string]string{testOwnerEmail: "admin", "alice@example.com": "owner"}, "members changes the role of "+testOwnerEmail+
				", the user this provider acts as, from owner to admin"),
			step(map[string]string{testOwnerEmail: "owner", "alice@example.com": "admin", "Alice@example.com": "admin"}, "are the same member"),
			step(map[string]string{testOwnerEmail: "owner", "alice@example.com": "superuser"}, "must be one of owner, admin, member, viewer"),
			step(map[string]string{testOwnerEmail: "owner", "alice.example.com": "admin"}, "must be a plain e-mail address"),
			step(map[string]string{testOwnerEmail: "owner", "alice@example.com": "role_abcdefghij234567"},
				"The server would refuse changing the role of alice@example.com from admin to role_abcdefghij234567"),
			{
				// alice (admin) may manage members, but only owners make owners: the dry run says so.
				Config: e.providerBlockWith(e.userToken(t, "alice@example.com"), "") + `
resource "platform_workspace_members" "all" {
  workspace_id = "` + ws.ID + `"
  members = ` + testMembersHCL(map[string]string{testOwnerEmail: "owner", "alice@example.com": "admin", "bob@example.com": "owner"}) + `
}
`,
				PlanOnly:    true,
				ExpectError: errorText("The server would refuse adding bob@example.com as owner"),
			},
			{
				Config: testWorkspaceMembersConfig(e, ws, map[string]string{testOwnerEmail: "owner"}) + `
resource "platform_workspace_member" "alice" {
  workspace_id = "` + ws.ID + `"
  email        = "alice@example.com"
  role         = "admin"
}
`,
				PlanOnly:    true,
				ExpectError: errorText("with platform_workspace_members (authoritative: it removes every member it does not list) and with platform_workspace_member (alice@example.com)"),
			},
		},
	})
	// Nothing changed: the dry runs wrote nothing.
	for email, role := range map[string]string{testOwnerEmail: client.RoleOwner, "alice@example.com": client.RoleAdmin} {
		m, err := e.Client.WorkspaceMembers.Get(testCtx(t), "acme", email)
		if err != nil || m.Role != role || m.Version != 1 {
			t.Errorf("the membership of %s changed: %+v, %v", email, m, err)
		}
	}
	if _, err := e.Client.WorkspaceMembers.Get(testCtx(t), "acme", "bob@example.com"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("bob was invited by a plan: %v", err)
	}
}

// TestMemberChanges_order: removals of non-owners first (they free quota), then additions and
// promotions to owner, other changes, owners' demotions and removals, the caller's own entry at
// the very end.
func TestMemberChanges_order(t *testing.T) {
	current := []setMember{
		{Email: "me@example.com", Role: "owner"}, {Email: "old-owner@example.com", Role: "owner"},
		{Email: "gone@example.com", Role: "viewer"}, {Email: "gone-owner@example.com", Role: "owner"},
		{Email: "up@example.com", Role: "admin"}, {Email: "side@example.com", Role: "member"},
	}
	desired := map[string]string{
		"me@example.com": "admin", "old-owner@example.com": "admin", "up@example.com": "owner", "side@example.com": "viewer",
		"New@example.com": "member", "new-owner@example.com": "owner",
	}
	var got []string
	for _, c := range memberChanges(current, desired, "owner", "ME@example.com") {
		got = append(got, c.String())
	}
	want := []string{
		"removing gone@example.com (viewer)",
		"adding new-owner@example.com as owner",
		"changing the role of up@example.com from admin to owner",
		"adding New@example.com as member",
		"changing the role of side@example.com from member to viewer",
		"changing the role of old-owner@example.com from owner to admin",
		"removing gone-owner@example.com (owner)",
		"changing the role of me@example.com from owner to admin",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestValidatorsAgreeWithServer_memberSets compares the members maps of both sets, key by key
// (the e-mail) and value by value (the role), with the server's rules for the single-member
// resources' fields, which the same validators check (validators_sync_test.go); white space around an
// e-mail is the same deliberate difference (emailWhiteSpace).
func TestValidatorsAgreeWithServer_memberSets(t *testing.T) {
	schemas := resourceSchemas(t)
	for _, set := range []struct{ typeName, single, validRole string }{
		{workspaceMembersTypeName, workspaceMemberTypeName, "owner"},
		{projectMembersTypeName, projectMemberTypeName, "admin"},
	} {
		a := schemaAttribute(t, schemas, set.typeName+".members")
		emailRule, roleRule := stringRules[set.single+".email"], stringRules[set.single+".role"]
		for _, s := range syncStrings() {
			for _, c := range []struct {
				m      map[string]string
				server bool
			}{
				{map[string]string{s: set.validRole}, emailRule(s) || emailWhiteSpace.applies(s)},
				{map[string]string{"alice@example.com": s}, roleRule(s)},
			} {
				d := planDiagnostics(a, membersPath, stringMapValue(c.m))
				if d.HasError() != c.server {
					t.Errorf("%s.members = %q: the plan %s it, the server %s it%s", set.typeName, c.m, verdict(d.HasError()),
						verdict(c.server), firstError(d))
				}
			}
		}
	}
}
