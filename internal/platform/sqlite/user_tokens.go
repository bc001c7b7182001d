package sqlite

import (
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const userTokenCols = `k.seq, k.id, k.user_id, k.name, k.prefix, k.secret_hash, k.expires_at, k.created_at, k.updated_at, k.version`

func scanUserToken(s scanner, k *platform.UserToken) error {
	return s.Scan(&k.Seq, &k.ID, &k.UserID, &k.Name, &k.Prefix, &k.SecretHash, nullTimeCol{&k.ExpiresAt},
		timeCol{&k.CreatedAt}, timeCol{&k.UpdatedAt}, &k.Version)
}

func (t *tx) CreateUserToken(k *platform.UserToken) error {
	seq, err := t.insert("create user token",
		`INSERT INTO user_tokens (id, user_id, name, prefix, secret_hash, expires_at, created_at, updated_at, version)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{k.ID, k.UserID, k.Name, k.Prefix, k.SecretHash, nullableTime(k.ExpiresAt),
			formatTime(k.CreatedAt), formatTime(k.UpdatedAt), k.Version},
		taken(alreadyExists("user token %q already exists", k.ID), `SELECT 1 FROM user_tokens WHERE id = ?`, k.ID),
		// The hash is not shown: it identifies a credential.
		taken(alreadyExists("a user token with this secret already exists"),
			`SELECT 1 FROM user_tokens WHERE secret_hash = ?`, k.SecretHash),
		missing(platform.NotFound("user", k.UserID), `SELECT 1 FROM users WHERE id = ?`, k.UserID),
	)
	if err != nil {
		return err
	}
	k.Seq = seq
	return nil
}

func (t *tx) GetUserToken(id string) (*platform.UserToken, error) {
	return one(t, "user token", id, scanUserToken,
		`SELECT `+userTokenCols+` FROM user_tokens k WHERE k.id = ?`, id)
}

// GetUserTokenBySecretHash joins the user to the token: the user always exists (its tokens
// cascade with it).
func (t *tx) GetUserTokenBySecretHash(hash string) (*platform.UserToken, *platform.User, error) {
	var u platform.User
	k, err := one(t, "user token", "", func(s scanner, k *platform.UserToken) error {
		return s.Scan(&k.Seq, &k.ID, &k.UserID, &k.Name, &k.Prefix, &k.SecretHash, nullTimeCol{&k.ExpiresAt},
			timeCol{&k.CreatedAt}, timeCol{&k.UpdatedAt}, &k.Version,
			&u.Seq, &u.ID, &u.Email, &u.Active, &u.PlatformAdmin, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt}, &u.Version)
	}, `SELECT `+userTokenCols+`, `+userCols+` FROM user_tokens k JOIN users u ON u.id = k.user_id
	    WHERE k.secret_hash = ?`, hash)
	if err != nil {
		return nil, nil, err
	}
	return k, &u, nil
}

// UpdateUserToken rewrites a token's name, prefix, secret hash and expiry (a version check like
// every update).
func (t *tx) UpdateUserToken(k *platform.UserToken) error {
	return t.update(row{kind: "user token", ref: k.ID, table: "user_tokens", where: "id = ?", args: []any{k.ID}}, k.Version,
		"name = ?, prefix = ?, secret_hash = ?, expires_at = ?, updated_at = ?, version = ?",
		[]any{k.Name, k.Prefix, k.SecretHash, nullableTime(k.ExpiresAt), formatTime(k.UpdatedAt), k.Version},
	)
}

// CountActiveUserTokens counts a user's tokens that have not expired at t (timestamps compare
// as text: the stored form is fixed-width UTC).
func (t *tx) CountActiveUserTokens(userID string, at time.Time) (int, error) {
	return t.count("count user tokens",
		`SELECT COUNT(*) FROM user_tokens WHERE user_id = ? AND (expires_at IS NULL OR expires_at > ?)`, userID, formatTime(at))
}

func (t *tx) ListUserTokens(userID string, page platform.Page) ([]platform.UserToken, error) {
	return many(t, "list user tokens", page.Limit, scanUserToken,
		`SELECT `+userTokenCols+` FROM user_tokens k WHERE k.user_id = ? AND k.seq > ? ORDER BY k.seq LIMIT ?`,
		userID, page.After, limit(page.Limit))
}

func (t *tx) DeleteUserToken(id string) error {
	return t.remove(row{kind: "user token", ref: id, table: "user_tokens", where: "id = ?", args: []any{id}})
}
