package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const releaseCols = `r.seq, r.id, r.workspace_id, r.product_id, r.tag, r.chart, r.notes, r.yanked,
	r.created_at, r.updated_at, r.version`

func scanRelease(s scanner, r *platform.Release) error {
	return s.Scan(&r.Seq, &r.ID, &r.WorkspaceID, &r.ProductID, &r.Tag, &r.Chart, &r.Notes, &r.Yanked,
		timeCol{&r.CreatedAt}, timeCol{&r.UpdatedAt}, &r.Version)
}

func (t *tx) CreateRelease(r *platform.Release) error {
	seq, err := t.insert("create release",
		`INSERT INTO releases (id, workspace_id, product_id, tag, chart, notes, yanked, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{r.ID, r.WorkspaceID, r.ProductID, r.Tag, r.Chart, r.Notes, r.Yanked,
			formatTime(r.CreatedAt), formatTime(r.UpdatedAt), r.Version},
		taken(alreadyExists("release %q already exists for this product", r.Tag),
			`SELECT 1 FROM releases WHERE product_id = ? AND tag = ?`, r.ProductID, r.Tag),
		taken(alreadyExists("release %q already exists", r.ID), `SELECT 1 FROM releases WHERE id = ?`, r.ID),
		missing(platform.NotFound("workspace", r.WorkspaceID), `SELECT 1 FROM workspaces WHERE id = ?`, r.WorkspaceID),
		missing(platform.NotFound("product", r.ProductID), `SELECT 1 FROM products WHERE id = ?`, r.ProductID),
	)
	if err != nil {
		return err
	}
	r.Seq = seq
	return nil
}

func (t *tx) GetRelease(productID, id string) (*platform.Release, error) {
	return one(t, "release", id, scanRelease,
		`SELECT `+releaseCols+` FROM releases r WHERE r.product_id = ? AND r.id = ?`, productID, id)
}

func (t *tx) GetReleaseByTag(productID, tag string) (*platform.Release, error) {
	return one(t, "release", tag, scanRelease,
		`SELECT `+releaseCols+` FROM releases r WHERE r.product_id = ? AND r.tag = ?`, productID, tag)
}

func (t *tx) ListReleases(productID string, page platform.Page) ([]platform.Release, error) {
	return many(t, "list releases", page.Limit, scanRelease,
		`SELECT `+releaseCols+` FROM releases r WHERE r.product_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`,
		productID, page.After, limit(page.Limit))
}

// UpdateRelease writes what may change: the tag and chart are immutable.
func (t *tx) UpdateRelease(r *platform.Release) error {
	return t.update(row{kind: "release", ref: r.ID, table: "releases",
		where: "product_id = ? AND id = ?", args: []any{r.ProductID, r.ID}}, r.Version,
		"notes = ?, yanked = ?, updated_at = ?, version = ?",
		[]any{r.Notes, r.Yanked, formatTime(r.UpdatedAt), r.Version},
	)
}

func (t *tx) DeleteRelease(productID, id string) error {
	return t.remove(row{kind: "release", ref: id, table: "releases",
		where: "product_id = ? AND id = ?", args: []any{productID, id}})
}
