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
