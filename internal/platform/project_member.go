package platform

// ProjectMember is a project-level role override for a workspace member.
type ProjectMember struct {
	WorkspaceID string `json:"workspace_id"`
	ProjectID   string `json:"project_id"`
	UserID      string `json:"user_id"`
	Email       string `json:"email"`
	Role        string `json:"role"`
	Meta
}

// ValidateProjectRole accepts a built-in project role or a custom role id.
func ValidateProjectRole(v *Violations, field, role string) {
	validateRole(v, field, role, ProjectRoleAdmin, ProjectRoleMember, ProjectRoleViewer)
}
