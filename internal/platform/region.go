package platform

// Region is an organizational label for grouping clusters.
type Region struct {
	ID          string `json:"id"`
	WorkspaceID string `json:"workspace_id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Meta
}

// Validate checks a region's fields.
func (r *Region) Validate() error {
	var v Violations
	ValidateResourceName(&v, "name", r.Name)
	ValidateDescription(&v, "description", r.Description)
	return v.Err()
}
