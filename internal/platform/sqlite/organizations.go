package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const orgCols = `o.seq, o.id, o.slug, o.name, o.created_at, o.updated_at, o.version`

func scanOrg(s scanner, o *platform.Organization) error {
	return s.Scan(&o.Seq, &o.ID, &o.Slug, &o.Name, timeCol{&o.CreatedAt}, timeCol{&o.UpdatedAt}, &o.Version)
}

func (t *tx) CreateOrganization(o *platform.Organization) error {
	seq, err := t.insert("create organization",
		`INSERT INTO organizations (id, slug, name, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{o.ID, o.Slug, o.Name, formatTime(o.CreatedAt), formatTime(o.UpdatedAt), o.Version},
		taken(alreadyExists("organization slug %q already exists", o.Slug), `SELECT 1 FROM organizations WHERE slug = ?`, o.Slug),
		taken(alreadyExists("organization %q already exists", o.ID), `SELECT 1 FROM organizations WHERE id = ?`, o.ID),
	)
	if err != nil {
		return err
	}
	o.Seq = seq
	return nil
}

func (t *tx) GetOrganization(id string) (*platform.Organization, error) {
	return one(t, "organization", id, scanOrg,
		`SELECT `+orgCols+` FROM organizations o WHERE o.id = ?`, id)
}

func (t *tx) GetOrganizationBySlug(slug string) (*platform.Organization, error) {
	return one(t, "organization", slug, scanOrg,
		`SELECT `+orgCols+` FROM organizations o WHERE o.slug = ?`, slug)
}

func (t *tx) ListOrganizationsForUser(userID string, page platform.Page) ([]platform.Organization, error) {
	return many(t, "list organizations", page.Limit, scanOrg,
		`SELECT `+orgCols+` FROM organizations o
		 JOIN organization_members m ON m.organization_id = o.id
		 WHERE m.user_id = ? AND o.seq > ? ORDER BY o.seq LIMIT ?`,
		userID, page.After, limit(page.Limit))
}

func (t *tx) UpdateOrganization(o *platform.Organization) error {
	return t.update(row{kind: "organization", ref: o.ID, table: "organizations", where: "id = ?", args: []any{o.ID}}, o.Version,
		"slug = ?, name = ?, updated_at = ?, version = ?",
		[]any{o.Slug, o.Name, formatTime(o.UpdatedAt), o.Version},
		taken(alreadyExists("organization slug %q already exists", o.Slug),
			`SELECT 1 FROM organizations WHERE slug = ? AND id <> ?`, o.Slug, o.ID),
	)
}

// DeleteOrganization removes the organization and its memberships. It is refused while the
// organization manages workspaces (the foreign key restricts it).
func (t *tx) DeleteOrganization(id string) error {
	return t.remove(row{kind: "organization", ref: id, table: "organizations", where: "id = ?", args: []any{id}},
		taken(platform.Errorf(platform.CodeFailedPrecondition, "organization %q still manages workspaces", id),
			`SELECT 1 FROM workspaces WHERE managing_organization_id = ?`, id),
	)
}

func (t *tx) CountWorkspacesManagedBy(orgID string) (int, error) {
	return t.count("count managed workspaces",
		`SELECT COUNT(*) FROM workspaces WHERE managing_organization_id = ?`, orgID)
}
