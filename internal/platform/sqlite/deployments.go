package sqlite

import (
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const deploymentCols = `d.seq, d.id, d.workspace_id, d.project_id, d.name, d.cluster_id, d.image, d.replicas,
	d.env, d.secrets, d.source_github_installation_id, d.source_repository, d.source_branch, d.status,
	d.revision, d.commit_sha, d.url, d.created_at, d.updated_at, d.version`

func scanDeployment(s scanner, d *platform.Deployment) error {
	var src platform.DeploymentSource
	err := s.Scan(&d.Seq, &d.ID, &d.WorkspaceID, &d.ProjectID, &d.Name, &d.ClusterID, &d.Image, &d.Replicas,
		jsonCol{&d.Env}, jsonCol{&d.Secrets}, refCol{&src.GitHubInstallationID}, refCol{&src.Repository},
		refCol{&src.Branch}, &d.Status, &d.Revision, &d.CommitSHA, &d.URL,
		timeCol{&d.CreatedAt}, timeCol{&d.UpdatedAt}, &d.Version)
	d.Source = nil
	if src.GitHubInstallationID != "" {
		d.Source = &src
	}
	if d.Env == nil {
		d.Env = map[string]string{}
	}
	if d.Secrets == nil {
		d.Secrets = []string{}
	}
	return err
}

// deploymentColumns encodes what is not stored as is: the maps and lists as JSON (nil stored
// empty) and the optional source as three nullable columns.
func deploymentColumns(d *platform.Deployment) (env, secrets string, source [3]any, err error) {
	if env, err = jsonText(d.Env, "{}"); err != nil {
		return
	}
	if secrets, err = jsonText(d.Secrets, "[]"); err != nil {
		return
	}
	if s := d.Source; s != nil {
		source = [3]any{nullable(s.GitHubInstallationID), nullable(s.Repository), nullable(s.Branch)}
	}
	return
}

func deploymentRefChecks(d *platform.Deployment) []check {
	ghi := ""
	if d.Source != nil {
		ghi = d.Source.GitHubInstallationID
	}
	return []check{
		missing(platform.NotFound("project", d.ProjectID), `SELECT 1 FROM projects WHERE id = ?`, d.ProjectID),
		missing(platform.NotFound("cluster", d.ClusterID), `SELECT 1 FROM clusters WHERE id = ?`, d.ClusterID),
		missingRef(ghi, platform.NotFound("github installation", ghi), `SELECT 1 FROM github_installations WHERE id = ?`),
	}
}

func (t *tx) CreateDeployment(d *platform.Deployment) error {
	env, secrets, src, err := deploymentColumns(d)
	if err != nil {
		return fail("create deployment", err)
	}
	checks := append([]check{
		taken(alreadyExists("deployment name %q already exists in this project", d.Name),
			`SELECT 1 FROM deployments WHERE project_id = ? AND name = ?`, d.ProjectID, d.Name),
		taken(alreadyExists("deployment %q already exists", d.ID), `SELECT 1 FROM deployments WHERE id = ?`, d.ID),
		missing(platform.NotFound("workspace", d.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, d.WorkspaceID),
	}, deploymentRefChecks(d)...)
	seq, err := t.insert("create deployment",
		`INSERT INTO deployments (id, workspace_id, project_id, name, cluster_id, image, replicas, env, secrets,
		 source_github_installation_id, source_repository, source_branch, status, revision, commit_sha, url,
		 created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{d.ID, d.WorkspaceID, d.ProjectID, d.Name, d.ClusterID, d.Image, d.Replicas, env, secrets,
			src[0], src[1], src[2], d.Status, d.Revision, d.CommitSHA, d.URL,
			formatTime(d.CreatedAt), formatTime(d.UpdatedAt), d.Version},
		checks...)
	if err != nil {
		return err
	}
	d.Seq = seq
	return nil
}

func (t *tx) GetDeployment(workspaceID, id string) (*platform.Deployment, error) {
	return one(t, "deployment", id, scanDeployment,
		`SELECT `+deploymentCols+` FROM deployments d WHERE d.workspace_id = ? AND d.id = ?`, workspaceID, id)
}

func (t *tx) GetDeploymentByName(projectID, name string) (*platform.Deployment, error) {
	return one(t, "deployment", name, scanDeployment,
		`SELECT `+deploymentCols+` FROM deployments d WHERE d.project_id = ? AND d.name = ?`, projectID, name)
}

func (t *tx) ListDeployments(projectID string, page platform.Page) ([]platform.Deployment, error) {
	return many(t, "list deployments", page.Limit, scanDeployment,
		`SELECT `+deploymentCols+` FROM deployments d WHERE d.project_id = ? AND d.seq > ? ORDER BY d.seq LIMIT ?`,
		projectID, page.After, limit(page.Limit))
}

func (t *tx) ListDeploymentsForSource(githubInstallationID, repository, branch string) ([]platform.Deployment, error) {
	return many(t, "list deployments for source", 0, scanDeployment,
		`SELECT `+deploymentCols+` FROM deployments d WHERE d.source_github_installation_id = ?
		   AND d.source_repository = ? AND d.source_branch = ? ORDER BY d.seq`,
		githubInstallationID, repository, branch)
}

func (t *tx) UpdateDeployment(d *platform.Deployment) error {
	env, secrets, src, err := deploymentColumns(d)
	if err != nil {
		return fail("update deployment", err)
	}
	checks := append([]check{
		taken(alreadyExists("deployment name %q already exists in this project", d.Name),
			`SELECT 1 FROM deployments WHERE project_id = ? AND name = ? AND id <> ?`, d.ProjectID, d.Name, d.ID),
	}, deploymentRefChecks(d)...)
	return t.update(row{kind: "deployment", ref: d.ID, table: "deployments",
		where: "workspace_id = ? AND id = ?", args: []any{d.WorkspaceID, d.ID}}, d.Version,
		`project_id = ?, name = ?, cluster_id = ?, image = ?, replicas = ?, env = ?, secrets = ?,
		 source_github_installation_id = ?, source_repository = ?, source_branch = ?, status = ?, revision = ?,
		 commit_sha = ?, url = ?, updated_at = ?, version = ?`,
		[]any{d.ProjectID, d.Name, d.ClusterID, d.Image, d.Replicas, env, secrets, src[0], src[1], src[2],
			d.Status, d.Revision, d.CommitSHA, d.URL, formatTime(d.UpdatedAt), d.Version},
		checks...)
}

func (t *tx) DeleteDeployment(workspaceID, id string) error {
	return t.remove(row{kind: "deployment", ref: id, table: "deployments",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}

func (t *tx) ProjectDependents(projectID string) (platform.Dependents, error) {
	deps, err := many(t, "project dependents", 0, scanString,
		`SELECT p.slug || '/' || d.name FROM deployments d JOIN projects p ON p.id = d.project_id
		 WHERE d.project_id = ? ORDER BY d.seq`, projectID)
	if err != nil {
		return platform.Dependents{}, err
	}
	return platform.Dependents{Installations: []string{}, Deployments: deps}, nil
}

func (t *tx) ClusterDependents(workspaceID, clusterID string) (platform.Dependents, error) {
	inst, err := many(t, "cluster dependents", 0, scanString,
		`SELECT i.name FROM installations i WHERE i.workspace_id = ? AND i.cluster_id = ? ORDER BY i.seq`,
		workspaceID, clusterID)
	if err != nil {
		return platform.Dependents{}, err
	}
	deps, err := many(t, "cluster dependents", 0, scanString,
		`SELECT p.slug || '/' || d.name FROM deployments d JOIN projects p ON p.id = d.project_id
		 WHERE d.workspace_id = ? AND d.cluster_id = ? ORDER BY d.seq`, workspaceID, clusterID)
	if err != nil {
		return platform.Dependents{}, err
	}
	return platform.Dependents{Installations: inst, Deployments: deps}, nil
}

const deploymentLogCols = `l.seq, l.deployment_id, l.at, l.revision, l.message`

func scanDeploymentLogLine(s scanner, l *platform.DeploymentLogLine) error {
	return s.Scan(&l.Seq, &l.DeploymentID, timeCol{&l.At}, &l.Revision, &l.Message)
}

func (t *tx) AppendDeploymentLog(l *platform.DeploymentLogLine) error {
	seq, err := t.insert("append deployment log",
		`INSERT INTO deployment_logs (deployment_id, at, revision, message) VALUES (?, ?, ?, ?) RETURNING seq`,
		[]any{l.DeploymentID, formatTime(l.At), l.Revision, l.Message},
		missing(platform.NotFound("deployment", l.DeploymentID), `SELECT 1 FROM deployments WHERE id = ?`, l.DeploymentID),
	)
	if err != nil {
		return err
	}
	l.Seq = seq
	return nil
}

func (t *tx) ListDeploymentLogs(deploymentID string, since time.Time, n int) ([]platform.DeploymentLogLine, error) {
	return many(t, "list deployment logs", n, scanDeploymentLogLine,
		`SELECT `+deploymentLogCols+` FROM deployment_logs l WHERE l.deployment_id = ? AND l.at >= ?
		 ORDER BY l.at, l.seq LIMIT ?`, deploymentID, formatTime(since), limit(n))
}
