package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Deployment statuses.
const (
	DeploymentDeploying = "deploying"
	DeploymentRunning   = "running"
	DeploymentStopped   = "stopped"
	DeploymentFailed    = "failed"
	DeploymentDeleting  = "deleting"
)

// Operation kinds of deployments.
const (
	OperationDeploymentCreate   = "deployment.create"
	OperationDeploymentUpdate   = "deployment.update"
	OperationDeploymentRedeploy = "deployment.redeploy"
	OperationDeploymentDelete   = "deployment.delete"
)

// ErrDeploymentFailed is returned (wrapped) by DeploymentsService.WaitForStatus when the
// deployment's revision ends up "failed" and that was not one of the awaited statuses. The
// revision's operation (and the deployment's log) has the reason.
var ErrDeploymentFailed = errors.New("platform: deployment failed")

// DeploymentSource is the GitHub repository and branch a deployment follows: every push to the
// branch makes a new revision.
type DeploymentSource struct {
	// GitHubInstallationID is the id (ghi_...) of one of the workspace's GitHub App installations.
	GitHubInstallationID string `json:"github_installation_id"`
	Repository           string `json:"repository"` // "owner/name"
	Branch               string `json:"branch"`
}

// Deployment is a project's application (a container image) running on a cluster, with
// revisions and logs.
type Deployment struct {
	ID          string            `json:"id"`
	WorkspaceID string            `json:"workspace_id"`
	ProjectID   string            `json:"project_id"`
	Name        string            `json:"name"`
	ClusterID   string            `json:"cluster_id"`
	Image       string            `json:"image"`
	Replicas    int               `json:"replicas"`
	Env         map[string]string `json:"env"`
	Secrets     []string          `json:"secrets"`
	Source      *DeploymentSource `json:"source"`
	Status      string            `json:"status"`
	// Revision is 1 on create and grows with every change of image, replicas, env, secrets or
	// source, every redeploy and every push to the source.
	Revision int64 `json:"revision"`
	// CommitSHA is, with a source, the last commit pushed (empty before the first push).
	CommitSHA string `json:"commit_sha"`
	// URL is where the deployment answers, fixed at creation.
	URL string `json:"url"`
	Meta
}

// DeploymentCreateOptions create a deployment. Replicas defaults to 1 when nil; 0 stops it.
type DeploymentCreateOptions struct {
	Name      string            `json:"name"`
	ClusterID string            `json:"cluster_id"`
	Image     string            `json:"image"`
	Replicas  *int              `json:"replicas,omitempty"`
	Env       map[string]string `json:"env,omitempty"`
	Secrets   []string          `json:"secrets,omitempty"`
	Source    *DeploymentSource `json:"source,omitempty"`
}

// DeploymentUpdateOptions change a deployment; nil fields stay. A new name alone changes at
// once; any other change makes a new revision. A pointer to an empty DeploymentSource removes
// the source. ClusterID is accepted only unchanged: moving needs a new deployment.
type DeploymentUpdateOptions struct {
	Name      *string            `json:"name,omitempty"`
	ClusterID *string            `json:"cluster_id,omitempty"`
	Image     *string            `json:"image,omitempty"`
	Replicas  *int               `json:"replicas,omitempty"`
	Env       *map[string]string `json:"env,omitempty"`
	Secrets   *[]string          `json:"secrets,omitempty"`
	Source    *DeploymentSource  `json:"source,omitempty"`
	IfVersion int64              `json:"-"`
}

// DeploymentList is a page of deployments.
type DeploymentList = Page[Deployment]

// DeploymentLogLine is one lifecycle line of a deployment's log (never a secret's value).
type DeploymentLogLine struct {
	At       time.Time `json:"at"`
	Revision int64     `json:"revision"`
	Message  string    `json:"message"`
}

// DeploymentLogs is the answer of the logs endpoint.
type DeploymentLogs struct {
	Lines []DeploymentLogLine `json:"lines"`
}

// DeploymentLogsOptions select log lines: at or after Since (zero: from the start), at most
// Limit (1-1000; 0 means the server's default, 100).
type DeploymentLogsOptions struct {
	Since time.Time
	Limit int
}

// deploymentChange is the answer of an asynchronous deployment call: the deployment plus the
// operation finishing it.
type deploymentChange struct {
	Deployment
	OperationID string `json:"operation_id"`
}

// DeploymentsService manages /v1/workspaces/{ws}/projects/{prj}/deployments. Workspaces,
// projects and deployments are named by id or slug/name.
type DeploymentsService struct{ c *Client }

func deploymentPath(ws, prj string, rest ...any) (string, error) {
	return path(append([]any{"workspaces", seg{"workspace", ws}, "projects", seg{"project", prj}, "deployments"}, rest...)...)
}

// Create starts a deployment. It returns the deployment (status "deploying", revision 1) and
// the id of the operation to wait for (Operations.Wait), or use WaitForStatus.
func (s *DeploymentsService) Create(ctx context.Context, ws, prj string, opts DeploymentCreateOptions) (*Deployment, string, error) {
	p, err := deploymentPath(ws, prj)
	return splitDeploymentChange(sendJSON[deploymentChange](ctx, s.c, http.MethodPost, p, err, opts, 0))
}

// Get reads a deployment by id or name.
func (s *DeploymentsService) Get(ctx context.Context, ws, prj, dep string) (*Deployment, error) {
	p, err := deploymentPath(ws, prj, seg{"deployment", dep})
	return getJSON[Deployment](ctx, s.c, p, err, nil)
}

// List returns one page of a project's deployments.
func (s *DeploymentsService) List(ctx context.Context, ws, prj string, opts ListOptions) (*DeploymentList, error) {
	p, err := deploymentPath(ws, prj)
	return listPage[Deployment](ctx, s.c, p, err, opts)
}

// Refresh reads a deployment like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *DeploymentsService) Refresh(ctx context.Context, ws, prj, dep string) (*Deployment, error) {
	p, err := deploymentPath(ws, prj)
	return refresh(ctx, s.c, p, err, dep, func(x *Deployment) []string { return []string{x.ID} },
		func() (*Deployment, error) { return s.Get(ctx, ws, prj, dep) })
}

// All iterates over all of a project's deployments.
func (s *DeploymentsService) All(ctx context.Context, ws, prj string) iter.Seq2[*Deployment, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*DeploymentList, error) { return s.List(ctx, ws, prj, o) })
}

// Update changes a deployment. The operation id is empty when the change was immediate (a
// new name alone); otherwise the deployment is "deploying" its new revision until the
// operation ends.
func (s *DeploymentsService) Update(ctx context.Context, ws, prj, dep string, opts DeploymentUpdateOptions) (*Deployment, string, error) {
	p, err := deploymentPath(ws, prj, seg{"deployment", dep})
	return splitDeploymentChange(sendJSON[deploymentChange](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion))
}

// Redeploy makes a new revision with no change (to pick up new secret values) and returns the
// deployment ("deploying") with the operation id.
func (s *DeploymentsService) Redeploy(ctx context.Context, ws, prj, dep string) (*Deployment, string, error) {
	p, err := deploymentPath(ws, prj, seg{"deployment", dep}, "redeploy")
	return splitDeploymentChange(sendJSON[deploymentChange](ctx, s.c, http.MethodPost, p, err, struct{}{}, 0))
}

// Delete starts deleting a deployment and returns it (status "deleting") with the operation
// id; ifVersion, when non-zero, is sent as If-Match. WaitUntilDeleted waits for it to be gone.
func (s *DeploymentsService) Delete(ctx context.Context, ws, prj, dep string, ifVersion int64) (*Deployment, string, error) {
	p, err := deploymentPath(ws, prj, seg{"deployment", dep})
	if err != nil {
		return nil, "", err
	}
	out := new(deploymentChange)
	if err := s.c.do(ctx, call{method: http.MethodDelete, path: p, ifVersion: ifVersion}, out); err != nil {
		return nil, "", err
	}
	if out.ID == "" && out.Name == "" {
		return nil, out.OperationID, nil // a bodiless answer: nothing to show
	}
	return &out.Deployment, out.OperationID, nil
}

// Logs reads a deployment's log lines, oldest first.
func (s *DeploymentsService) Logs(ctx context.Context, ws, prj, dep string, opts DeploymentLogsOptions) ([]DeploymentLogLine, error) {
	p, err := deploymentPath(ws, prj, seg{"deployment", dep}, "logs")
	q := url.Values{}
	if !opts.Since.IsZero() {
		q.Set("since", opts.Since.UTC().Format(time.RFC3339Nano))
	}
	if opts.Limit != 0 {
		q.Set("limit", strconv.Itoa(opts.Limit))
	}
	out, err := getJSON[DeploymentLogs](ctx, s.c, p, err, q)
	if err != nil {
		return nil, err
	}
	if out.Lines == nil {
		out.Lines = []DeploymentLogLine{}
	}
	return out.Lines, nil
}

func splitDeploymentChange(ch *deploymentChange, err error) (*Deployment, string, error) {
	if err != nil {
		return nil, "", err
	}
	return &ch.Deployment, ch.OperationID, nil
}

// WaitForStatus polls a deployment until its status is one of status (typically
// DeploymentRunning and DeploymentStopped) and returns it. If its revision fails instead, it
// returns the deployment and an error wrapping ErrDeploymentFailed. It waits until ctx ends:
// give ctx a deadline.
func (s *DeploymentsService) WaitForStatus(ctx context.Context, ws, prj, dep string, status ...string) (*Deployment, error) {
	if len(status) == 0 {
		return nil, fmt.Errorf("platform client: WaitForStatus needs at least one status: %w", ErrInvalidArgument)
	}
	var last *Deployment
	err := s.c.poll(ctx, fmt.Sprintf("deployment %s to be %s", dep, strings.Join(status, " or ")),
		func(ctx context.Context) (bool, string, error) {
			d, err := s.Get(ctx, ws, prj, dep)
			if err != nil {
				return false, "", err
			}
			last = d
			switch {
			case slices.Contains(status, d.Status):
				return true, d.Status, nil
			case d.Status == DeploymentFailed:
				return false, d.Status, fmt.Errorf("platform client: deployment %s (%s) revision %d is %s while waiting for %s: %w",
					d.Name, d.ID, d.Revision, d.Status, strings.Join(status, " or "), ErrDeploymentFailed)
			}
			return false, d.Status, nil
		})
	return last, err
}

// WaitUntilDeleted polls a deployment until the server no longer has it (404). It waits until
// ctx ends: give ctx a deadline.
func (s *DeploymentsService) WaitUntilDeleted(ctx context.Context, ws, prj, dep string) error {
	return s.c.poll(ctx, fmt.Sprintf("deployment %s to be deleted", dep), func(ctx context.Context) (bool, string, error) {
		d, err := s.Get(ctx, ws, prj, dep)
		if errors.Is(err, ErrNotFound) {
			return true, "deleted", nil
		}
		if err != nil {
			return false, "", err
		}
		return false, d.Status, nil
	})
}
