package httpapi

import "github.com/platform-iac/terraform-provider-platform/internal/platform/service"

// Secrets (docs/platform.md section 11): answers never hold the value.

func listSecrets(c *call) (any, error) {
	p, err := c.svc.ListSecrets(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createSecret(c *call) (any, error) {
	var in service.SecretInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateSecret(c.ctx, c.caller, c.path("ws"), in)
}

func getSecret(c *call) (any, error) {
	return c.svc.GetSecret(c.ctx, c.caller, c.path("ws"), c.path("secret"))
}

func updateSecret(c *call) (any, error) {
	var in service.SecretPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateSecret(c.ctx, c.caller, c.path("ws"), c.path("secret"), in, c.ifVersion)
}

func deleteSecret(c *call) (any, error) {
	return nil, c.svc.DeleteSecret(c.ctx, c.caller, c.path("ws"), c.path("secret"), c.ifVersion)
}
