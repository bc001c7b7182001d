package client

import (
	"context"
	"iter"
	"net/http"
)

// GitHub App installations: account types, repository selections and statuses.
const (
	GitHubAccountUser         = "User"
	GitHubAccountOrganization = "Organization"

	RepositorySelectionAll      = "all"
	RepositorySelectionSelected = "selected"

	GitHubActive    = "active"
	GitHubSuspended = "suspended"
)

// GitHubInstallation is a workspace's connection to one installation of the platform's GitHub
// App. Repositories (sorted) are set exactly when RepositorySelection is "selected".
type GitHubInstallation struct {
	ID                  string   `json:"id"`
	WorkspaceID         string   `json:"workspace_id"`
	InstallationID      int64    `json:"installation_id"`
	AccountLogin        string   `json:"account_login"`
	AccountType         string   `json:"account_type"`
	RepositorySelection string   `json:"repository_selection"`
	Repositories        []string `json:"repositories"`
	Status              string   `json:"status"`
	Meta
}

// GitHubInstallationCreateOptions connect a GitHub App installation (GitHub's InstallationID, at
// most one workspace per installation).
type GitHubInstallationCreateOptions struct {
	InstallationID      int64    `json:"installation_id"`
	AccountLogin        string   `json:"account_login"`
	AccountType         string   `json:"account_type"`
	RepositorySelection string   `json:"repository_selection"`
	Repositories        []string `json:"repositories,omitempty"`
}

// GitHubInstallationUpdateOptions change a connection; nil fields stay. InstallationID is
// accepted only unchanged; RepositorySelection "all" without Repositories clears them.
type GitHubInstallationUpdateOptions struct {
	InstallationID      *int64    `json:"installation_id,omitempty"`
	AccountLogin        *string   `json:"account_login,omitempty"`
	AccountType         *string   `json:"account_type,omitempty"`
	RepositorySelection *string   `json:"repository_selection,omitempty"`
	Repositories        *[]string `json:"repositories,omitempty"`
	IfVersion           int64     `json:"-"`
}

// GitHubInstallationList is a page of GitHub App installations.
type GitHubInstallationList = Page[GitHubInstallation]

// GitHubInstallationsService manages /v1/workspaces/{ws}/github-installations. Installations
// are named by id (ghi_...) or GitHub's numeric installation id.
type GitHubInstallationsService struct{ c *Client }

func githubInstallationPath(ws string, ghi ...string) (string, error) {
	parts := []any{"workspaces", seg{"workspace", ws}, "github-installations"}
	for _, g := range ghi {
		parts = append(parts, seg{"GitHub installation", g})
	}
	return path(parts...)
}

// Create connects a GitHub App installation to the workspace.
func (s *GitHubInstallationsService) Create(ctx context.Context, ws string, opts GitHubInstallationCreateOptions) (*GitHubInstallation, error) {
	p, err := githubInstallationPath(ws)
	return sendJSON[GitHubInstallation](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a connection by id or GitHub's installation id.
func (s *GitHubInstallationsService) Get(ctx context.Context, ws, ghi string) (*GitHubInstallation, error) {
	p, err := githubInstallationPath(ws, ghi)
	return getJSON[GitHubInstallation](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's GitHub App installations.
func (s *GitHubInstallationsService) List(ctx context.Context, ws string, opts ListOptions) (*GitHubInstallationList, error) {
	p, err := githubInstallationPath(ws)
	return listPage[GitHubInstallation](ctx, s.c, p, err, opts)
}

// Refresh reads a GitHub installation like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *GitHubInstallationsService) Refresh(ctx context.Context, ws, ghi string) (*GitHubInstallation, error) {
	p, err := githubInstallationPath(ws)
	return refresh(ctx, s.c, p, err, ghi, func(x *GitHubInstallation) []string { return []string{x.ID} },
		func() (*GitHubInstallation, error) { return s.Get(ctx, ws, ghi) })
}

// All iterates over all of a workspace's GitHub App installations.
func (s *GitHubInstallationsService) All(ctx context.Context, ws string) iter.Seq2[*GitHubInstallation, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*GitHubInstallationList, error) { return s.List(ctx, ws, o) })
}

// Update changes a connection's account or repositories.
func (s *GitHubInstallationsService) Update(ctx context.Context, ws, ghi string, opts GitHubInstallationUpdateOptions) (*GitHubInstallation, error) {
	p, err := githubInstallationPath(ws, ghi)
	return sendJSON[GitHubInstallation](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete disconnects a GitHub App installation (refused while deployments use it); ifVersion,
// when non-zero, is sent as If-Match.
func (s *GitHubInstallationsService) Delete(ctx context.Context, ws, ghi string, ifVersion int64) error {
	p, err := githubInstallationPath(ws, ghi)
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}

// Suspend simulates GitHub suspending the installation id (ghi_...). Platform administrator only.
func (s *GitHubInstallationsService) Suspend(ctx context.Context, id string) (*GitHubInstallation, error) {
	p, err := path("admin", "github-installations", seg{"GitHub installation", id}, "suspend")
	return sendJSON[GitHubInstallation](ctx, s.c, http.MethodPost, p, err, struct{}{}, 0)
}

// Unsuspend simulates GitHub restoring the installation id (ghi_...). Platform administrator only.
func (s *GitHubInstallationsService) Unsuspend(ctx context.Context, id string) (*GitHubInstallation, error) {
	p, err := path("admin", "github-installations", seg{"GitHub installation", id}, "unsuspend")
	return sendJSON[GitHubInstallation](ctx, s.c, http.MethodPost, p, err, struct{}{}, 0)
}
