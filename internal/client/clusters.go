package client

import (
	"context"
	"errors"
	"iter"
	"net/http"
)

// Cloud is a cluster's cloud provider.
type Cloud string

// Clouds.
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

// ErrClusterFailed is returned (wrapped) by WaitForStatus when the cluster ends up "failed"
// and that was not one of the awaited statuses. The cluster's operation has the reason.
var ErrClusterFailed = errors.New("platform: cluster failed")

// NodePool is a group of identical nodes in a cluster.
type NodePool struct {
	Name        string `json:"name"`
	MachineType string `json:"machine_type"`
	MinNodes    int    `json:"min_nodes"`
	MaxNodes    int    `json:"max_nodes"`
}

// Cluster is a Kubernetes cluster, provisioned asynchronously.
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

// ClusterCreateOptions create a cluster. RegionID and ProjectID are optional ids.
type ClusterCreateOptions struct {
	Name              string     `json:"name"`
	RegionID          string     `json:"region_id,omitempty"`
	ProjectID         string     `json:"project_id,omitempty"`
	Cloud             Cloud      `json:"cloud"`
	Location          string     `json:"location"`
	KubernetesVersion string     `json:"kubernetes_version"`
	NodePools         []NodePool `json:"node_pools"`
}

// ClusterUpdateOptions change a cluster; nil fields stay. Name, region and project change at
// once; a new Kubernetes version (only upwards) or node pools go through an operation. Cloud
// and location are accepted only unchanged: changing them needs a new cluster. A pointer to ""
// clears RegionID or ProjectID.
type ClusterUpdateOptions struct {
	Name              *string     `json:"name,omitempty"`
	RegionID          *string     `json:"region_id,omitempty"`
	ProjectID         *string     `json:"project_id,omitempty"`
	Cloud             *Cloud      `json:"cloud,omitempty"`
	Location          *string     `json:"location,omitempty"`
	KubernetesVersion *string     `json:"kubernetes_version,omitempty"`
	NodePools         *[]NodePool `json:"node_pools,omitempty"`
	IfVersion         int64       `json:"-"`
}

// ClusterList is a page of clusters.
type ClusterList = Page[Cluster]

// clusterChange is the answer of an asynchronous cluster call: the cluster plus its operation.
type clusterChange struct {
	Cluster
	OperationID string `json:"operation_id"`
}

// ClustersService manages /v1/workspaces/{ws}/clusters. Clusters are named by id or name.
type ClustersService struct{ c *Client }

// Create starts provisioning a cluster. It returns the cluster (status "provisioning") and the
// id of the operation to wait for (Operations.Wait) or use WaitForStatus.
func (s *ClustersService) Create(ctx context.Context, ws string, opts ClusterCreateOptions) (*Cluster, string, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "clusters")
	return splitChange(sendJSON[clusterChange](ctx, s.c, http.MethodPost, p, err, opts, 0))
}

// Get reads a cluster by id or name.
func (s *ClustersService) Get(ctx context.Context, ws, cluster string) (*Cluster, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "clusters", seg{"cluster", cluster})
	return getJSON[Cluster](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's clusters.
func (s *ClustersService) List(ctx context.Context, ws string, opts ListOptions) (*ClusterList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "clusters")
	return listPage[Cluster](ctx, s.c, p, err, opts)
}

// Refresh reads a cluster like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *ClustersService) Refresh(ctx context.Context, ws, cluster string) (*Cluster, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "clusters")
	return refresh(ctx, s.c, p, err, cluster, func(x *Cluster) []string { return []string{x.ID} },
		func() (*Cluster, error) { return s.Get(ctx, ws, cluster) })
}

// All iterates over all of a workspace's clusters.
func (s *ClustersService) All(ctx context.Context, ws string) iter.Seq2[*Cluster, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*ClusterList, error) { return s.List(ctx, ws, o) })
}

// Update changes a cluster. The operation id is empty when the change was immediate (name,
// region, project); otherwise the cluster is "updating" until the operation ends.
func (s *ClustersService) Update(ctx context.Context, ws, cluster string, opts ClusterUpdateOptions) (*Cluster, string, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "clusters", seg{"cluster", cluster})
	return splitChange(sendJSON[clusterChange](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion))
}

// Delete starts deleting a cluster and returns it (status "deleting") with the operation id;
// ifVersion, when non-zero, is sent as If-Match. WaitUntilDeleted waits for it to be gone.
func (s *ClustersService) Delete(ctx context.Context, ws, cluster string, ifVersion int64) (*Cluster, string, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "clusters", seg{"cluster", cluster})
	if err != nil {
		return nil, "", err
	}
	out := new(clusterChange)
	if err := s.c.do(ctx, call{method: http.MethodDelete, path: p, ifVersion: ifVersion}, out); err != nil {
		return nil, "", err
	}
	if out.ID == "" {
		return nil, out.OperationID, nil // a bodiless answer: nothing to show
	}
	return &out.Cluster, out.OperationID, nil
}

func splitChange(ch *clusterChange, err error) (*Cluster, string, error) {
	if err != nil {
		return nil, "", err
	}
	return &ch.Cluster, ch.OperationID, nil
}

// WaitForStatus polls a cluster until its status is one of status and returns it. If the
// cluster turns "failed" instead, it returns the cluster and an error wrapping
// ErrClusterFailed. It waits until ctx ends: give ctx a deadline.
func (s *ClustersService) WaitForStatus(ctx context.Context, ws, cluster string, status ...string) (*Cluster, error) {
	return waitForStatus(ctx, s.c, "cluster", cluster, status,
		func(ctx context.Context) (*Cluster, error) { return s.Get(ctx, ws, cluster) },
		func(c *Cluster) (string, string, string) { return c.Name, c.ID, c.Status }, ClusterFailed, ErrClusterFailed)
}

// WaitUntilDeleted polls a cluster until the server no longer has it (404). It waits until
// ctx ends: give ctx a deadline.
func (s *ClustersService) WaitUntilDeleted(ctx context.Context, ws, cluster string) error {
	return waitUntilGone(ctx, s.c, "cluster", cluster, func(ctx context.Context) (*Cluster, error) { return s.Get(ctx, ws, cluster) },
		func(c *Cluster) string { return c.Status })
}
