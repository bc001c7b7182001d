package httpapi

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Installations (docs/platform.md section 11): handlers translate only.

func listInstallations(c *call) (any, error) {
	p, err := c.svc.ListInstallations(c.ctx, c.caller, c.path("ws"), c.list)
	return listed(c, p, err)
}

func createInstallation(c *call) (any, error) {
	var in service.InstallationInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateInstallation(c.ctx, c.caller, c.path("ws"), in)
}

func getInstallation(c *call) (any, error) {
	return c.svc.GetInstallation(c.ctx, c.caller, c.path("ws"), c.path("inst"))
}

func updateInstallation(c *call) (any, error) {
	var in service.InstallationPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateInstallation(c.ctx, c.caller, c.path("ws"), c.path("inst"), in, c.ifVersion)
}

func deleteInstallation(c *call) (any, error) {
	return c.svc.DeleteInstallation(c.ctx, c.caller, c.path("ws"), c.path("inst"), c.ifVersion)
}

func listInstallationPackages(c *call) (any, error) {
	return c.svc.ListInstallationPackages(c.ctx, c.caller, c.path("ws"), c.path("inst"))
}

// installationOut is an installation with the operation changing it ("" when the change was
// immediate).
type installationOut struct {
	*platform.Installation
	OperationID string `json:"operation_id"`
}
