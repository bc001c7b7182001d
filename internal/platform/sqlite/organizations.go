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

const orgMemberCols = `m.seq, m.organization_id, m.user_id, u.email, m.role, m.created_at, m.updated_at, m.version`

func scanOrgMember(s scanner, m *platform.OrganizationMember) error {
	return s.Scan(&m.Seq, &m.OrganizationID, &m.UserID, &m.Email, &m.Role,
		timeCol{&m.CreatedAt}, timeCol{&m.UpdatedAt}, &m.Version)
}

func (t *tx) CreateOrganizationMember(m *platform.OrganizationMember) error {
	seq, err := t.insert("create organization member",
		`INSERT INTO organization_members (organization_id, user_id, role, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{m.OrganizationID, m.UserID, m.Role, formatTime(m.CreatedAt), formatTime(m.UpdatedAt), m.Version},
		taken(alreadyExists("organization member %q already exists", m.UserID),
			`SELECT 1 FROM organization_members WHERE organization_id = ? AND user_id = ?`, m.OrganizationID, m.UserID),
		missing(platform.NotFound("organization", m.OrganizationID), `SELECT 1 FROM organizations WHERE id = ?`, m.OrganizationID),
		missing(platform.NotFound("user", m.UserID), `SELECT 1 FROM users WHERE id = ?`, m.UserID),
	)
	if err != nil {
		return err
	}
	m.Seq = seq
	return nil
}

func (t *tx) GetOrganizationMember(orgID, userID string) (*platform.OrganizationMember, error) {
	return one(t, "organization member", userID, scanOrgMember,
		`SELECT `+orgMemberCols+` FROM organization_members m JOIN users u ON u.id = m.user_id
		 WHERE m.organization_id = ? AND m.user_id = ?`, orgID, userID)
}

func (t *tx) ListOrganizationMembers(orgID string, page platform.Page) ([]platform.OrganizationMember, error) {
	return many(t, "list organization members", page.Limit, scanOrgMember,
		`SELECT `+orgMemberCols+` FROM organization_members m JOIN users u ON u.id = m.user_id
		 WHERE m.organization_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`,
		orgID, page.After, limit(page.Limit))
}

func (t *tx) UpdateOrganizationMember(m *platform.OrganizationMember) error {
	return t.update(row{kind: "organization member", ref: m.UserID, table: "organization_members",
		where: "organization_id = ? AND user_id = ?", args: []any{m.OrganizationID, m.UserID}}, m.Version,
		"role = ?, updated_at = ?, version = ?",
		[]any{m.Role, formatTime(m.UpdatedAt), m.Version},
	)
}

func (t *tx) DeleteOrganizationMember(orgID, userID string) error {
	return t.remove(row{kind: "organization member", ref: userID, table: "organization_members",
		where: "organization_id = ? AND user_id = ?", args: []any{orgID, userID}})
}

func (t *tx) CountOrganizationOwners(orgID string) (int, error) {
	return t.count("count organization owners",
		`SELECT COUNT(*) FROM organization_members WHERE organization_id = ? AND role = ?`, orgID, platform.OrgRoleOwner)
}

func (t *tx) CountWorkspacesManagedBy(orgID string) (int, error) {
	return t.count("count managed workspaces",
		`SELECT COUNT(*) FROM workspaces WHERE managing_organization_id = ?`, orgID)
}
