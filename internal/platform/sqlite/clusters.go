package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const clusterCols = `c.seq, c.id, c.workspace_id, c.name, c.region_id, c.project_id, c.cloud, c.location,
	c.kubernetes_version, c.node_pools, c.status, c.endpoint, c.created_at, c.updated_at, c.version`

func scanCluster(s scanner, c *platform.Cluster) error {
	err := s.Scan(&c.Seq, &c.ID, &c.WorkspaceID, &c.Name, refCol{&c.RegionID}, refCol{&c.ProjectID},
		stringCol[platform.Cloud]{&c.Cloud}, &c.Location, &c.KubernetesVersion, jsonCol{&c.NodePools},
		&c.Status, &c.Endpoint, timeCol{&c.CreatedAt}, timeCol{&c.UpdatedAt}, &c.Version)
	if c.NodePools == nil {
		c.NodePools = []platform.NodePool{}
	}
	return err
}

// clusterRefChecks explain a foreign-key violation of a cluster's optional references.
func clusterRefChecks(c *platform.Cluster) []check {
	return []check{
		missingRef(c.RegionID, platform.NotFound("region", c.RegionID),
			`SELECT 1 FROM regions WHERE id = ?`),
		missingRef(c.ProjectID, platform.NotFound("project", c.ProjectID),
			`SELECT 1 FROM projects WHERE id = ?`),
	}
}

func (t *tx) CreateCluster(c *platform.Cluster) error {
	pools, err := jsonText(c.NodePools, "[]")
	if err != nil {
		return fail("create cluster", err)
	}
	checks := append([]check{
		taken(alreadyExists("cluster name %q already exists in this workspace", c.Name),
			`SELECT 1 FROM clusters WHERE workspace_id = ? AND name = ?`, c.WorkspaceID, c.Name),
		taken(alreadyExists("cluster %q already exists", c.ID), `SELECT 1 FROM clusters WHERE id = ?`, c.ID),
		missing(platform.NotFound("workspace", c.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, c.WorkspaceID),
	}, clusterRefChecks(c)...)
	seq, err := t.insert("create cluster",
		`INSERT INTO clusters (id, workspace_id, name, region_id, project_id, cloud, location, kubernetes_version,
		 node_pools, status, endpoint, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{c.ID, c.WorkspaceID, c.Name, nullable(c.RegionID), nullable(c.ProjectID), string(c.Cloud), c.Location,
			c.KubernetesVersion, pools, c.Status, c.Endpoint, formatTime(c.CreatedAt), formatTime(c.UpdatedAt), c.Version},
		checks...,
	)
	if err != nil {
		return err
	}
	c.Seq = seq
	return nil
}

func (t *tx) GetCluster(workspaceID, id string) (*platform.Cluster, error) {
	return one(t, "cluster", id, scanCluster,
		`SELECT `+clusterCols+` FROM clusters c WHERE c.workspace_id = ? AND c.id = ?`, workspaceID, id)
}

func (t *tx) GetClusterByName(workspaceID, name string) (*platform.Cluster, error) {
	return one(t, "cluster", name, scanCluster,
		`SELECT `+clusterCols+` FROM clusters c WHERE c.workspace_id = ? AND c.name = ?`, workspaceID, name)
}

func (t *tx) ListClusters(workspaceID string, page platform.Page) ([]platform.Cluster, error) {
	return many(t, "list clusters", page.Limit, scanCluster,
		`SELECT `+clusterCols+` FROM clusters c WHERE c.workspace_id = ? AND c.seq > ? ORDER BY c.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

func (t *tx) UpdateCluster(c *platform.Cluster) error {
	pools, err := jsonText(c.NodePools, "[]")
	if err != nil {
		return fail("update cluster", err)
	}
	checks := append([]check{
		taken(alreadyExists("cluster name %q already exists in this workspace", c.Name),
			`SELECT 1 FROM clusters WHERE workspace_id = ? AND name = ? AND id <> ?`, c.WorkspaceID, c.Name, c.ID),
	}, clusterRefChecks(c)...)
	return t.update(row{kind: "cluster", ref: c.ID, table: "clusters",
		where: "workspace_id = ? AND id = ?", args: []any{c.WorkspaceID, c.ID}}, c.Version,
		`name = ?, region_id = ?, project_id = ?, cloud = ?, location = ?, kubernetes_version = ?,
		 node_pools = ?, status = ?, endpoint = ?, updated_at = ?, version = ?`,
		[]any{c.Name, nullable(c.RegionID), nullable(c.ProjectID), string(c.Cloud), c.Location, c.KubernetesVersion,
			pools, c.Status, c.Endpoint, formatTime(c.UpdatedAt), c.Version},
		checks...,
	)
}

// DeleteCluster is refused while installations or deployments run on it.
func (t *tx) DeleteCluster(workspaceID, id string) error {
	return t.remove(row{kind: "cluster", ref: id, table: "clusters",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}},
		taken(platform.Errorf(platform.CodeFailedPrecondition, "cluster %q still has installations", id),
			`SELECT 1 FROM installations WHERE cluster_id = ?`, id),
		taken(platform.Errorf(platform.CodeFailedPrecondition, "cluster %q still has deployments", id),
			`SELECT 1 FROM deployments WHERE cluster_id = ?`, id),
	)
}
