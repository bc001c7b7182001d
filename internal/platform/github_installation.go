package platform

import (
	"regexp"
)

// GitHub App installation statuses, and the values of its fields.
const (
	GitHubActive    = "active"
	GitHubSuspended = "suspended"

	GitHubAccountUser         = "User"
	GitHubAccountOrganization = "Organization"

	RepositorySelectionAll      = "all"
	RepositorySelectionSelected = "selected"

	// MaxGitHubRepositories bounds the repositories of a "selected" installation.
	MaxGitHubRepositories = 1000
)

var (
	githubLoginRegexp = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`)
	// RepositoryPattern is a repository "owner/name".
	RepositoryPattern = `^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}$`
	repositoryRegexp  = regexp.MustCompile(RepositoryPattern)
)

// GitHubInstallation is a workspace's connection to one installation of the platform's GitHub
// App, for automated deployments (docs/platform.md section 11).
type GitHubInstallation struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	// InstallationID is GitHub's id of the installation; one workspace per GitHub installation.
	InstallationID      int64    `json:"installation_id"`
	AccountLogin        string   `json:"account_login"`
	AccountType         string   `json:"account_type"`
	RepositorySelection string   `json:"repository_selection"`
	Repositories        []string `json:"repositories"`
	Status              string   `json:"status"`
	Meta
}

// Validate checks a GitHub App installation's own fields.
func (g *GitHubInstallation) Validate() error {
	var v Violations
	if g.InstallationID < 1 {
		v.Add("installation_id", "must be GitHub's installation id, an integer of at least 1")
	}
	if !githubLoginRegexp.MatchString(g.AccountLogin) {
		v.Add("account_login", "must be a GitHub login: 1-39 letters, digits and single hyphens, not starting with a hyphen")
	}
	ValidateEnum(&v, "account_type", g.AccountType, GitHubAccountUser, GitHubAccountOrganization)
	ValidateEnum(&v, "repository_selection", g.RepositorySelection, RepositorySelectionAll, RepositorySelectionSelected)
	switch {
	case g.RepositorySelection == RepositorySelectionSelected && len(g.Repositories) == 0:
		v.Add("repositories", "is required when repository_selection is selected")
	case g.RepositorySelection == RepositorySelectionAll && len(g.Repositories) > 0:
		v.Add("repositories", "must be empty when repository_selection is all")
	case len(g.Repositories) > MaxGitHubRepositories:
		v.Addf("repositories", "must name at most %d repositories", MaxGitHubRepositories)
	}
	seen := map[string]bool{}
	for i, r := range g.Repositories {
		f := "repositories[" + itoa(i) + "]"
		ValidateRepository(&v, f, r)
		if seen[r] {
			v.Addf(f, "%s is named twice", r)
		}
		seen[r] = true
	}
	return v.Err()
}

// ValidateRepository checks a repository "owner/name".
func ValidateRepository(v *Violations, field, s string) {
	if !repositoryRegexp.MatchString(s) {
		v.Add(field, `must be a GitHub repository "owner/name"`)
	}
}

// CanAccess reports whether the installation reaches repository ("owner/name").
func (g *GitHubInstallation) CanAccess(repository string) bool {
	if g.RepositorySelection == RepositorySelectionAll {
		return true
	}
	for _, r := range g.Repositories {
		if r == repository {
			return true
		}
	}
	return false
}
