package service

import (
	"context"
	"slices"
	"strconv"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// GitHubInstallationInput connects one installation of the platform's GitHub App to a
// workspace. Repositories are given exactly when RepositorySelection is "selected".
type GitHubInstallationInput struct {
	InstallationID      int64    `json:"installation_id"`
	AccountLogin        string   `json:"account_login"`
	AccountType         string   `json:"account_type"`
	RepositorySelection string   `json:"repository_selection"`
	Repositories        []string `json:"repositories,omitempty"`
}

// GitHubInstallationPatch changes a connection; nil fields stay. InstallationID is accepted only
// unchanged. A RepositorySelection of "all" without Repositories clears the repositories.
type GitHubInstallationPatch struct {
	InstallationID      *int64    `json:"installation_id,omitempty"`
	AccountLogin        *string   `json:"account_login,omitempty"`
	AccountType         *string   `json:"account_type,omitempty"`
	RepositorySelection *string   `json:"repository_selection,omitempty"`
	Repositories        *[]string `json:"repositories,omitempty"`
}

// sortedRepositories keeps repositories as a set: sorted, so that the same set in another order
// is no change. Never nil.
func sortedRepositories(rs []string) []string {
	out := slices.Clone(rs)
	if out == nil {
		out = []string{}
	}
	slices.Sort(out)
	return out
}

// githubInstallationByRef finds a workspace's connection by its ghi_ id or GitHub's numeric
// installation id.
func (t *txn) githubInstallationByRef(w *wsScope, ref string) (*platform.GitHubInstallation, error) {
	var (
		g   *platform.GitHubInstallation
		err error
	)
	if platform.HasIDPrefix(ref, platform.PrefixGitHubInstallation) {
		g, err = t.GetGitHubInstallation(w.ws.ID, ref)
	} else if n, perr := strconv.ParseInt(ref, 10, 64); perr == nil && n > 0 {
		g, err = t.GetGitHubInstallationByGitHubID(w.ws.ID, n)
	} else {
		err = platform.NotFound("github installation", ref)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.NotFound("GitHub App installation", ref)
	}
	return g, err
}

func (t *txn) githubInstallationFor(ref, ghi string, perm platform.Permission) (*wsScope, *platform.GitHubInstallation, error) {
	w, err := t.workspaceRequiring(ref, perm)
	if err != nil {
		return nil, nil, err
	}
	g, err := t.githubInstallationByRef(w, ghi)
	return w, g, err
}

// CreateGitHubInstallation connects a GitHub App installation to the workspace (active). One
// GitHub installation is connected to at most one workspace.
func (s *Service) CreateGitHubInstallation(ctx context.Context, caller *platform.Principal, ref string, in GitHubInstallationInput) (*platform.GitHubInstallation, error) {
	g := &platform.GitHubInstallation{ID: platform.NewID(platform.PrefixGitHubInstallation), InstallationID: in.InstallationID,
		AccountLogin: in.AccountLogin, AccountType: in.AccountType, RepositorySelection: in.RepositorySelection,
		Repositories: sortedRepositories(in.Repositories), Status: platform.GitHubActive}
	if err := g.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.GitHubInstallation, error) {
		w, err := t.workspaceRequiring(ref, platform.PermIntegrationsManage)
		if err != nil {
			return nil, err
		}
		if err := t.checkCreate(w.ws, platform.QuotaGitHubInstallations, platform.PlannedKey("", strconv.FormatInt(g.InstallationID, 10))); err != nil {
			return nil, err
		}
		g.WorkspaceID = w.ws.ID
		g.Stamp(t.now)
		if err := t.CreateGitHubInstallation(g); err != nil {
			return nil, err
		}
		return g, t.audit(w.ws.ID, "", "github_installation.create", g.ID)
	})
}

// GetGitHubInstallation reads a connection by its id or GitHub's installation id.
func (s *Service) GetGitHubInstallation(ctx context.Context, caller *platform.Principal, ref, ghi string) (*platform.GitHubInstallation, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.GitHubInstallation, error) {
		_, g, err := t.githubInstallationFor(ref, ghi, platform.PermIntegrationsRead)
		return g, err
	})
}

// ListGitHubInstallations lists a workspace's GitHub App installations.
func (s *Service) ListGitHubInstallations(ctx context.Context, caller *platform.Principal, ref string, opts ListOptions) (Page[platform.GitHubInstallation], error) {
	return listInWorkspace(ctx, s, caller, ref, platform.PermIntegrationsRead, opts, (*txn).ListGitHubInstallations,
		func(x *platform.GitHubInstallation) int64 { return x.Seq })
}

// UpdateGitHubInstallation changes the account or the repositories of a connection.
func (s *Service) UpdateGitHubInstallation(ctx context.Context, caller *platform.Principal, ref, ghi string, in GitHubInstallationPatch, ifVersion int64) (*platform.GitHubInstallation, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.GitHubInstallation, error) {
		w, cur, err := t.githubInstallationFor(ref, ghi, platform.PermIntegrationsManage)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("GitHub App installation", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		if in.InstallationID != nil && *in.InstallationID != cur.InstallationID {
			return nil, invalid("installation_id", "cannot be changed: connect the other GitHub installation as a new one")
		}
		g := *cur
		setIf(&g.AccountLogin, in.AccountLogin)
		setIf(&g.AccountType, in.AccountType)
		setIf(&g.RepositorySelection, in.RepositorySelection)
		switch {
		case in.Repositories != nil:
			g.Repositories = sortedRepositories(*in.Repositories)
		case g.RepositorySelection == platform.RepositorySelectionAll:
			g.Repositories = []string{}
		}
		if err := g.Validate(); err != nil {
			return nil, err
		}
		if unchanged(&g, cur) {
			return cur, nil
		}
		g.Touch(t.now)
		if err := t.UpdateGitHubInstallation(&g); err != nil {
			return nil, err
		}
		return &g, t.audit(w.ws.ID, "", "github_installation.update", g.ID)
	})
}

// DeleteGitHubInstallation disconnects a GitHub App installation that no deployment builds from.
func (s *Service) DeleteGitHubInstallation(ctx context.Context, caller *platform.Principal, ref, ghi string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		w, g, err := t.githubInstallationFor(ref, ghi, platform.PermIntegrationsManage)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedGitHubInstallation, w.ws.ID, g.ID)
		if err := checkVersion("GitHub App installation", g.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		deps, err := t.GitHubInstallationDependents(g.ID)
		if err != nil {
			return struct{}{}, err
		}
		if deps, err = t.dependentsLeft(w.ws.ID, deps); err != nil {
			return struct{}{}, err
		}
		if !deps.None() {
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"GitHub App installation %d is used by %s: change or delete their source first", g.InstallationID, usedBy(deps))
		}
		if err := t.DeleteGitHubInstallation(w.ws.ID, g.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "github_installation.delete", g.ID)
	})
	return err
}

// SuspendGitHubInstallation simulates GitHub suspending an installation (platform administrator
// only): its pushes no longer deploy and deployments cannot newly use it.
func (s *Service) SuspendGitHubInstallation(ctx context.Context, caller *platform.Principal, id string) (*platform.GitHubInstallation, error) {
	return s.setGitHubInstallationStatus(ctx, caller, id, platform.GitHubSuspended, "github_installation.suspend")
}

// UnsuspendGitHubInstallation simulates GitHub restoring a suspended installation (platform
// administrator only).
func (s *Service) UnsuspendGitHubInstallation(ctx context.Context, caller *platform.Principal, id string) (*platform.GitHubInstallation, error) {
	return s.setGitHubInstallationStatus(ctx, caller, id, platform.GitHubActive, "github_installation.unsuspend")
}

// setGitHubInstallationStatus sets the status of the connection id (a ghi_ id, in any
// workspace). Setting the status it already has changes nothing.
func (s *Service) setGitHubInstallationStatus(ctx context.Context, caller *platform.Principal, id, status, action string) (*platform.GitHubInstallation, error) {
	if caller.IsAPIKey() || !caller.PlatformAdmin {
		return nil, platform.Errorf(platform.CodePermissionDenied,
			"only the platform administrator may suspend or unsuspend GitHub App installations")
	}
	return update(ctx, s, caller, func(t *txn) (*platform.GitHubInstallation, error) {
		var cur *platform.GitHubInstallation
		var err error = platform.NotFound("GitHub App installation", id)
		if platform.HasIDPrefix(id, platform.PrefixGitHubInstallation) {
			cur, err = t.FindGitHubInstallation(id, 0)
		}
		if platform.IsCode(err, platform.CodeNotFound) {
			return nil, platform.NotFound("GitHub App installation", id)
		}
		if err != nil {
			return nil, err
		}
		if cur.Status == status {
			return cur, nil
		}
		g := *cur
		g.Status = status
		g.Touch(t.now)
		if err := t.UpdateGitHubInstallation(&g); err != nil {
			return nil, err
		}
		return &g, t.audit(g.WorkspaceID, "", action, g.ID)
	})
}
