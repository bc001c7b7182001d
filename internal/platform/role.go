package platform

import (
	"fmt"
	"slices"
	"strings"
)

// Role is a custom role: a named set of permissions, enterprise plan only.
type Role struct {
	ID          string       `json:"id"`
	WorkspaceID string       `json:"workspace_id"`
	Name        string       `json:"name"`
	Description string       `json:"description"`
	Permissions []Permission `json:"permissions"`
	Meta
}

// ValidatePermissions checks a custom role's permissions: at least one, all known, no repeats.
func ValidatePermissions(v *Violations, field string, ps []Permission) {
	if len(ps) == 0 {
		v.Add(field, "must list at least one permission")
		return
	}
	seen := make(map[Permission]bool, len(ps))
	for i, p := range ps {
		at := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case !KnownPermission(p):
			v.Addf(at, "unknown permission %q: must be one of %s", p, catalogueList())
		case seen[p]:
			v.Addf(at, "%q is listed more than once", p)
		}
		seen[p] = true
	}
}

func catalogueList() string {
	names := make([]string, len(Catalogue))
	for i, p := range Catalogue {
		names[i] = string(p)
	}
	return strings.Join(names, ", ")
}

// Validate checks a custom role. A built-in role name is refused so that a role argument
// such as "admin" is never ambiguous.
func (r *Role) Validate() error {
	var v Violations
	if slices.Contains(BuiltinRoles, r.Name) {
		v.Add("name", "is a built-in role")
	} else {
		ValidateResourceName(&v, "name", r.Name)
	}
	ValidateDescription(&v, "description", r.Description)
	ValidatePermissions(&v, "permissions", r.Permissions)
	return v.Err()
}
