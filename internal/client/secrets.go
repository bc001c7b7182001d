package client

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// WorkspaceSecret is a named value that installations and deployments receive. The API never
// answers the value: ValueVersion (1, then + 1 on every new value) and ValueUpdatedAt tell when
// it changed.
type WorkspaceSecret struct {
	ID             string    `json:"id"`
	WorkspaceID    string    `json:"workspace_id"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	ValueVersion   int64     `json:"value_version"`
	ValueUpdatedAt time.Time `json:"value_updated_at"`
	Meta
}

// SecretCreateOptions create a secret. Value (1-65536 bytes) is a Secret, so printing the
// options never shows it.
type SecretCreateOptions struct {
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	Value       Secret `json:"value"`
}

// SecretUpdateOptions change a secret; nil fields stay as they are. Name is accepted only
// unchanged (installations and deployments refer to secrets by name). A Value equal to the
// current one changes nothing.
type SecretUpdateOptions struct {
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
	Value       *Secret `json:"value,omitempty"`
	IfVersion   int64   `json:"-"`
}

// SecretList is a page of secrets.
type SecretList = Page[WorkspaceSecret]

// SecretsService manages /v1/workspaces/{ws}/secrets. Secrets are named by id (sec_...) or name.
type SecretsService struct{ c *Client }

func secretPath(ws string, secret ...string) (string, error) {
	parts := []any{"workspaces", seg{"workspace", ws}, "secrets"}
	for _, s := range secret {
		parts = append(parts, seg{"secret", s})
	}
	return path(parts...)
}

// Create makes a secret with its first value.
func (s *SecretsService) Create(ctx context.Context, ws string, opts SecretCreateOptions) (*WorkspaceSecret, error) {
	p, err := secretPath(ws)
	return sendJSON[WorkspaceSecret](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// Get reads a secret (never its value) by id or name.
func (s *SecretsService) Get(ctx context.Context, ws, secret string) (*WorkspaceSecret, error) {
	p, err := secretPath(ws, secret)
	return getJSON[WorkspaceSecret](ctx, s.c, p, err, nil)
}

// List returns one page of a workspace's secrets.
func (s *SecretsService) List(ctx context.Context, ws string, opts ListOptions) (*SecretList, error) {
	p, err := secretPath(ws)
	return listPage[WorkspaceSecret](ctx, s.c, p, err, opts)
}

// Refresh reads a secret like Get, for refreshing many: it shares list pages with the other
// Refresh calls of the same list (see batch_read.go). Found by id; anything else is a Get.
func (s *SecretsService) Refresh(ctx context.Context, ws, secret string) (*WorkspaceSecret, error) {
	p, err := secretPath(ws)
	return refresh(ctx, s.c, p, err, secret, func(x *WorkspaceSecret) []string { return []string{x.ID} },
		func() (*WorkspaceSecret, error) { return s.Get(ctx, ws, secret) })
}

// All iterates over all of a workspace's secrets.
func (s *SecretsService) All(ctx context.Context, ws string) iter.Seq2[*WorkspaceSecret, error] {
	return all(ctx, func(ctx context.Context, o ListOptions) (*SecretList, error) { return s.List(ctx, ws, o) })
}

// Update changes a secret's description or value.
func (s *SecretsService) Update(ctx context.Context, ws, secret string, opts SecretUpdateOptions) (*WorkspaceSecret, error) {
	p, err := secretPath(ws, secret)
	return sendJSON[WorkspaceSecret](ctx, s.c, http.MethodPatch, p, err, opts, opts.IfVersion)
}

// Delete removes a secret (refused while installations or deployments use it); ifVersion, when
// non-zero, is sent as If-Match.
func (s *SecretsService) Delete(ctx context.Context, ws, secret string, ifVersion int64) error {
	p, err := secretPath(ws, secret)
	return deleteCall(ctx, s.c, p, err, nil, ifVersion)
}
