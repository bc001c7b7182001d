package platform

// Principal is an authenticated caller: a user (through a user token) or an API key.
type Principal struct {
	// Set for users.
	UserID        string
	Email         string
	PlatformAdmin bool
	TokenID       string
	// Set for API keys: the key, its workspace and access.
	APIKeyID    string
	WorkspaceID string
	Access      Access
}

// IsAPIKey reports whether the caller is an API key.
func (p *Principal) IsAPIKey() bool { return p.APIKeyID != "" }

// Actor is the id recorded in audit events: the user id or the API key id.
func (p *Principal) Actor() string {
	if p.IsAPIKey() {
		return p.APIKeyID
	}
	return p.UserID
}

// Subject of an authenticated principal (for idempotency scoping and rate limiting): stable per
// credential, never the secret.
func (p *Principal) Subject() string {
	if p.IsAPIKey() {
		return p.APIKeyID
	}
	return p.TokenID
}
