package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const workspaceMembersTypeName = "platform_workspace_members"

// NewWorkspaceMembersResource is the platform_workspace_members resource: the authoritative set
// of a workspace's members (members_common.go does the work).
func NewWorkspaceMembersResource() resource.Resource {
	return &memberSetResource{kind: &memberSetKind{
		typeName:      workspaceMembersTypeName,
		ownerRole:     client.RoleOwner,
		schema:        workspaceMembersSchema,
		resolve:       resolveWorkspace,
		api:           workspaceMembersAPI,
		callerRefusal: workspaceCallerRefusal,
	}}
}

func workspaceMembersSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "All members of a workspace, authoritatively: the workspace has exactly the members in " +
			"`members`, with those roles. Members added in any other way (the API, the web console, another " +
			"configuration) show as a change in the next plan and are removed by the apply; a role changed elsewhere " +
			"is changed back. Role changes are made in place (the membership is updated, never removed and re-added, " +
			"which would drop the member's project overrides). The apply removes members who are not owners first " +
			"(freeing quota for the additions), then adds and promotes, and demotes and removes owners last, so the " +
			"workspace never passes through a state without an owner.\n\n" +
			"Creating the resource takes over the members the workspace already has: the plan warns which of them " +
			"it would remove or change. Destroying it leaves the members as they are.\n\n" +
			"Refused at plan time: a set without an `owner` (a workspace always keeps one); a set that removes or " +
			"demotes the user the provider acts as (a promotion among the built-in roles is allowed); the same " +
			"e-mail twice in different case; a change the server refuses in a dry run for permission (only owners " +
			"make owners, nobody grants what they do not hold) or an invalid value.\n\n" +
			"**Do not mix** with `platform_workspace_member` for the same workspace: the set removes the members " +
			"those add, and they add them back, on every apply. A plan that has both for the same workspace (with " +
			"its id known at plan time) is refused. Project overrides (`platform_project_member`, " +
			"`platform_project_members`) are separate and may be used alongside; removing a member also removes " +
			"their overrides.\n\n" +
			"Invited and active members both count as members; the status is not part of this resource (see the " +
			"`platform_workspace_members` data source). Members of a managing organization are implicit admins and " +
			"are neither listed nor removed.\n\n" +
			"Import with the workspace's slug or id: `acme`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("The workspace id."),
			"workspace_id": workspaceIDResourceAttribute(),
			"members": membersAttribute("The members: e-mail (case-insensitive; written as in the configuration) -> "+
				"workspace role: `owner`, `admin`, `member`, `viewer`, or the id (`role_...`) of a custom role of the "+
				"workspace (`platform_role.<name>.id`). At least one member must be `owner`.", workspaceRoleValidator()),
		},
	}
}

// resolveWorkspace turns a workspace slug (from an import) into its id.
func resolveWorkspace(ctx context.Context, c *client.Client, ws, _ string) (string, string, error) {
	if strings.HasPrefix(ws, "ws_") {
		return ws, "", nil
	}
	w, err := c.Workspaces.Get(ctx, ws)
	if err != nil {
		return "", "", err
	}
	return w.ID, "", nil
}

func workspaceMembersAPI(c *client.Client, ws, _ string) memberSetAPI {
	return memberSetAPI{
		list: func(ctx context.Context) ([]setMember, error) {
			return collectMembers(c.WorkspaceMembers.All(ctx, ws), func(m *client.WorkspaceMember) setMember {
				return setMember{Email: m.Email, UserID: m.UserID, Role: m.Role}
			})
		},
		add: func(ctx context.Context, email, role string) error {
			_, err := c.WorkspaceMembers.Create(ctx, ws, client.WorkspaceMemberCreateOptions{Email: email, Role: role})
			return err
		},
		update: func(ctx context.Context, ref, role string) error {
			_, err := c.WorkspaceMembers.Update(ctx, ws, ref, client.WorkspaceMemberUpdateOptions{Role: &role})
			return err
		},
		remove: func(ctx context.Context, ref string) error { return c.WorkspaceMembers.Delete(ctx, ws, ref, 0) },
	}
}

// workspaceCallerRefusal: the caller's own membership may not be removed, nor its role changed
// other than by a promotion among the built-in roles (custom roles are not ranked): either
// could take away the access the provider needs to finish, or to manage the workspace later.
func workspaceCallerRefusal(_ context.Context, _ *client.Client, ws string, me *client.Me, from, to string) (string, error) {
	if to == "" {
		return fmt.Sprintf("members does not list %s, the user this provider acts as (%s of workspace %s): applying it "+
			"would remove the provider's own membership, and with it its access to the workspace. Add %q = %q to "+
			"members, or make this change with another member's token.", me.Email, from, ws, me.Email, from), nil
	}
	return fmt.Sprintf("members changes the role of %s, the user this provider acts as, from %s to %s in workspace %s: "+
		"that can take away the access the provider needs to manage the workspace. Keep %q = %q, or make this "+
		"change with another owner's token.", me.Email, from, to, ws, me.Email, from), nil
}
