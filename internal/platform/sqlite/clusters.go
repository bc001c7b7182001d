package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const regionCols = `r.seq, r.id, r.workspace_id, r.name, r.description, r.created_at, r.updated_at, r.version`

func scanRegion(s scanner, r *platform.Region) error {
	return s.Scan(&r.Seq, &r.ID, &r.WorkspaceID, &r.Name, &r.Description,
		timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}, &r.Version)
}

func (t *tx) CreateRegion(r *platform.Region) error {
	seq, err := t.insert("create region",
		`INSERT INTO regions (id, workspace_id, name, description, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{r.ID, r.WorkspaceID, r.Name, r.Description, formatTime(r.CreatedAt), formatTime(r.UpdatedAt), r.Version},
		taken(alreadyExists("region name %q already exists in this workspace", r.Name),
			`SELECT 1 FROM regions WHERE workspace_id = ? AND name = ?`, r.WorkspaceID, r.Name),
		taken(alreadyExists("region %q already exists", r.ID), `SELECT 1 FROM regions WHERE id = ?`, r.ID),
		missing(platform.NotFound("workspace", r.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, r.WorkspaceID),
	)
	if err != nil {
		return err
	}
	r.Seq = seq
	return nil
}

func (t *tx) GetRegion(workspaceID, id string) (*platform.Region, error) {
	return one(t, "region", id, scanRegion,
		`SELECT `+regionCols+` FROM regions r WHERE r.workspace_id = ? AND r.id = ?`, workspaceID, id)
}

func (t *tx) GetRegionByName(workspaceID, name string) (*platform.Region, error) {
	return one(t, "region", name, scanRegion,
		`SELECT `+regionCols+` FROM regions r WHERE r.workspace_id = ? AND r.name = ?`, workspaceID, name)
}

func (t *tx) ListRegions(workspaceID string, page platform.Page) ([]platform.Region, error) {
	return many(t, "list regions", page.Limit, scanRegion,
		`SELECT `+regionCols+` FROM regions r WHERE r.workspace_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`,
		workspaceID, page.After, limit(page.Limit))
}

func (t *tx) UpdateRegion(r *platform.Region) error {
	return t.update(row{kind: "region", ref: r.ID, table: "regions",
		where: "workspace_id = ? AND id = ?", args: []any{r.WorkspaceID, r.ID}}, r.Version,
		"name = ?, description = ?, updated_at = ?, version = ?",
		[]any{r.Name, r.Description, formatTime(r.UpdatedAt), r.Version},
		taken(alreadyExists("region name %q already exists in this workspace", r.Name),
			`SELECT 1 FROM regions WHERE workspace_id = ? AND name = ? AND id <> ?`, r.WorkspaceID, r.Name, r.ID),
	)
}

// DeleteRegion is refused while clusters are in the region (the foreign key does not cascade).
func (t *tx) DeleteRegion(workspaceID, id string) error {
	return t.remove(row{kind: "region", ref: id, table: "regions",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}},
		taken(platform.Errorf(platform.CodeFailedPrecondition, "region %q still has clusters", id),
			`SELECT 1 FROM clusters WHERE region_id = ?`, id),
	)
}

func (t *tx) CountClustersInRegion(workspaceID, regionID string) (int, error) {
	return t.count("count clusters in region",
		`SELECT COUNT(*) FROM clusters WHERE workspace_id = ? AND region_id = ?`, workspaceID, regionID)
}

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

func (t *tx) DeleteCluster(workspaceID, id string) error {
	return t.remove(row{kind: "cluster", ref: id, table: "clusters",
		where: "workspace_id = ? AND id = ?", args: []any{workspaceID, id}})
}
