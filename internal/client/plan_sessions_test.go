package client_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// TestPlanSessions: dry runs in a plan session are recorded and read back; a refused workspace
// delete names its blocking objects, less what the session deletes.
func TestPlanSessions(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	web := must(e.c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	manual := must(e.c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "manual", Name: "Manual"}))(t)
	const session = "plan-client-0001"
	dry := client.WithPlanSession(client.WithValidateOnly(ctx(t)), session)

	err := e.c.Workspaces.Delete(dry, "acme", client.WorkspaceDeleteOptions{})
	wantCode(t, err, client.ErrFailedPrecondition)
	if got := client.BlockingObjects(err); len(got) != 2 || got[0] != (client.WorkspaceObject{Kind: "projects", ID: web.ID,
		Reason: `project "web" is still in the workspace`}) || got[1].ID != manual.ID {
		t.Fatalf("blocking objects: %+v", got)
	}
	if err := e.c.Projects.Delete(dry, "acme", "web", 0); err != nil {
		t.Fatalf("dry-run delete: %v", err)
	}
	err = e.c.Workspaces.Delete(dry, "acme", client.WorkspaceDeleteOptions{})
	if got := client.BlockingObjects(err); len(got) != 1 || got[0].ID != manual.ID {
		t.Fatalf("after the session deletes web: %+v (%v)", got, err)
	}
	s := must(e.c.PlanSessions.Get(ctx(t), session))(t)
	if del, force := s.DeletesWorkspace(e.ws.ID); !del || force || len(s.Deletes) != 2 || s.Deletes[1].Kind != client.PlannedProject || s.Deletes[1].TargetID != web.ID {
		t.Fatalf("session: %+v", s)
	}
	// What is deleted without a dry run of each can be declared at once.
	s = must(e.c.PlanSessions.Declare(ctx(t), session, "acme", []client.PlannedTarget{{Kind: client.PlannedProject, TargetID: manual.ID}}))(t)
	if len(s.Deletes) != 3 {
		t.Fatalf("after Declare: %+v", s)
	}
	if err := e.c.Workspaces.Delete(dry, "acme", client.WorkspaceDeleteOptions{}); err != nil {
		t.Fatalf("the session deletes both projects: %v", err)
	}
	if client.BlockingObjects(nil) != nil {
		t.Error("no error, no blocking objects")
	}
}

// The client's copies of the plan-session names follow the server's.
func TestPlanSessionNamesMatchServer(t *testing.T) {
	if client.PlanSessionHeader != httpapi.PlanSessionHeader {
		t.Errorf("client.PlanSessionHeader = %q, server %q", client.PlanSessionHeader, httpapi.PlanSessionHeader)
	}
	for c, s := range map[string]string{
		client.PlannedWorkspace: platform.PlannedWorkspace, client.PlannedProject: platform.PlannedProject,
		client.PlannedProjectMember: platform.PlannedProjectMember, client.PlannedWorkspaceMember: platform.PlannedWorkspaceMember,
		client.PlannedRole: platform.PlannedRole, client.PlannedAPIKey: platform.PlannedAPIKey,
		client.PlannedRegion: platform.PlannedRegion, client.PlannedCluster: platform.PlannedCluster,
	} {
		if c != s {
			t.Errorf("client kind %q, server %q", c, s)
		}
	}
}
