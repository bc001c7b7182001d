package platform

// Member statuses.
const (
	MemberInvited = "invited"
	MemberActive  = "active"
)

// WorkspaceMember is a user with a workspace role (built-in name or custom role id).
type WorkspaceMember struct {
	WorkspaceID string `json:"workspace_id"`
	UserID      string `json:"user_id"`
	Email       string `json:"email"`
	Role        string `json:"role"`
	Status      string `json:"status"`
	Meta
}

// ValidateWorkspaceRole accepts a built-in workspace role or a custom role id.
func ValidateWorkspaceRole(v *Violations, field, role string) {
	validateRole(v, field, role, RoleOwner, RoleAdmin, RoleMember, RoleViewer)
}
