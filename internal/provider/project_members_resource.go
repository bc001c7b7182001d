package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

const projectMembersTypeName = "platform_project_members"

// NewProjectMembersResource is the platform_project_members resource: the authoritative set of a
// project's members (its role overrides; members_common.go does the work).
func NewProjectMembersResource() resource.Resource {
	return &memberSetResource{kind: &memberSetKind{
		typeName:      projectMembersTypeName,
		project:       true,
		schema:        projectMembersSchema,
		resolve:       resolveProject,
		api:           projectMembersAPI,
		callerRefusal: projectCallerRefusal,
	}}
}

func projectMembersSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "All members of a project (its role overrides), authoritatively: the project has exactly " +
			"the overrides in `members`. Overrides added in any other way show as a change in the next plan and are " +
			"removed by the apply; a role changed elsewhere is changed back, in place. An empty map removes every " +
			"override. Workspace owners and admins reach every project through their workspace role and need no " +
			"entry (owners cannot have one).\n\n" +
			"Each member must already be a member of the workspace: reference the workspace membership " +
			"(`platform_workspace_members.<name>.id` or `platform_workspace_member.<name>.email`) or use " +
			"`depends_on`, so Terraform adds it first. Creating the resource takes over the overrides the project " +
			"already has (the plan warns which it would remove or change; the project's creator has one). Destroying " +
			"it leaves the overrides as they are.\n\n" +
			"Refused at plan time: a set that removes or changes the override of the user the provider acts as, " +
			"unless that user is a workspace owner or admin (who reach the project anyway): for anyone else the " +
			"override is their access to the project; a change the server refuses in a dry run for permission or an " +
			"invalid value.\n\n" +
			"**Do not mix** with `platform_project_member` for the same project: each apply would undo the other. A " +
			"plan that has both for the same project (with ids known at plan time) is refused.\n\n" +
			"Import with `<workspace>/<project>` (slugs or ids): `acme/web`.",
		Attributes: map[string]schema.Attribute{
			"id":           idResourceAttribute("`<workspace_id>/<project_id>`."),
			"workspace_id": workspaceIDResourceAttribute(),
			"project_id": schema.StringAttribute{
				MarkdownDescription: "Id (`prj_...`) of the project. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{idValidator("prj_", "project")},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"members": membersAttribute("The overrides: e-mail of a workspace member (case-insensitive; written as in "+
				"the configuration) -> project role: `admin`, `member`, `viewer`, or the id (`role_...`) of a custom "+
				"role holding at least one project permission.", projectRoleValidator()),
		},
	}
}

// resolveProject turns slugs (from an import) into ids, with one GET.
func resolveProject(ctx context.Context, c *client.Client, ws, prj string) (string, string, error) {
	if strings.HasPrefix(ws, "ws_") && strings.HasPrefix(prj, "prj_") {
		return ws, prj, nil
	}
	p, err := c.Projects.Get(ctx, ws, prj)
	if err != nil {
		return "", "", err
	}
	return p.WorkspaceID, p.ID, nil
}

func projectMembersAPI(c *client.Client, ws, prj string) memberSetAPI {
	return memberSetAPI{
		list: func(ctx context.Context) ([]setMember, error) {
			return collectMembers(c.ProjectMembers.All(ctx, ws, prj), func(m *client.ProjectMember) setMember {
				return setMember{Email: m.Email, UserID: m.UserID, Role: m.Role}
			})
		},
		add: func(ctx context.Context, email, role string) error {
			_, err := c.ProjectMembers.Create(ctx, ws, prj, client.ProjectMemberCreateOptions{Email: email, Role: role})
			return err
		},
		update: func(ctx context.Context, ref, role string) error {
			_, err := c.ProjectMembers.Update(ctx, ws, prj, ref, client.ProjectMemberUpdateOptions{Role: &role})
			return err
		},
		remove: func(ctx context.Context, ref string) error { return c.ProjectMembers.Delete(ctx, ws, prj, ref, 0) },
	}
}

// projectCallerRefusal: the caller's own override may be removed or changed only when their
// workspace role is owner or admin, which reaches every project anyway. For anyone else
// (member, viewer, a custom role, or an implicit admin through a managing organization, which
// the provider cannot see) the override may be their only access to the project.
func projectCallerRefusal(ctx context.Context, c *client.Client, ws string, me *client.Me, from, to string) (string, error) {
	wsRole := "none as a direct member"
	switch m, err := c.WorkspaceMembers.Get(ctx, ws, me.UserID); {
	case err == nil && (m.Role == client.RoleOwner || m.Role == client.RoleAdmin):
		return "", nil
	case err == nil:
		wsRole = m.Role
	case !isNotFound(err):
		return "", err
	}
	what := fmt.Sprintf("removes the project override of %s (%s)", me.Email, from)
	if to != "" {
		what = fmt.Sprintf("changes the project override of %s from %s to %s", me.Email, from, to)
	}
	return fmt.Sprintf("members %s, the user this provider acts as. Their workspace role (%s) does not reach every "+
		"project (only owners and admins do), so the override may be their only access to this project, and the "+
		"provider could lock itself out. Keep %q = %q, or make this change with a workspace admin's token.",
		what, wsRole, me.Email, from), nil
}
