package platform

import (
	"regexp"
	"unicode/utf8"
)

// Installation statuses.
const (
	InstallationInstalling   = "installing"
	InstallationInstalled    = "installed"
	InstallationUpgrading    = "upgrading"
	InstallationFailed       = "failed"
	InstallationUninstalling = "uninstalling"
)

// Limits of installations and deployments.
const (
	MaxValues       = 100
	ValueKeyMaxLen  = 253
	ValueMaxLen     = 4096
	NamespaceMaxLen = 63
	// NamespacePattern is a Kubernetes namespace: a DNS label.
	NamespacePattern = `^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`
)

var namespaceRegexp = regexp.MustCompile(NamespacePattern)

// InstallationSource is what an installation runs: a release of a product (ProductID and Tag)
// or a chart (a direct install). Exactly one of the two.
type InstallationSource struct {
	ProductID string `json:"product_id,omitempty"`
	Tag       string `json:"tag,omitempty"`
	Chart     string `json:"chart,omitempty"`
}

// IsChart reports whether the source is a direct chart install.
func (s InstallationSource) IsChart() bool { return s.Chart != "" }

// Installation is a product release, or a chart, installed on one of the workspace's clusters,
// with its own package repository (docs/platform.md section 11).
type Installation struct {
	ID           string             `json:"id"`
	WorkspaceID  string             `json:"workspace_id"`
	Name         string             `json:"name"`
	ClusterID    string             `json:"cluster_id"`
	Namespace    string             `json:"namespace"`
	Source       InstallationSource `json:"source"`
	Values       map[string]string  `json:"values"`
	Secrets      []string           `json:"secrets"`
	Status       string             `json:"status"`
	InstalledTag string             `json:"installed_tag"`
	// RepositoryURL is the installation's own package repository, stable for its life.
	RepositoryURL string `json:"repository_url"`
	Meta
}

// Validate checks an installation's own fields.
func (in *Installation) Validate() error {
	var v Violations
	ValidateResourceName(&v, "name", in.Name)
	ValidateResourceRef(&v, "cluster_id", in.ClusterID, PrefixCluster)
	if in.ClusterID == "" {
		v.Add("cluster_id", "is required")
	}
	if len(in.Namespace) > NamespaceMaxLen || !namespaceRegexp.MatchString(in.Namespace) {
		v.Addf("namespace", "must be a DNS label: 1-%d lower-case letters, digits and hyphens, starting and ending with a letter or digit", NamespaceMaxLen)
	}
	switch s := in.Source; {
	case s.Chart != "" && (s.ProductID != "" || s.Tag != ""):
		v.Add("source", "give exactly one of {product_id, tag} and {chart}")
	case s.Chart != "":
		ValidateChart(&v, "source.chart", s.Chart)
	case s.ProductID == "" && s.Tag == "":
		v.Add("source", "is required: {product_id, tag} of a release, or {chart}")
	default:
		ValidateResourceRef(&v, "source.product_id", s.ProductID, PrefixProduct)
		if s.ProductID == "" {
			v.Add("source.product_id", "is required with source.tag")
		}
		ValidateTag(&v, "source.tag", s.Tag)
	}
	ValidateValues(&v, "values", in.Values)
	ValidateSecretRefs(&v, "secrets", in.Secrets)
	return v.Err()
}

// ValidateValues checks an installation's chart values: at most 100 keys of 1-253 characters,
// values of at most 4096.
func ValidateValues(v *Violations, field string, m map[string]string) {
	if len(m) > MaxValues {
		v.Addf(field, "must have at most %d keys", MaxValues)
		return
	}
	for k, val := range m {
		if k == "" || utf8.RuneCountInString(k) > ValueKeyMaxLen || !utf8.ValidString(k) {
			v.Addf(field, "keys must be 1-%d characters", ValueKeyMaxLen)
		}
		if utf8.RuneCountInString(val) > ValueMaxLen || !utf8.ValidString(val) {
			v.Addf(field+"."+k, "must be at most %d characters", ValueMaxLen)
		}
	}
}
