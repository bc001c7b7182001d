package service

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Deployments: a project's applications (docs/platform.md section 11). Every change of what
// runs (image, replicas, env, secrets, source), every redeploy and every push to the source is
// a new revision, finished asynchronously by an operation; the server writes lifecycle lines
// to the deployment's log.

// DeploymentInput creates a deployment. Replicas defaults to 1 (nil); 0 stops it.
type DeploymentInput struct {
	Name      string                     `json:"name"`
	ClusterID string                     `json:"cluster_id"`
	Image     string                     `json:"image"`
	Replicas  *int                       `json:"replicas,omitempty"`
	Env       map[string]string          `json:"env,omitempty"`
	Secrets   []string                   `json:"secrets,omitempty"`
	Source    *platform.DeploymentSource `json:"source,omitempty"`
}

// DeploymentPatch changes a deployment; nil fields stay. A new name alone changes at once; any
// other change makes a new revision. An empty source (every field "") removes the source.
// ClusterID is accepted only unchanged.
type DeploymentPatch struct {
	Name      *string                    `json:"name,omitempty"`
	ClusterID *string                    `json:"cluster_id,omitempty"`
	Image     *string                    `json:"image,omitempty"`
	Replicas  *int                       `json:"replicas,omitempty"`
	Env       *map[string]string         `json:"env,omitempty"`
	Secrets   *[]string                  `json:"secrets,omitempty"`
	Source    *platform.DeploymentSource `json:"source,omitempty"`
}

// DeploymentChange is a deployment with the operation finishing its new revision (or its
// delete); no operation when the change was immediate (a rename).
type DeploymentChange struct {
	Deployment  *platform.Deployment
	Operation   *platform.Operation
	OperationID string
}

// DeploymentLogs is the answer of GET .../deployments/{dep}/logs.
type DeploymentLogs struct {
	Lines []platform.DeploymentLogLine `json:"lines"`
}

// LogsOptions select log lines: at or after Since (zero: from the start), at most Limit (0 means
// DefaultLogLines).
type LogsOptions struct {
	Since time.Time
	Limit int
}

// DefaultLogLines is how many log lines an answer holds when the caller does not say.
const DefaultLogLines = 100

// FailImageTagPrefix: the reference server simulates a failed image pull for images whose tag
// starts with it, so clients can test how they report a failed revision.
const FailImageTagPrefix = "fail-"

// deploymentFor resolves a deployment (id or name) of a project the caller can see, after
// checking perm on the project.
func (t *txn) deploymentFor(ref, prj, dep string, perm platform.Permission) (*projectScope, *platform.Deployment, error) {
	ps, err := t.projectFor(ref, prj, perm)
	if err != nil {
		return nil, nil, err
	}
	var d *platform.Deployment
	if platform.HasIDPrefix(dep, platform.PrefixDeployment) {
		d, err = t.GetDeployment(ps.ws.ID, dep)
		if err == nil && d.ProjectID != ps.project.ID {
			err = platform.NotFound("deployment", dep)
		}
	} else {
		d, err = t.GetDeploymentByName(ps.project.ID, dep)
	}
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, nil, platform.NotFound("deployment", dep)
	}
	return ps, d, err
}

// checkDeploymentCluster: the cluster must be one of the workspace's (400 otherwise) and running.
func (t *txn) checkDeploymentCluster(w *wsScope, clusterID string) error {
	c, err := t.GetCluster(w.ws.ID, clusterID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return invalid("cluster_id", fmt.Sprintf("cluster %s not found in workspace %s", clusterID, w.ws.Slug))
	}
	if err != nil {
		return err
	}
	if c.Status != platform.ClusterRunning {
		return platform.Errorf(platform.CodeFailedPrecondition,
			"cluster %s is %s: deployments need a running cluster", c.Name, c.Status)
	}
	return nil
}

// secretExists reports whether workspace ws has the secret name, or, in a dry run, whether its
// plan session creates it.
func (t *txn) secretExists(ws, name string) (bool, error) {
	_, err := t.GetSecretByName(ws, name)
	if platform.IsCode(err, platform.CodeNotFound) {
		return t.sessionCreates(platform.PlannedSecret, platform.PlannedKey(ws, name))
	}
	return err == nil, err
}

// checkSecretRefs: every secret named must exist in the workspace (400 on secrets[i]).
func (t *txn) checkSecretRefs(w *wsScope, field string, names []string) error {
	var v platform.Violations
	for i, n := range names {
		found, err := t.secretExists(w.ws.ID, n)
		if err != nil {
			return err
		}
		if !found {
			v.Addf(fmt.Sprintf("%s[%d]", field, i), "secret %s not found in workspace %s", n, w.ws.Slug)
		}
	}
	return v.Err()
}

// checkDeploymentSource: the GitHub App installation must be the workspace's (400 otherwise),
// active, and able to access the repository (409 otherwise).
func (t *txn) checkDeploymentSource(w *wsScope, src *platform.DeploymentSource) error {
	g, err := t.GetGitHubInstallation(w.ws.ID, src.GitHubInstallationID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return invalid("source.github_installation_id", fmt.Sprintf("GitHub App installation %s not found in workspace %s",
			src.GitHubInstallationID, w.ws.Slug))
	}
	if err != nil {
		return err
	}
	if g.Status != platform.GitHubActive {
		return platform.Errorf(platform.CodeFailedPrecondition,
			"GitHub App installation %d (%s) is %s: deployments need an active installation", g.InstallationID, g.AccountLogin, g.Status)
	}
	if !g.CanAccess(src.Repository) {
		return platform.Errorf(platform.CodeFailedPrecondition,
			"GitHub App installation %d (%s) cannot access repository %s: add it to the installation's repositories",
			g.InstallationID, g.AccountLogin, src.Repository)
	}
	return nil
}

// deploymentURL is where a deployment answers, fixed at creation.
func (s *Service) deploymentURL(w *wsScope, p *platform.Project, name string) string {
	return fmt.Sprintf("https://%s-%s-%s.apps.%s", name, p.Slug, w.ws.Slug, s.publicHost)
}

// newDeploymentOperation records an asynchronous change of deployment d, due after the delay.
func (s *Service) newDeploymentOperation(t *txn, kind string, d *platform.Deployment) (*platform.Operation, error) {
	target := *d
	target.Env = maps.Clone(d.Env)
	target.Secrets = slices.Clone(d.Secrets)
	op := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: d.WorkspaceID, Kind: kind,
		TargetID: d.ID, Status: platform.OpPending, DueAt: t.now.Add(s.clusterDelay)}
	if err := op.SetTarget(&target); err != nil {
		return nil, err
	}
	op.Stamp(t.now)
	return op, t.CreateOperation(op)
}

// startRevision starts d's current revision (already stored, deploying): unfinished
// operations of older revisions end failed (superseded), an operation of kind will finish
// this one, and the log says what it deploys.
func (s *Service) startRevision(t *txn, d *platform.Deployment, kind string) (*platform.Operation, error) {
	if err := t.supersedeRevisions(d); err != nil {
		return nil, err
	}
	op, err := s.newDeploymentOperation(t, kind, d)
	if err != nil {
		return nil, err
	}
	return op, t.deploymentLog(d, d.Revision, revisionStartMessage(d))
}

// supersedeRevisions fails the unfinished operations of d's older revisions.
func (t *txn) supersedeRevisions(d *platform.Deployment) error {
	ops, err := t.ListUnfinishedOperationsForTarget(d.ID)
	if err != nil {
		return err
	}
	for i := range ops {
		op := &ops[i]
		var old platform.Deployment
		if _, err := op.DecodeTarget(&old); err != nil {
			return err
		}
		op.Status, op.Error = platform.OpFailed, fmt.Sprintf("superseded by revision %d", d.Revision)
		op.Touch(t.now)
		if err := t.UpdateOperation(op); err != nil {
			return err
		}
		if old.Revision > 0 && old.Revision < d.Revision {
			if err := t.deploymentLog(d, old.Revision, fmt.Sprintf("revision %d: %s", old.Revision, op.Error)); err != nil {
				return err
			}
		}
	}
	return nil
}

// revisionStartMessage describes what a revision deploys: image, replicas, secret names (never
// their values) and the commit.
func revisionStartMessage(d *platform.Deployment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "revision %d: deploying %s with %s", d.Revision, d.Image, platform.Count(d.Replicas, "replica"))
	if len(d.Secrets) > 0 {
		b.WriteString("; secrets: " + strings.Join(d.Secrets, ", "))
	}
	if d.CommitSHA != "" {
		b.WriteString("; commit " + d.CommitSHA)
	}
	return b.String()
}

// deploymentLog appends one line to d's log.
func (t *txn) deploymentLog(d *platform.Deployment, revision int64, message string) error {
	return t.AppendDeploymentLog(&platform.DeploymentLogLine{DeploymentID: d.ID, At: t.now, Revision: revision, Message: message})
}

// CreateDeployment records a deployment at revision 1, deploying, and the operation that will
// make it run.
func (s *Service) CreateDeployment(ctx context.Context, caller *platform.Principal, ref, prj string, in DeploymentInput) (*DeploymentChange, error) {
	d := &platform.Deployment{ID: platform.NewID(platform.PrefixDeployment), Name: in.Name, ClusterID: in.ClusterID,
		Image: in.Image, Replicas: 1, Env: maps.Clone(in.Env), Secrets: slices.Clone(in.Secrets),
		Status: platform.DeploymentDeploying, Revision: 1}
	if in.Replicas != nil {
		d.Replicas = *in.Replicas
	}
	if in.Source != nil {
		src := *in.Source
		d.Source = &src
	}
	normalizeDeployment(d)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*DeploymentChange, error) {
		ps, err := t.projectFor(ref, prj, platform.PermDeploymentsWrite)
		if err != nil {
			return nil, err
		}
		if err := t.checkDeploymentRefs(ps.wsScope, d, nil); err != nil {
			return nil, err
		}
		if err := t.checkCreate(ps.ws, platform.QuotaDeployments, platform.PlannedKey(ps.project.ID, d.Name)); err != nil {
			return nil, err
		}
		d.WorkspaceID, d.ProjectID = ps.ws.ID, ps.project.ID
		d.URL = s.deploymentURL(ps.wsScope, ps.project, d.Name)
		d.Stamp(t.now)
		if err := t.CreateDeployment(d); err != nil {
			return nil, err
		}
		op, err := s.startRevision(t, d, platform.OpDeploymentCreate)
		if err != nil {
			return nil, err
		}
		return &DeploymentChange{Deployment: d, Operation: op, OperationID: op.ID}, t.audit(ps.ws.ID, "", "deployment.create", d.ID)
	})
}

// normalizeDeployment stores empty maps and lists rather than nil, so that answers always show
// them and comparisons do not tell nil from empty.
func normalizeDeployment(d *platform.Deployment) {
	if d.Env == nil {
		d.Env = map[string]string{}
	}
	if d.Secrets == nil {
		d.Secrets = []string{}
	}
}

// checkDeploymentRefs checks what d refers to in the workspace: on create (before nil) the
// cluster, the secrets and the source; on a change only what changed.
func (t *txn) checkDeploymentRefs(w *wsScope, d, before *platform.Deployment) error {
	if before == nil {
		if err := t.checkDeploymentCluster(w, d.ClusterID); err != nil {
			return err
		}
	}
	if before == nil || !slices.Equal(d.Secrets, before.Secrets) {
		if err := t.checkSecretRefs(w, "secrets", d.Secrets); err != nil {
			return err
		}
	}
	if d.Source != nil && (before == nil || before.Source == nil || *d.Source != *before.Source) {
		return t.checkDeploymentSource(w, d.Source)
	}
	return nil
}

// GetDeployment reads a deployment by id or name.
func (s *Service) GetDeployment(ctx context.Context, caller *platform.Principal, ref, prj, dep string) (*platform.Deployment, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Deployment, error) {
		_, d, err := t.deploymentFor(ref, prj, dep, platform.PermDeploymentsRead)
		return d, err
	})
}

// ListDeployments lists a project's deployments.
func (s *Service) ListDeployments(ctx context.Context, caller *platform.Principal, ref, prj string, opts ListOptions) (Page[platform.Deployment], error) {
	return view(ctx, s, caller, func(t *txn) (Page[platform.Deployment], error) {
		ps, err := t.projectFor(ref, prj, platform.PermDeploymentsRead)
		if err != nil {
			return Page[platform.Deployment]{}, err
		}
		return paginate(opts, func(p platform.Page) ([]platform.Deployment, error) { return t.ListDeployments(ps.project.ID, p) },
			func(x *platform.Deployment) int64 { return x.Seq })
	})
}

// UpdateDeployment changes a deployment. A new name alone answers at once; a change of image,
// replicas, env, secrets or source makes a new revision (202 with its operation).
func (s *Service) UpdateDeployment(ctx context.Context, caller *platform.Principal, ref, prj, dep string, in DeploymentPatch, ifVersion int64) (*DeploymentChange, error) {
	return update(ctx, s, caller, func(t *txn) (*DeploymentChange, error) {
		ps, cur, err := t.deploymentFor(ref, prj, dep, platform.PermDeploymentsWrite)
		if err != nil {
			return nil, err
		}
		if err := checkVersion("deployment", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		if in.ClusterID != nil && *in.ClusterID != cur.ClusterID {
			return nil, invalid("cluster_id", "cannot be changed: create a new deployment on the other cluster")
		}
		d := *cur
		setIf(&d.Name, in.Name)
		setIf(&d.Image, in.Image)
		setIf(&d.Replicas, in.Replicas)
		if in.Env != nil {
			d.Env = maps.Clone(*in.Env)
		}
		if in.Secrets != nil {
			d.Secrets = slices.Clone(*in.Secrets)
		}
		if in.Source != nil {
			d.Source = nil
			if *in.Source != (platform.DeploymentSource{}) {
				src := *in.Source
				d.Source = &src
			}
		}
		normalizeDeployment(&d)
		if unchanged(&d, cur) {
			return &DeploymentChange{Deployment: cur}, nil
		}
		if err := d.Validate(); err != nil {
			return nil, err
		}
		revision := !sameSpec(&d, cur)
		if cur.Status == platform.DeploymentDeleting {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "deployment %s is being deleted", cur.Name)
		}
		if err := t.checkDeploymentRefs(ps.wsScope, &d, cur); err != nil {
			return nil, err
		}
		if !sameSource(d.Source, cur.Source) {
			d.CommitSHA = "" // the last commit deployed was another repository's or branch's
		}
		if revision {
			d.Revision++
			d.Status = platform.DeploymentDeploying
		}
		d.Touch(t.now)
		if err := t.UpdateDeployment(&d); err != nil {
			return nil, err
		}
		change := &DeploymentChange{Deployment: &d}
		if revision {
			if change.Operation, err = s.startRevision(t, &d, platform.OpDeploymentUpdate); err != nil {
				return nil, err
			}
			change.OperationID = change.Operation.ID
		}
		return change, t.audit(ps.ws.ID, "", "deployment.update", d.ID)
	})
}

// sameSpec tells whether two states of a deployment run the same thing: a difference makes a
// new revision.
func sameSpec(a, b *platform.Deployment) bool {
	return a.Image == b.Image && a.Replicas == b.Replicas && maps.Equal(a.Env, b.Env) &&
		slices.Equal(a.Secrets, b.Secrets) && sameSource(a.Source, b.Source)
}

func sameSource(a, b *platform.DeploymentSource) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// RedeployDeployment makes a new revision with no change (to pick up new secret values).
func (s *Service) RedeployDeployment(ctx context.Context, caller *platform.Principal, ref, prj, dep string) (*DeploymentChange, error) {
	return update(ctx, s, caller, func(t *txn) (*DeploymentChange, error) {
		ps, d, err := t.deploymentFor(ref, prj, dep, platform.PermDeploymentsWrite)
		if err != nil {
			return nil, err
		}
		if d.Status == platform.DeploymentDeleting {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "deployment %s is being deleted", d.Name)
		}
		op, err := s.newRevision(t, d, platform.OpDeploymentRedeploy)
		if err != nil {
			return nil, err
		}
		return &DeploymentChange{Deployment: d, Operation: op, OperationID: op.ID}, t.audit(ps.ws.ID, "", "deployment.redeploy", d.ID)
	})
}

// newRevision stores d (changed or not) as its next revision, deploying, and starts it.
func (s *Service) newRevision(t *txn, d *platform.Deployment, kind string) (*platform.Operation, error) {
	d.Revision++
	d.Status = platform.DeploymentDeploying
	d.Touch(t.now)
	if err := t.UpdateDeployment(d); err != nil {
		return nil, err
	}
	return s.startRevision(t, d, kind)
}

// DeleteDeployment starts deleting a deployment: it shows "deleting", then it and its logs are
// gone. Revisions still deploying are cancelled.
func (s *Service) DeleteDeployment(ctx context.Context, caller *platform.Principal, ref, prj, dep string, ifVersion int64) (*DeploymentChange, error) {
	return update(ctx, s, caller, func(t *txn) (*DeploymentChange, error) {
		ps, d, err := t.deploymentFor(ref, prj, dep, platform.PermDeploymentsWrite)
		if err != nil {
			return nil, err
		}
		t.planDelete(platform.PlannedDeployment, ps.ws.ID, d.ID)
		if err := checkVersion("deployment", d.Version, ifVersion); err != nil {
			return nil, err
		}
		if d.Status == platform.DeploymentDeleting {
			return nil, platform.Errorf(platform.CodeFailedPrecondition, "deployment %s is already being deleted", d.Name)
		}
		if err := t.cancelOperations(d.ID, "cancelled: the deployment is being deleted"); err != nil {
			return nil, err
		}
		d.Status = platform.DeploymentDeleting
		d.Touch(t.now)
		if err := t.UpdateDeployment(d); err != nil {
			return nil, err
		}
		op, err := s.newDeploymentOperation(t, platform.OpDeploymentDelete, d)
		if err != nil {
			return nil, err
		}
		return &DeploymentChange{Deployment: d, Operation: op, OperationID: op.ID}, t.audit(ps.ws.ID, "", "deployment.delete", d.ID)
	})
}

// DeploymentLogs reads a deployment's log lines, oldest first.
func (s *Service) DeploymentLogs(ctx context.Context, caller *platform.Principal, ref, prj, dep string, opts LogsOptions) (*DeploymentLogs, error) {
	limit := opts.Limit
	if limit == 0 {
		limit = DefaultLogLines
	}
	if limit < 1 || limit > platform.MaxLogLines {
		return nil, invalid("limit", fmt.Sprintf("must be 1-%d", platform.MaxLogLines))
	}
	return view(ctx, s, caller, func(t *txn) (*DeploymentLogs, error) {
		_, d, err := t.deploymentFor(ref, prj, dep, platform.PermLogsRead)
		if err != nil {
			return nil, err
		}
		lines, err := t.ListDeploymentLogs(d.ID, opts.Since.UTC(), limit)
		if lines == nil {
			lines = []platform.DeploymentLogLine{}
		}
		return &DeploymentLogs{Lines: lines}, err
	})
}

// checkProjectEmpty refuses deleting a project that still has deployments, naming them (they
// would be lost; its clusters are only detached). In a dry run with a plan session, the
// deployments the session deletes do not count.
func (t *txn) checkProjectEmpty(ps *projectScope) error {
	deps, err := t.ProjectDependents(ps.project.ID)
	if err != nil || len(deps.Deployments) == 0 {
		return err
	}
	left := deps.Deployments
	planned, err := t.sessionDeletes(ps.ws.ID)
	if err != nil {
		return err
	}
	if len(planned) > 0 {
		all, err := t.ListDeployments(ps.project.ID, platform.Page{Limit: len(deps.Deployments) + 1})
		if err != nil {
			return err
		}
		left = nil
		for _, d := range all {
			if !planned[platform.PlannedDeployment+"/"+d.ID] {
				left = append(left, ps.project.Slug+"/"+d.Name)
				continue
			}
			// Deleted in this dry run's transaction (rolled back), so that the project is judged
			// as the plan would leave it.
			if err := t.DeleteDeployment(ps.ws.ID, d.ID); err != nil {
				return err
			}
		}
		if len(left) == 0 {
			return nil
		}
	}
	return platform.Errorf(platform.CodeFailedPrecondition, "project %s still has %s (%s): delete them first",
		ps.project.Slug, platform.Count(len(left), "deployment"), strings.Join(left, ", "))
}

// finishDeploymentOperation completes a due deployment operation: a revision runs (or fails),
// or the deployment goes.
func (s *Service) finishDeploymentOperation(t *txn, op *platform.Operation) (bool, error) {
	fail := func(reason string) (bool, error) {
		op.Status, op.Error = platform.OpFailed, reason
		op.Touch(t.now)
		return true, t.UpdateOperation(op)
	}
	d, err := t.GetDeployment(op.WorkspaceID, op.TargetID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return fail("the deployment no longer exists")
	}
	if err != nil {
		return false, err
	}
	if op.Kind == platform.OpDeploymentDelete {
		if err := t.DeleteDeployment(d.WorkspaceID, d.ID); err != nil {
			return false, err
		}
		op.Status = platform.OpSucceeded
		op.Touch(t.now)
		if err := t.UpdateOperation(op); err != nil {
			return false, err
		}
		return true, t.audit(op.WorkspaceID, "", "deployment.deleted", d.ID)
	}
	switch op.Kind {
	case platform.OpDeploymentCreate, platform.OpDeploymentUpdate, platform.OpDeploymentRedeploy:
	default:
		return fail("unknown operation kind " + op.Kind)
	}
	if d.Status == platform.DeploymentDeleting {
		// A delete overtook this revision; finishing it would bring the deployment back to life.
		return fail("cancelled: the deployment is being deleted")
	}
	var target platform.Deployment
	if _, err := op.DecodeTarget(&target); err != nil {
		return false, err
	}
	if target.Revision != d.Revision {
		return fail(fmt.Sprintf("superseded by revision %d", d.Revision))
	}
	op.Status = platform.OpSucceeded
	action, message := "deployment.running", fmt.Sprintf("revision %d: running", d.Revision)
	d.Status = platform.DeploymentRunning
	switch {
	case strings.HasPrefix(imageTag(d.Image), FailImageTagPrefix):
		d.Status, action = platform.DeploymentFailed, "deployment.failed"
		op.Status, op.Error = platform.OpFailed, fmt.Sprintf("revision %d failed: image %s could not be pulled", d.Revision, d.Image)
		message = op.Error
	case d.Replicas == 0:
		d.Status, action = platform.DeploymentStopped, "deployment.stopped"
		message = fmt.Sprintf("revision %d: stopped (0 replicas)", d.Revision)
	}
	d.Touch(t.now)
	if err := t.UpdateDeployment(d); err != nil {
		return false, err
	}
	op.Touch(t.now)
	if err := t.UpdateOperation(op); err != nil {
		return false, err
	}
	if err := t.deploymentLog(d, d.Revision, message); err != nil {
		return false, err
	}
	return true, t.audit(op.WorkspaceID, "", action, d.ID)
}

// imageTag is the tag of registry/path:tag ("" for a digest or no tag).
func imageTag(image string) string {
	last := image[strings.LastIndex(image, "/")+1:]
	if strings.Contains(last, "@") {
		return ""
	}
	_, tag, _ := strings.Cut(last, ":")
	return tag
}
