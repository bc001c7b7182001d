package client_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func TestGitHubInstallations(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	ctx := ctx(t)
	g := must(e.c.GitHubInstallations.Create(ctx, "acme", client.GitHubInstallationCreateOptions{InstallationID: 12345678,
		AccountLogin: "acme", AccountType: client.GitHubAccountOrganization, RepositorySelection: client.RepositorySelectionSelected,
		Repositories: []string{"acme/web", "acme/api"}}))(t)
	if !strings.HasPrefix(g.ID, "ghi_") || g.Status != client.GitHubActive || !slices.Equal(g.Repositories, []string{"acme/api", "acme/web"}) {
		t.Fatalf("created: %+v", g)
	}
	if got := must(e.c.GitHubInstallations.Get(ctx, "acme", "12345678"))(t); got.ID != g.ID {
		t.Fatalf("get by GitHub's id: %+v", got)
	}
	upd := must(e.c.GitHubInstallations.Update(ctx, "acme", g.ID, client.GitHubInstallationUpdateOptions{
		RepositorySelection: client.Ptr(client.RepositorySelectionAll), IfVersion: 1}))(t)
	if upd.RepositorySelection != client.RepositorySelectionAll || len(upd.Repositories) != 0 || upd.Version != 2 {
		t.Fatalf("update: %+v", upd)
	}
	if _, err := e.c.GitHubInstallations.Update(ctx, "acme", g.ID, client.GitHubInstallationUpdateOptions{
		InstallationID: client.Ptr(int64(1))}); !errors.Is(err, client.ErrInvalidArgument) {
		t.Fatalf("installation_id change: %v", err)
	}
	if _, err := e.c.GitHubInstallations.Suspend(ctx, g.ID); !errors.Is(err, client.ErrPermissionDenied) {
		t.Fatalf("owner suspends: %v", err)
	}
	admin := newClient(t, fastConfig(e.srv.URL, e.srv.AdminToken, e.log))
	if s := must(admin.GitHubInstallations.Suspend(ctx, g.ID))(t); s.Status != client.GitHubSuspended {
		t.Fatalf("suspend: %+v", s)
	}
	if s := must(admin.GitHubInstallations.Unsuspend(ctx, g.ID))(t); s.Status != client.GitHubActive || s.Version != 4 {
		t.Fatalf("unsuspend: %+v", s)
	}
	other := must(e.c.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: "other", Name: "Other"}))(t)
	if _, err := e.c.GitHubInstallations.Create(ctx, other.Slug, client.GitHubInstallationCreateOptions{InstallationID: 12345678,
		AccountLogin: "acme", AccountType: client.GitHubAccountUser, RepositorySelection: client.RepositorySelectionAll}); !errors.Is(err, client.ErrAlreadyExists) {
		t.Fatalf("connected twice: %v", err)
	}
	if list := must(client.Collect(e.c.GitHubInstallations.All(ctx, "acme")))(t); len(list) != 1 {
		t.Fatalf("list: %+v", list)
	}
	must(struct{}{}, e.c.GitHubInstallations.Delete(ctx, "acme", "12345678", 4))(t)
	if _, err := e.c.GitHubInstallations.Get(ctx, "acme", g.ID); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}
