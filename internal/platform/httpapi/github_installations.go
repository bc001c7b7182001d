package httpapi

import "github.com/platform-iac/terraform-provider-platform/internal/platform/service"

// GitHub App installations (docs/platform.md section 11), and the platform administrator's
// simulation of GitHub suspending and restoring them.

func listGitHubInstallations(c *call) (any, error) {
	p, err := c.svc.ListGitHubInstallations(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createGitHubInstallation(c *call) (any, error) {
	var in service.GitHubInstallationInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateGitHubInstallation(c.ctx, c.caller, c.path("ws"), in)
}

func getGitHubInstallation(c *call) (any, error) {
	return c.svc.GetGitHubInstallation(c.ctx, c.caller, c.path("ws"), c.path("ghi"))
}

func updateGitHubInstallation(c *call) (any, error) {
	var in service.GitHubInstallationPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateGitHubInstallation(c.ctx, c.caller, c.path("ws"), c.path("ghi"), in, c.ifVersion)
}

func deleteGitHubInstallation(c *call) (any, error) {
	return nil, c.svc.DeleteGitHubInstallation(c.ctx, c.caller, c.path("ws"), c.path("ghi"), c.ifVersion)
}

// The admin actions take no input: an empty body, or {}.
func suspendGitHubInstallation(c *call) (any, error) {
	var in struct{}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.SuspendGitHubInstallation(c.ctx, c.caller, c.path("ghi"))
}

func unsuspendGitHubInstallation(c *call) (any, error) {
	var in struct{}
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UnsuspendGitHubInstallation(c.ctx, c.caller, c.path("ghi"))
}
