package client

import "context"

// QuotaCounts are per-kind numbers: a plan's limits or a workspace's usage. A CustomRoles
// limit of 0 means custom roles are not allowed on the plan.
type QuotaCounts struct {
	Projects    int `json:"projects"`
	Members     int `json:"members"`
	APIKeys     int `json:"api_keys"`
	Regions     int `json:"regions"`
	Clusters    int `json:"clusters"`
	CustomRoles int `json:"custom_roles"`
}

// WorkspaceUsage is a workspace's plan, its limits and what it uses.
type WorkspaceUsage struct {
	Plan   Plan        `json:"plan"`
	Limits QuotaCounts `json:"limits"`
	Usage  QuotaCounts `json:"usage"`
}

// UsageService reads /v1/workspaces/{ws}/usage.
type UsageService struct{ c *Client }

// Get returns a workspace's limits and usage.
func (s *UsageService) Get(ctx context.Context, ws string) (*WorkspaceUsage, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "usage")
	return getJSON[WorkspaceUsage](ctx, s.c, p, err, nil)
}
