package platform

import "time"

// Access is an API key's access level.
type Access string

const (
	AccessReadOnly  Access = "read_only"
	AccessReadWrite Access = "read_write"
)

// APIKey is a workspace-scoped credential. Only hashes of secrets are stored. After a rotation
// the previous secret stays valid until PreviousExpiresAt (the grace period).
type APIKey struct {
	ID                 string     `json:"id"`
	WorkspaceID        string     `json:"workspace_id"`
	Name               string     `json:"name"`
	Access             Access     `json:"access"`
	Prefix             string     `json:"prefix"`
	ExpiresAt          *time.Time `json:"expires_at"`
	CreatedBy          string     `json:"created_by"`
	SecretHash         string     `json:"-"`
	PreviousSecretHash string     `json:"-"`
	PreviousExpiresAt  *time.Time `json:"-"`
	Meta
}

// AccessLevels lists the API key access levels.
var AccessLevels = []Access{AccessReadOnly, AccessReadWrite}

// ValidateGracePeriod checks an API key rotation's grace period in seconds.
func ValidateGracePeriod(v *Violations, field string, seconds int) {
	if seconds < 0 || seconds > MaxGracePeriodSeconds {
		v.Addf(field, "must be 0-%d seconds", MaxGracePeriodSeconds)
	}
}

// Validate checks an API key's fields; expires_at must lie after now.
func (k *APIKey) Validate(now time.Time) error {
	var v Violations
	ValidateDisplayName(&v, "name", k.Name)
	ValidateEnum(&v, "access", k.Access, AccessLevels...)
	ValidateExpiry(&v, "expires_at", k.ExpiresAt, now)
	return v.Err()
}
