package client

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// Access is an API key's access level.
type Access string

// Access levels.
const (
	AccessReadOnly  Access = "read_only"
	AccessReadWrite Access = "read_write"
)

// APIKey is a workspace-scoped credential. It never carries its secret: that is shown only by
// Create and Rotate (CreatedAPIKey).
type APIKey struct {
	ID          string     `json:"id"`
	WorkspaceID string     `json:"workspace_id"`
	Name        string     `json:"name"`
	Access      Access     `json:"access"`
	Prefix      string     `json:"prefix"`
	ExpiresAt   *time.Time `json:"expires_at"`
	CreatedBy   string     `json:"created_by"`
	Meta
}

// CreatedAPIKey is an API key with its secret, as answered by Create and Rotate only.
type CreatedAPIKey struct {
	APIKey
	Secret Secret `json:"secret"`
}

// APIKeyCreateOptions create an API key.
type APIKeyCreateOptions struct {
	Name      string     `json:"name"`
	Access    Access     `json:"access"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// APIKeyUpdateOptions rename a key; its access cannot change (create a new key instead).
type APIKeyUpdateOptions struct {
	Name      *string `json:"name,omitempty"`
	IfVersion int64   `json:"-"`
}

// APIKeyRotateOptions rotate a key: the old secret keeps working for GracePeriodSeconds
// (0-86400, default 0).
type APIKeyRotateOptions struct {
	GracePeriodSeconds int `json:"grace_period_seconds,omitempty"`
}

// APIKeyList is a page of API keys.
type APIKeyList = Page[APIKey]

// APIKeysService manages /v1/workspaces/{ws}/api-keys. Keys are named by id (key_...).
type APIKeysService struct{ c *Client }

// Create makes an API key and returns it with its secret, which is never shown again.
func (s *APIKeysService) Create(ctx context.Context, ws string, opts APIKeyCreateOptions) (*CreatedAPIKey, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "api-keys")
	return sendJSON[CreatedAPIKey](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads an API key (without its secret).
func (s *APIKeysService) Get(ctx context.Context, ws, key string) (*APIKey, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "api-keys", seg{"api key", key})
	return getJSON[APIKey](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's API keys (without secrets).
func (s *APIKeysService) List(ctx context.Context, ws string, opts ListOptions) (*APIKeyList, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "api-keys")
	return listPage[APIKey](ctx, s.c, p, err, opts)
}

// Refresh reads a API key like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *APIKeysService) Refresh(ctx context.Context, ws, key string) (*APIKey, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "api-keys")
	return refresh(ctx, s.c, p, err, key, func(x *APIKey) []string { return []string{x.ID} },
		func() (*APIKey, error) { return s.Get(ctx, ws, key) })
}

// All iterates over all of a workspace's API keys.
func (s *APIKeysService) All(ctx context.Context, ws string) iter.Seq2[*APIKey, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*APIKeyList, error) { return s.List(ctx, ws, o) })
}

// Update renames an API key.
func (s *APIKeysService) Update(ctx context.Context, ws, key string, opts APIKeyUpdateOptions) (*APIKey, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "api-keys", seg{"api key", key})
	return sendJSON[APIKey](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Rotate gives a key a new secret and returns it. Retries of one Rotate share an
// idempotency key, so a lost answer is replayed with the same secret, not rotated twice.
func (s *APIKeysService) Rotate(ctx context.Context, ws, key string, opts APIKeyRotateOptions) (*CreatedAPIKey, error) {
	p, err := path("workspaces", seg{"workspace", ws}, "api-keys", seg{"api key", key}, "rotate")
	return sendJSON[CreatedAPIKey](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Delete revokes an API key; ifVersion, when non-zero, is sent as If-Match.
func (s *APIKeysService) Delete(ctx context.Context, ws, key string, ifVersion int64) error {
	p, err := path("workspaces", seg{"workspace", ws}, "api-keys", seg{"api key", key})
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
