package platform

import (
	"regexp"
	"time"
	"unicode/utf8"
)

// Deployment statuses. Deleting is the status while an asynchronous delete runs.
const (
	DeploymentDeploying = "deploying"
	DeploymentRunning   = "running"
	DeploymentStopped   = "stopped"
	DeploymentFailed    = "failed"
	DeploymentDeleting  = "deleting"
)

// Limits of deployments.
const (
	ImageMaxLen  = 512
	MaxReplicas  = 100
	BranchMaxLen = 255
	MaxEnv       = 100
	// EnvKeyPattern is an environment variable name.
	EnvKeyPattern = `^[A-Z_][A-Z0-9_]*$`
	// MaxLogLines bounds one logs answer.
	MaxLogLines = 1000
)

var (
	envKeyRegexp = regexp.MustCompile(EnvKeyPattern)
	// An image: registry/path[:tag] or registry/path@sha256:<64 hex>, lower-case path.
	imageRegexp  = regexp.MustCompile(`^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$`)
	branchRegexp = regexp.MustCompile(`^[A-Za-z0-9._/-]+$`)
)

// DeploymentSource is the GitHub repository and branch a deployment follows: each push makes
// a new revision.
type DeploymentSource struct {
	GitHubInstallationID string `json:"github_installation_id"`
	Repository           string `json:"repository"`
	Branch               string `json:"branch"`
}

// Deployment is a project's application (a container image) running on a cluster, with
// revisions and logs (docs/platform.md section 11).
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
	Revision  int64  `json:"revision"`
	CommitSHA string `json:"commit_sha"`
	URL       string `json:"url"`
	Meta
}

// Validate checks a deployment's own fields.
func (d *Deployment) Validate() error {
	var v Violations
	ValidateResourceName(&v, "name", d.Name)
	ValidateResourceRef(&v, "cluster_id", d.ClusterID, PrefixCluster)
	if d.ClusterID == "" {
		v.Add("cluster_id", "is required")
	}
	ValidateImage(&v, "image", d.Image)
	if d.Replicas < 0 || d.Replicas > MaxReplicas {
		v.Addf("replicas", "must be 0-%d (0 stops the deployment)", MaxReplicas)
	}
	if len(d.Env) > MaxEnv {
		v.Addf("env", "must have at most %d variables", MaxEnv)
	}
	for k, val := range d.Env {
		if !envKeyRegexp.MatchString(k) {
			v.Addf("env", "keys must match %s; %q does not", EnvKeyPattern, k)
		}
		if utf8.RuneCountInString(val) > ValueMaxLen || !utf8.ValidString(val) {
			v.Addf("env."+k, "must be at most %d characters", ValueMaxLen)
		}
	}
	ValidateSecretRefs(&v, "secrets", d.Secrets)
	if s := d.Source; s != nil {
		ValidateResourceRef(&v, "source.github_installation_id", s.GitHubInstallationID, PrefixGitHubInstallation)
		if s.GitHubInstallationID == "" {
			v.Add("source.github_installation_id", "is required")
		}
		ValidateRepository(&v, "source.repository", s.Repository)
		if s.Branch == "" || len(s.Branch) > BranchMaxLen || !branchRegexp.MatchString(s.Branch) {
			v.Addf("source.branch", "must be a branch name of 1-%d letters, digits, '.', '_', '-' and '/'", BranchMaxLen)
		}
	}
	return v.Err()
}

// ValidateImage checks a container image: registry/path:tag or registry/path@sha256:<64 hex>.
func ValidateImage(v *Violations, field, s string) {
	if len(s) > ImageMaxLen || !imageRegexp.MatchString(s) {
		v.Addf(field, "must be registry/path:tag or registry/path@sha256:<64 hex digits>, at most %d characters", ImageMaxLen)
	}
}

// DeploymentLogLine is one line of a deployment's log: lifecycle lines the server writes
// (never a secret value).
type DeploymentLogLine struct {
	DeploymentID string    `json:"-"`
	At           time.Time `json:"at"`
	Revision     int64     `json:"revision"`
	Message      string    `json:"message"`
	Seq          int64     `json:"-"`
}
