package platform

// Organization is an identity for a team; it owns no resources, only access.
type Organization struct {
	ID   string `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
	Meta
}

// Organization member roles.
const (
	OrgRoleOwner  = "owner"
	OrgRoleMember = "member"
)

// OrganizationMember is a user's membership of an organization.
type OrganizationMember struct {
	OrganizationID string `json:"organization_id"`
	UserID         string `json:"user_id"`
	Email          string `json:"email"`
	Role           string `json:"role"`
	Meta
}

// ValidateOrganizationRole accepts an organization role (no custom roles there).
func ValidateOrganizationRole(v *Violations, field, role string) {
	ValidateEnum(v, field, role, OrgRoleOwner, OrgRoleMember)
}

// Validate checks an organization's own fields.
func (o *Organization) Validate() error {
	var v Violations
	ValidateSlug(&v, "slug", o.Slug)
	ValidateDisplayName(&v, "name", o.Name)
	return v.Err()
}
