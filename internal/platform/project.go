package platform

// Project is the primary unit of work inside a workspace.
type Project struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	Slug        string `json:"slug"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Meta
}

// Validate checks a project's own fields.
func (p *Project) Validate() error {
	var v Violations
	ValidateSlug(&v, "slug", p.Slug)
	ValidateDisplayName(&v, "name", p.Name)
	ValidateDescription(&v, "description", p.Description)
	return v.Err()
}
