package sqlite

import (
	"strconv"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const githubInstallationCols = `g.seq, g.id, g.workspace_id, g.installation_id, g.account_login, g.account_type,
	g.repository_selection, g.repositories, g.status, g.created_at, g.updated_at, g.version`

func scanGitHubInstallation(s scanner, g *platform.GitHubInstallation) error {
	err := s.Scan(&g.Seq, &g.ID, &g.WorkspaceID, &g.InstallationID, &g.AccountLogin, &g.AccountType,
		&g.RepositorySelection, jsonCol{&g.Repositories}, &g.Status,
		timeCol{&g.CreatedAt}, timeCol{&g.UpdatedAt}, &g.Version)
	if g.Repositories == nil {
		g.Repositories = []string{}
	}
	return err
}

func (t *tx) CreateGitHubInstallation(g *platform.GitHubInstallation) error {
	repos, err := jsonText(g.Repositories, "[]")
	if err != nil {
		return fail("create github installation", err)
	}
	seq, err := t.insert("create github installation",
		`INSERT INTO github_installations (id, workspace_id, installation_id, account_login, account_type,
		 repository_selection, repositories, status, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{g.ID, g.WorkspaceID, g.InstallationID, g.AccountLogin, g.AccountType, g.RepositorySelection, repos,
			g.Status, formatTime(g.CreatedAt), formatTime(g.UpdatedAt), g.Version},
		taken(alreadyExists("GitHub installation %d is already connected to a workspace", g.InstallationID),
			`SELECT 1 FROM github_installations WHERE installation_id = ?`, g.InstallationID),
		taken(alreadyExists("github installation %q already exists", g.ID), `SELECT 1 FROM github_installations WHERE id = ?`, g.ID),
		missing(platform.NotFound("workspace", g.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, g.WorkspaceID),
	)
	if err != nil {
		return err
	}
	g.Seq = seq
	return nil
}

func (t *tx) GetGitHubInstallation(workspaceID, id string) (*platform.GitHubInstallation, error) {
	return one(t, "github installation", id, scanGitHubInstallation,
		`SELECT `+githubInstallationCols+` FROM github_installations g WHERE g.workspace_id = ? AND g.id = ?`, workspaceID, id)
}

func (t *tx) GetGitHubInstallationByGitHubID(workspaceID string, githubID int64) (*platform.GitHubInstallation, error) {
	return one(t, "github installation", itoa(githubID), scanGitHubInstallation,
		`SELECT `+githubInstallationCols+` FROM github_installations g WHERE g.workspace_id = ? AND g.installation_id = ?`,
		workspaceID, githubID)
}

func (t *tx) FindGitHubInstallation(id string, githubID int64) (*platform.GitHubInstallation, error) {
	if id != "" {
		return one(t, "github installation", id, scanGitHubInstallation,
			`SELECT `+githubInstallationCols+` FROM github_installations g WHERE g.id = ?`, id)
	}
	return one(t, "github installation", itoa(githubID), scanGitHubInstallation,
		`SELECT `+githubInstallationCols+` FROM github_installations g WHERE g.installation_id = ?`, githubID)
}

func (t *tx) ListGitHubInstallations(workspaceID string, page platform.Page) ([]platform.GitHubInstallation, error) {
	return many(t, "list github installations", page.Limit, scanGitHubInstallation,
		`SELECT `+githubInstallationCols+` FROM github_installations g WHERE g.workspace_id = ? AND g.seq > ?
		 ORDER BY g.seq LIMIT ?`, workspaceID, page.After, limit(page.Limit))
}

// UpdateGitHubInstallation writes what may change: GitHub's installation id is immutable.
func (t *tx) UpdateGitHubInstallation(g *platform.GitHubInstallation) error {
	repos, err := jsonText(g.Repositories, "[]")
	if err != nil {
		return fail("update github installation", err)
	}
	return t.update(row{kind: "github installation", ref: g.ID, table: "github_installations",
		where: "workspace_id = ? AND id = ?", args: []any{g.WorkspaceID, g.ID}}, g.Version,
		"account_login = ?, account_type = ?, repository_selection = ?, repositories = ?, status = ?, updated_at = ?, version = ?",
		[]any{g.AccountLogin, g.AccountType, g.RepositorySelection, repos, g.Status, formatTime(g.UpdatedAt), g.Version},
	)
}

func (t *tx) DeleteGitHubInstallation(workspaceID, id string) error {
	return t.remove(row{kind: "github installation", ref: id, table: "github_installations",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}},
		taken(platform.Errorf(platform.CodeFailedPrecondition, "github installation %q is still used by deployments", id),
			`SELECT 1 FROM deployments WHERE source_github_installation_id = ?`, id),
	)
}

func (t *tx) GitHubInstallationDependents(id string) (platform.Dependents, error) {
	deps, err := many(t, "github installation dependents", 0, scanString,
		`SELECT p.slug || '/' || d.name FROM deployments d JOIN projects p ON p.id = d.project_id
		 WHERE d.source_github_installation_id = ? ORDER BY d.seq`, id)
	if err != nil {
		return platform.Dependents{}, err
	}
	return platform.Dependents{Installations: []string{}, Deployments: deps}, nil
}

func (t *tx) RecordGitHubDelivery(deliveryID string, at time.Time) error {
	_, err := t.insert("record github delivery",
		`INSERT INTO github_deliveries (delivery_id, received_at) VALUES (?, ?) RETURNING 0`,
		[]any{deliveryID, formatTime(at)},
		taken(alreadyExists("GitHub delivery %q was already received", deliveryID),
			`SELECT 1 FROM github_deliveries WHERE delivery_id = ?`, deliveryID),
	)
	return err
}

func (t *tx) DeleteGitHubDeliveriesBefore(before time.Time) (int, error) {
	return t.deleteOlder("delete github deliveries", `DELETE FROM github_deliveries WHERE received_at < ?`, before)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
