package platform

import (
	"fmt"
	"unicode/utf8"
)

// Cloud is a cluster's cloud provider.
type Cloud string

const (
	CloudAWS     Cloud = "aws"
	CloudGCP     Cloud = "gcp"
	CloudAzure   Cloud = "azure"
	CloudHetzner Cloud = "hetzner"
)

// Cluster statuses.
const (
	ClusterProvisioning = "provisioning"
	ClusterRunning      = "running"
	ClusterUpdating     = "updating"
	ClusterDeleting     = "deleting"
	ClusterFailed       = "failed"
)

// NodePool is a group of identical nodes in a cluster.
type NodePool struct {
	Name        string `json:"name"`
	MachineType string `json:"machine_type"`
	MinNodes    int    `json:"min_nodes"`
	MaxNodes    int    `json:"max_nodes"`
}

// Cluster is a Kubernetes cluster, provisioned asynchronously through operations.
type Cluster struct {
	ID                string     `json:"id"`
	WorkspaceID       string     `json:"workspace_id"`
	Name              string     `json:"name"`
	RegionID          string     `json:"region_id"`
	ProjectID         string     `json:"project_id"`
	Cloud             Cloud      `json:"cloud"`
	Location          string     `json:"location"`
	KubernetesVersion string     `json:"kubernetes_version"`
	NodePools         []NodePool `json:"node_pools"`
	Status            string     `json:"status"`
	Endpoint          string     `json:"endpoint"`
	Meta
}

// Clouds lists the supported cloud providers.
var Clouds = []Cloud{CloudAWS, CloudGCP, CloudAzure, CloudHetzner}

// ValidateLocation checks a cloud location such as eu-central-1, fsn1 or westeurope.
func ValidateLocation(v *Violations, field, s string) {
	if s == "" {
		v.Add(field, "is required")
		return
	}
	if n := utf8.RuneCountInString(s); n < LocationMinLen || n > LocationMaxLen {
		v.Addf(field, "must be %d-%d characters", LocationMinLen, LocationMaxLen)
		return
	}
	ok := s[0] != '-' && s[len(s)-1] != '-'
	for i := 0; i < len(s) && ok; i++ {
		ok = isLowerLetter(s[i]) || isDigit(s[i]) || s[i] == '-'
	}
	if !ok {
		v.Addf(field, "must match %s (lower-case letters, digits and hyphens, not starting or ending with a hyphen)", LocationPattern)
	}
}

// machineTypeReason checks s against MachineTypePattern and the length limit.
func machineTypeReason(s string) string {
	if s == "" {
		return "is required"
	}
	if len(s) > MachineTypeMaxLen {
		return fmt.Sprintf("must be 1-%d characters", MachineTypeMaxLen)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isLowerLetter(c) || isDigit(c) || (i > 0 && (c == '.' || c == '_' || c == '-'))) {
			return fmt.Sprintf(`must match %s (lower-case letters, digits, ".", "_" and "-", starting with a letter or digit)`, MachineTypePattern)
		}
	}
	return ""
}

// ValidateNodePools checks a cluster's node pools; sub-fields are named like
// "node_pools[1].max_nodes".
func ValidateNodePools(v *Violations, field string, pools []NodePool) {
	if len(pools) < 1 || len(pools) > MaxNodePools {
		// With too many pools, per-pool details would only bury this one.
		v.Addf(field, "must have 1-%d node pools", MaxNodePools)
		return
	}
	seen := make(map[string]int, len(pools))
	for i, p := range pools {
		at := fmt.Sprintf("%s[%d].", field, i)
		if reason := nameReason(p.Name, 1, NodePoolNameMaxLen, NodePoolPattern); reason != "" {
			v.Add(at+"name", reason)
		} else if j, dup := seen[p.Name]; dup {
			v.Addf(at+"name", "must be unique: %q is also the name of %s[%d]", p.Name, field, j)
		} else {
			seen[p.Name] = i
		}
		if reason := machineTypeReason(p.MachineType); reason != "" {
			v.Add(at+"machine_type", reason)
		}
		switch {
		case p.MinNodes < 0:
			v.Add(at+"min_nodes", "must be >= 0")
		case p.MinNodes > p.MaxNodes:
			v.Add(at+"min_nodes", "min_nodes must be <= max_nodes")
		}
		switch {
		case p.MaxNodes < 1:
			v.Add(at+"max_nodes", "must be >= 1")
		case p.MaxNodes > MaxNodesPerPool:
			v.Addf(at+"max_nodes", "must be <= %d", MaxNodesPerPool)
		}
	}
}

// Validate checks a new cluster's user-set fields (status and endpoint are computed).
func (c *Cluster) Validate() error { return c.ValidateChange(nil) }

// ValidateChange checks the user-set fields of c, the cluster as a change of before would
// leave it (before nil: a new cluster). Every field is checked as for a new cluster, except
// that kubernetes_version must be in the catalogue (KubernetesVersions) only when it is new: a
// cluster keeps running a version that the catalogue has since dropped, and can still be
// renamed, regrouped or have its node pools changed until it is upgraded.
func (c *Cluster) ValidateChange(before *Cluster) error {
	var v Violations
	ValidateResourceName(&v, "name", c.Name)
	ValidateResourceRef(&v, "region_id", c.RegionID, PrefixRegion)
	ValidateResourceRef(&v, "project_id", c.ProjectID, PrefixProject)
	ValidateEnum(&v, "cloud", c.Cloud, Clouds...)
	ValidateLocation(&v, "location", c.Location)
	if before == nil || c.KubernetesVersion != before.KubernetesVersion {
		ValidateKubernetesVersion(&v, "kubernetes_version", c.KubernetesVersion)
	}
	ValidateNodePools(&v, "node_pools", c.NodePools)
	return v.Err()
}
