package client

import "context"

// QuotaCounts are per-kind numbers: a plan's limits or a workspace's usage. A CustomRoles
// limit of 0 means custom roles are not allowed on the plan.
type QuotaCounts struct {
	Projects            int `json:"projects"`
	Members             int `json:"members"`
	APIKeys             int `json:"api_keys"`
	Regions             int `json:"regions"`
	Clusters            int `json:"clusters"`
	CustomRoles         int `json:"custom_roles"`
	Products            int `json:"products"`
	Installations       int `json:"installations"`
	Deployments         int `json:"deployments"`
	Secrets             int `json:"secrets"`
	GitHubInstallations int `json:"github_installations"`
}

// QuotaLimits are a plan's limits.
type QuotaLimits struct {
	QuotaCounts
	// PaidListedProducts tells whether the plan allows listing products with a price.
	PaidListedProducts bool `json:"paid_listed_products"`
}

// QuotaUsage is what a workspace holds.
type QuotaUsage struct {
	QuotaCounts
	// PaidListedProducts counts its listed products with a price.
	PaidListedProducts int `json:"paid_listed_products"`
}

// WorkspaceUsage is a workspace's plan, its limits and what it uses.
type WorkspaceUsage struct {
	Plan   Plan        `json:"plan"`
	Limits QuotaLimits `json:"limits"`
	Usage  QuotaUsage  `json:"usage"`
}

// UsageService reads /v1/workspaces/{ws}/usage.
type UsageService struct{ c *Client }

// Get returns a workspace's limits and usage.
func (s *UsageService) Get(ctx context.Context, ws string) (*WorkspaceUsage, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "usage")
	return getJSON[WorkspaceUsage](ctx, s.c, p, err, nil)
}
