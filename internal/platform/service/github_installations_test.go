package service_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// GitHub App installations (docs/platform.md section 11) through the service.

// githubInput is a valid connection of GitHub's installation id to selected repositories.
func githubInput(id int64) service.GitHubInstallationInput {
	return service.GitHubInstallationInput{InstallationID: id, AccountLogin: "acme", AccountType: platform.GitHubAccountOrganization,
		RepositorySelection: platform.RepositorySelectionSelected, Repositories: []string{"acme/web", "acme/api"}}
}

func (f *fixture) githubInstallation(ws *platform.Workspace, by *platform.Principal, id int64) *platform.GitHubInstallation {
	f.tb.Helper()
	g, err := f.svc.CreateGitHubInstallation(f.ctx, by, ws.Slug, githubInput(id))
	must(f.tb, err)
	return g
}

func TestGitHubInstallation_EveryPermissionCell(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ws, cells := f.accessCells(platform.PermIntegrationsRead, platform.PermIntegrationsManage, false)
	owner := cells[0].caller
	f.githubInstallation(ws, owner, 1000)
	for i, c := range cells {
		t.Run(c.who, func(t *testing.T) {
			_, err := f.svc.GetGitHubInstallation(f.ctx, c.caller, ws.Slug, "1000")
			wantCellAllowed(t, c, c.read, platform.PermIntegrationsRead, "get", err)
			_, err = f.svc.ListGitHubInstallations(f.ctx, c.caller, ws.Slug, service.ListOptions{})
			wantCellAllowed(t, c, c.read, platform.PermIntegrationsRead, "list", err)
			id := int64(2000 + i)
			_, err = f.svc.CreateGitHubInstallation(f.ctx, c.caller, ws.Slug, githubInput(id))
			wantCellAllowed(t, c, c.manage, platform.PermIntegrationsManage, "create", err)
			if !c.manage {
				f.githubInstallation(ws, owner, id)
			}
			ref := fmt.Sprint(id)
			_, err = f.svc.UpdateGitHubInstallation(f.ctx, c.caller, ws.Slug, ref, service.GitHubInstallationPatch{AccountLogin: ptr("acme")}, 0)
			wantCellAllowed(t, c, c.manage, platform.PermIntegrationsManage, "update (no change)", err)
			_, err = f.svc.UpdateGitHubInstallation(f.ctx, c.caller, ws.Slug, ref, service.GitHubInstallationPatch{AccountLogin: ptr("acme-2")}, 0)
			wantCellAllowed(t, c, c.manage, platform.PermIntegrationsManage, "update", err)
			err = f.svc.DeleteGitHubInstallation(f.ctx, c.caller, ws.Slug, ref, 0)
			wantCellAllowed(t, c, c.manage, platform.PermIntegrationsManage, "delete", err)
			_, err = f.svc.CreateGitHubInstallation(service.WithValidateOnly(f.ctx), c.caller, ws.Slug, githubInput(9999))
			wantCellAllowed(t, c, c.manage, platform.PermIntegrationsManage, "dry-run create", err)
			// Only the platform administrator suspends.
			_, err = f.svc.SuspendGitHubInstallation(f.ctx, c.caller, "ghi_any")
			wantCode(t, err, platform.CodePermissionDenied, "platform administrator")
		})
	}
}

func TestGitHubInstallation_CreateUpdateAndRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	g := f.githubInstallation(tm.ws, tm.owner, 12345678)
	if g.Status != platform.GitHubActive || !slices.Equal(g.Repositories, []string{"acme/api", "acme/web"}) || g.Version != 1 {
		t.Fatalf("created: %+v", g)
	}
	// By id and by GitHub's id; anything else is not found.
	for _, ref := range []string{g.ID, "12345678"} {
		got, err := f.svc.GetGitHubInstallation(f.ctx, tm.viewer, tm.ws.Slug, ref)
		must(t, err)
		if got.ID != g.ID {
			t.Errorf("get %s: %+v", ref, got)
		}
	}
	for _, ref := range []string{"12345679", "ghi_missing", "acme", "0", "-12345678", "1e3"} {
		_, err := f.svc.GetGitHubInstallation(f.ctx, tm.viewer, tm.ws.Slug, ref)
		wantCode(t, err, platform.CodeNotFound)
	}
	// One GitHub installation, one workspace: 409 in another workspace, and in the same.
	other := f.workspace(tm.owner, platform.PlanPro)
	_, err := f.svc.CreateGitHubInstallation(f.ctx, tm.owner, other.Slug, githubInput(12345678))
	wantCode(t, err, platform.CodeAlreadyExists, "12345678")
	_, err = f.svc.CreateGitHubInstallation(service.WithValidateOnly(f.ctx), tm.owner, other.Slug, githubInput(12345678))
	wantCode(t, err, platform.CodeAlreadyExists)
	// installation_id never changes; unchanged it is accepted, and the same set of repositories
	// in another order is no change.
	_, err = f.svc.UpdateGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID,
		service.GitHubInstallationPatch{InstallationID: ptr(int64(1))}, 0)
	wantFields(t, err, "installation_id")
	same, err := f.svc.UpdateGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, service.GitHubInstallationPatch{
		InstallationID: ptr(int64(12345678)), Repositories: &[]string{"acme/web", "acme/api"}}, 0)
	must(t, err)
	if same.Version != 1 {
		t.Errorf("an unchanged patch made version %d", same.Version)
	}
	// "all" without repositories clears them; "selected" needs them.
	all, err := f.svc.UpdateGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, service.GitHubInstallationPatch{
		RepositorySelection: ptr(platform.RepositorySelectionAll), AccountType: ptr(platform.GitHubAccountUser)}, 1)
	must(t, err)
	if len(all.Repositories) != 0 || all.Version != 2 || all.AccountType != platform.GitHubAccountUser {
		t.Errorf("selection all: %+v", all)
	}
	_, err = f.svc.UpdateGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, service.GitHubInstallationPatch{
		RepositorySelection: ptr(platform.RepositorySelectionSelected)}, 0)
	wantFields(t, err, "repositories")
	_, err = f.svc.UpdateGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, service.GitHubInstallationPatch{
		Repositories: &[]string{"acme/web"}}, 0)
	wantFields(t, err, "repositories")
	_, err = f.svc.UpdateGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, service.GitHubInstallationPatch{
		AccountLogin: ptr("-bad")}, 2)
	wantFields(t, err, "account_login")
	_, err = f.svc.UpdateGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, service.GitHubInstallationPatch{
		AccountLogin: ptr("acme")}, 1)
	wantCode(t, err, platform.CodeAborted)
	_, err = f.svc.CreateGitHubInstallation(f.ctx, tm.owner, tm.ws.Slug, service.GitHubInstallationInput{
		AccountType: "Team", RepositorySelection: "some", Repositories: []string{"x", "x"}})
	wantFields(t, err, "installation_id", "account_login", "account_type", "repository_selection", "repositories[0]",
		"repositories[1]", "repositories[1]")
	// Quota: the free plan allows one.
	free := f.workspace(tm.owner, platform.PlanFree)
	f.githubInstallation(free, tm.owner, 1)
	_, err = f.svc.CreateGitHubInstallation(f.ctx, tm.owner, free.Slug, githubInput(2))
	wantCode(t, err, platform.CodeQuotaExceeded, string(platform.PlanFree), "GitHub App installation")
}

func TestGitHubInstallation_SuspendIsThePlatformAdministrators(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	g := f.githubInstallation(tm.ws, tm.owner, 77)
	_, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	for _, caller := range []*platform.Principal{tm.owner, tm.admin, key} {
		_, err := f.svc.SuspendGitHubInstallation(f.ctx, caller, g.ID)
		wantCode(t, err, platform.CodePermissionDenied, "platform administrator")
		_, err = f.svc.UnsuspendGitHubInstallation(f.ctx, caller, g.ID)
		wantCode(t, err, platform.CodePermissionDenied)
	}
	_, err := f.svc.SuspendGitHubInstallation(f.ctx, f.admin, "77") // the ghi_ id only
	wantCode(t, err, platform.CodeNotFound)
	dry, err := f.svc.SuspendGitHubInstallation(service.WithValidateOnly(f.ctx), f.admin, g.ID)
	must(t, err)
	if dry.Status != platform.GitHubSuspended {
		t.Errorf("dry run: %+v", dry)
	}
	before := len(f.auditEvents(tm.ws, tm.owner))
	s, err := f.svc.SuspendGitHubInstallation(f.ctx, f.admin, g.ID)
	must(t, err)
	if s.Status != platform.GitHubSuspended || s.Version != 2 {
		t.Fatalf("suspended: %+v", s)
	}
	again, err := f.svc.SuspendGitHubInstallation(f.ctx, f.admin, g.ID)
	must(t, err)
	if again.Version != 2 {
		t.Errorf("suspending again changed it: %+v", again)
	}
	u, err := f.svc.UnsuspendGitHubInstallation(f.ctx, f.admin, g.ID)
	must(t, err)
	if u.Status != platform.GitHubActive || u.Version != 3 {
		t.Errorf("unsuspended: %+v", u)
	}
	var got []string
	for _, e := range f.auditEvents(tm.ws, tm.owner)[before:] {
		got = append(got, e.Action+" "+e.Target+" "+e.Actor)
	}
	want := []string{"github_installation.suspend " + g.ID + " " + f.admin.UserID,
		"github_installation.unsuspend " + g.ID + " " + f.admin.UserID}
	if !slices.Equal(got, want) {
		t.Errorf("audit events: %q, want %q", got, want)
	}
}

func TestGitHubInstallation_DeleteRefusedWhileDeploymentsUseIt(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	g := f.githubInstallation(tm.ws, tm.owner, 31337)
	cls := f.clusterForUsers(tm.ws, tm.owner)
	prj := f.project(tm.ws, tm.owner)
	dep := f.deploymentUsing(prj, cls, "frontend", &platform.DeploymentSource{GitHubInstallationID: g.ID,
		Repository: "acme/web", Branch: "main"})
	err := f.svc.DeleteGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, "31337", 0)
	wantCode(t, err, platform.CodeFailedPrecondition, "31337", "deployment "+prj.Slug+"/frontend")
	session := "plan-ghi-0001"
	_, err = f.svc.DeclarePlannedDeletes(f.ctx, tm.admin, session, service.PlannedDeletesInput{WorkspaceID: tm.ws.ID,
		Deletes: []service.PlannedTarget{{Kind: platform.PlannedDeployment, TargetID: dep.ID}}})
	must(t, err)
	must(t, f.svc.DeleteGitHubInstallation(service.WithPlanSession(service.WithValidateOnly(f.ctx), session),
		tm.admin, tm.ws.Slug, g.ID, 0))
	wantCode(t, f.svc.DeleteGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, 0), platform.CodeFailedPrecondition)
	wantCode(t, f.svc.DeleteGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, 5), platform.CodeAborted)

	before := len(f.auditEvents(tm.ws, tm.owner))
	must(t, f.store.Update(f.ctx, func(tx platform.Tx) error { return tx.DeleteDeployment(tm.ws.ID, dep.ID) }))
	must(t, f.svc.DeleteGitHubInstallation(f.ctx, tm.admin, tm.ws.Slug, g.ID, 1))
	events := f.auditEvents(tm.ws, tm.owner)[before:]
	if len(events) != 1 || events[0].Action != "github_installation.delete" || events[0].Target != g.ID {
		t.Errorf("audit events: %+v", events)
	}
	_, err = f.svc.GetGitHubInstallation(f.ctx, tm.owner, tm.ws.Slug, g.ID)
	wantCode(t, err, platform.CodeNotFound)
}
