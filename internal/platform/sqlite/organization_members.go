package sqlite

import (
	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

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
