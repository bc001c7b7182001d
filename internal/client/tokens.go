package client

import (
	"context"
	"iter"
	"net/http"
	"time"
)

// UserToken is a user's bearer credential, without its secret.
type UserToken struct {
	ID        string     `json:"id"`
	UserID    string     `json:"user_id"`
	Name      string     `json:"name"`
	Prefix    string     `json:"prefix"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	Meta
}

// CreatedToken is a new user token with its secret, which the server shows only this once.
type CreatedToken struct {
	UserToken
	Secret Secret `json:"secret"`
}

// TokenCreateOptions create a user token.
type TokenCreateOptions struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// TokenList is a page of user tokens.
type TokenList = Page[UserToken]

// TokensService manages the caller's user tokens (/v1/me/tokens) and, for the platform
// administrator, tokens of any user (/v1/admin/users/{email}/tokens).
type TokensService struct{ c *Client }

// Create makes a new token for the calling user.
func (s *TokensService) Create(ctx context.Context, opts TokenCreateOptions) (*CreatedToken, error) {
	p, err := path("me", "tokens")
	return sendJSON[CreatedToken](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// CreateForUser mints a token for any e-mail (creating the user if needed). Only the platform
// administrator may; tests and demos use it to act as any user.
func (s *TokensService) CreateForUser(ctx context.Context, email string, opts TokenCreateOptions) (*CreatedToken, error) {
	p, err := path("admin", "users", seg{"email", email}, "tokens")
	return sendJSON[CreatedToken](ctx, s.c, http.MethodPost, p, err, opts, 0)
}

// List returns one page of the caller's tokens.
func (s *TokensService) List(ctx context.Context, opts ListOptions) (*TokenList, error) {
	p, err := path("me", "tokens")
	return listPage[UserToken](ctx, s.c, p, err, opts)
}

// All iterates over all of the caller's tokens.
func (s *TokensService) All(ctx context.Context) iter.Seq2[*UserToken, error] {
	return all(ctx, s.List)
}

// Get reads one of the caller's tokens (never its secret).
func (s *TokensService) Get(ctx context.Context, id string) (*UserToken, error) {
	p, err := path("me", "tokens", seg{"token id", id})
	return getJSON[UserToken](ctx, s.c, p, err, nil)
}

// Delete revokes one of the caller's tokens.
func (s *TokensService) Delete(ctx context.Context, id string) error {
	p, err := path("me", "tokens", seg{"token id", id})
	return deleteCall(ctx, s.c, p, err, nil, 0)
}
