package platform

import "time"

// User is a person, identified by a case-insensitive e-mail. Created implicitly on first invite.
type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	// Active is set once the user first authenticates (workspace memberships have their own status).
	Active bool `json:"active"`
	// PlatformAdmin marks the bootstrap user: it may mint tokens for any e-mail, nothing more.
	PlatformAdmin bool `json:"platform_admin"`
	Meta
}

// UserToken is a bearer credential of a user. Only the SHA-256 of the secret is stored.
type UserToken struct {
	ID         string     `json:"id"`
	UserID     string     `json:"user_id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	SecretHash string     `json:"-"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	Meta
}

// Validate checks a user token's fields; expires_at must lie after now.
func (t *UserToken) Validate(now time.Time) error {
	var v Violations
	ValidateDisplayName(&v, "name", t.Name)
	ValidateExpiry(&v, "expires_at", t.ExpiresAt, now)
	return v.Err()
}
