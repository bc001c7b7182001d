package httpapi

import (
	"strconv"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// --- deployments (docs/platform.md section 11) ---

func listDeployments(c *call) (any, error) {
	p, err := c.svc.ListDeployments(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.list)
	return listed(c, p, err)
}

func createDeployment(c *call) (any, error) {
	var in service.DeploymentInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.CreateDeployment(c.ctx, c.caller, c.path("ws"), c.path("prj"), in)
}

func getDeployment(c *call) (any, error) {
	return c.svc.GetDeployment(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("dep"))
}

func updateDeployment(c *call) (any, error) {
	var in service.DeploymentPatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.UpdateDeployment(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("dep"), in, c.ifVersion)
}

func deleteDeployment(c *call) (any, error) {
	return c.svc.DeleteDeployment(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("dep"), c.ifVersion)
}

// redeployInput is the body of POST .../redeploy: nothing (an empty body or {}).
type redeployInput struct{}

func redeployDeployment(c *call) (any, error) {
	var in redeployInput
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	return c.svc.RedeployDeployment(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("dep"))
}

func getDeploymentLogs(c *call) (any, error) {
	var opts service.LogsOptions
	var v platform.Violations
	if c.query.Has("since") {
		if t := platform.ParseRFC3339(&v, "since", c.query.Get("since")); t != nil {
			opts.Since = *t
		} else if c.query.Get("since") == "" {
			v.Add("since", "must be an RFC 3339 time such as 2030-01-02T15:04:05Z")
		}
	}
	if c.query.Has("limit") {
		n, err := strconv.Atoi(c.query.Get("limit"))
		if err != nil || n < 1 || n > platform.MaxLogLines {
			v.Addf("limit", "must be an integer from 1 to %d", platform.MaxLogLines)
		}
		opts.Limit = n
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return c.svc.DeploymentLogs(c.ctx, c.caller, c.path("ws"), c.path("prj"), c.path("dep"), opts)
}

// deploymentOut is a deployment with the operation changing it ("" when the change was
// immediate).
type deploymentOut struct {
	*platform.Deployment
	OperationID string `json:"operation_id"`
}
