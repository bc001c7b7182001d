package client

import "context"

// Principal types of Me.Type.
const (
	PrincipalUser   = "user"
	PrincipalAPIKey = "api_key"
)

// Me describes the caller: a user (through a user token) or an API key.
type Me struct {
	Type          string `json:"type"` // PrincipalUser or PrincipalAPIKey
	UserID        string `json:"user_id,omitempty"`
	Email         string `json:"email,omitempty"`
	PlatformAdmin bool   `json:"platform_admin,omitempty"`
	TokenID       string `json:"token_id,omitempty"`
	APIKeyID      string `json:"api_key_id,omitempty"`
	WorkspaceID   string `json:"workspace_id,omitempty"`
	WorkspaceSlug string `json:"workspace_slug,omitempty"`
	Access        string `json:"access,omitempty"`
}

// MeService answers GET /v1/me.
type MeService struct{ c *Client }

// Get returns who the caller is.
func (s *MeService) Get(ctx context.Context) (*Me, error) {
	p, err := path("me")
	return getJSON[Me](ctx, s.c, p, err, nil)
}
