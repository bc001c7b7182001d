package service

import (
	"context"
	"errors"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// maxCredentialLen bounds what is hashed for a lookup; longer input is refused outright.
const maxCredentialLen = 512

var errBadCredentials = platform.Errorf(platform.CodeUnauthenticated, "invalid credentials")

// Authenticate resolves a bearer credential to a principal. Only hashes are looked up and
// compared (in constant time: platform.CredentialHash); the secret itself is never stored,
// logged or put in an error.
func (s *Service) Authenticate(ctx context.Context, secret string) (*platform.Principal, error) {
	if secret == "" || len(secret) > maxCredentialLen {
		return nil, errBadCredentials
	}
	hash := platform.CredentialHash(s.secretKey, secret)
	if p, ok := s.auth.get(hash, s.Now()); ok {
		return p, nil
	}
	generation := s.auth.generation()
	var (
		p          *platform.Principal
		validUntil time.Time
		activate   bool
		err        error
	)
	if platform.SecretKind(secret) == platform.SecretPrefixAPIKey {
		p, validUntil, err = view2(ctx, s, func(t *txn) (*platform.Principal, time.Time, error) { return t.authenticateKey(hash) })
	} else {
		// User tokens: generated ones are pt_ secrets, but a bootstrap token may be any string
		// the operator chose, so any other credential is looked up as a user token.
		var r userAuth
		r, activate, err = view2(ctx, s, func(t *txn) (userAuth, bool, error) { return t.authenticateUser(hash) })
		if errors.Is(err, errBadCredentials) && platform.SecretKind(secret) == "" {
			r, activate, err = s.upgradeLegacyToken(ctx, secret, hash)
		}
		p, validUntil = r.principal, r.validUntil
	}
	if err != nil {
		return nil, err
	}
	if !activate {
		s.auth.put(hash, authEntry{principal: *p, generation: generation, validUntil: validUntil})
		return p, nil
	}
	// The activation below is a write, so the next request looks the credential up again.
	return update(ctx, s, nil, func(t *txn) (*platform.Principal, error) {
		u, err := t.GetUser(p.UserID)
		if err != nil {
			return nil, err
		}
		if !u.Active {
			u.Active = true
			u.Touch(t.now)
			if err := t.UpdateUser(u); err != nil && !platform.IsCode(err, platform.CodeAborted) {
				return nil, err
			}
		}
		return p, nil
	})
}

// upgradeLegacyToken finds a chosen credential stored by an earlier version (plain SHA-256,
// with a display prefix) and stores it as a keyed hash without prefix, so that the database
// stops holding something a guess can be checked against.
func (s *Service) upgradeLegacyToken(ctx context.Context, secret, keyed string) (userAuth, bool, error) {
	legacy := platform.HashSecret(secret)
	r, activate, err := view2(ctx, s, func(t *txn) (userAuth, bool, error) { return t.authenticateUser(legacy) })
	if err != nil {
		return r, activate, err
	}
	_, err = update(ctx, s, nil, func(t *txn) (struct{}, error) {
		tok, _, err := t.GetUserTokenBySecretHash(legacy)
		if err != nil {
			return struct{}{}, err
		}
		tok.SecretHash, tok.Prefix = keyed, ""
		tok.Touch(t.now)
		return struct{}{}, t.UpdateUserToken(tok)
	})
	return r, activate, err
}

func view2[A, B any](ctx context.Context, s *Service, fn func(t *txn) (A, B, error)) (A, B, error) {
	var a A
	var b B
	err := s.store.View(ctx, func(tx platform.Tx) error {
		var err error
		a, b, err = fn(&txn{Tx: tx, now: s.Now()})
		return err
	})
	return a, b, err
}

// authenticateKey returns the key's principal and until when the presented secret is valid
// (zero: no expiry).
func (t *txn) authenticateKey(hash string) (*platform.Principal, time.Time, error) {
	var never time.Time
	k, err := t.GetAPIKeyBySecretHash(hash)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, never, errBadCredentials
	}
	if err != nil {
		return nil, never, err
	}
	if k.ExpiresAt != nil && !t.now.Before(*k.ExpiresAt) {
		// An expired key is expired whichever of its secrets is presented.
		return nil, never, platform.Errorf(platform.CodeUnauthenticated, "api key expired")
	}
	validUntil := earliest(never, k.ExpiresAt)
	switch {
	case platform.SecretHashEqual(k.SecretHash, hash):
	case platform.SecretHashEqual(k.PreviousSecretHash, hash):
		// A rotated-out secret works until its grace period ends.
		if k.PreviousExpiresAt == nil || !t.now.Before(*k.PreviousExpiresAt) {
			return nil, never, platform.Errorf(platform.CodeUnauthenticated, "api key expired")
		}
		validUntil = earliest(validUntil, k.PreviousExpiresAt)
	default:
		return nil, never, errBadCredentials
	}
	return &platform.Principal{APIKeyID: k.ID, WorkspaceID: k.WorkspaceID, Access: k.Access}, validUntil, nil
}

type userAuth struct {
	principal  *platform.Principal
	validUntil time.Time
}

func (t *txn) authenticateUser(hash string) (userAuth, bool, error) {
	tok, u, err := t.GetUserTokenBySecretHash(hash)
	if platform.IsCode(err, platform.CodeNotFound) {
		return userAuth{}, false, errBadCredentials
	}
	if err != nil {
		return userAuth{}, false, err
	}
	if !platform.SecretHashEqual(tok.SecretHash, hash) {
		return userAuth{}, false, errBadCredentials
	}
	if tok.ExpiresAt != nil && !t.now.Before(*tok.ExpiresAt) {
		return userAuth{}, false, platform.Errorf(platform.CodeUnauthenticated, "token expired")
	}
	p := &platform.Principal{UserID: u.ID, Email: u.Email, PlatformAdmin: u.PlatformAdmin, TokenID: tok.ID}
	return userAuth{principal: p, validUntil: earliest(time.Time{}, tok.ExpiresAt)}, !u.Active, nil
}

// BootstrapResult tells what Bootstrap did.
type BootstrapResult struct {
	Created bool
	Email   string
	// Token is the bootstrap user's token when Bootstrap generated it (shown once); empty
	// when the operator supplied one or nothing was created.
	Token string
}

// Bootstrap creates the platform administrator with a user token on an empty database. token
// may be empty, in which case one is generated and returned once. On a database that already
// has users it does nothing.
func (s *Service) Bootstrap(ctx context.Context, email, token string) (BootstrapResult, error) {
	email = platform.NormalizeEmail(email)
	var v platform.Violations
	platform.ValidateEmail(&v, "PLATFORM_BOOTSTRAP_EMAIL", email)
	if token != "" && len(token) < platform.MinOperatorTokenLen || len(token) > maxCredentialLen {
		v.Addf("PLATFORM_BOOTSTRAP_TOKEN", "must be %d-%d characters", platform.MinOperatorTokenLen, maxCredentialLen)
	}
	if err := v.Err(); err != nil {
		return BootstrapResult{}, err
	}
	return update(ctx, s, nil, func(t *txn) (BootstrapResult, error) {
		n, err := t.CountUsers()
		if err != nil || n > 0 {
			return BootstrapResult{Email: email}, err
		}
		u := &platform.User{ID: platform.NewID(platform.PrefixUser), Email: email, Active: true, PlatformAdmin: true}
		u.Stamp(t.now)
		if err := t.CreateUser(u); err != nil {
			return BootstrapResult{}, err
		}
		res := BootstrapResult{Created: true, Email: email}
		if token == "" {
			token = platform.NewSecret(platform.SecretPrefixUserToken)
			res.Token = token
		}
		// A chosen token gets no display prefix (it would give part of it away) and a keyed hash.
		tok := &platform.UserToken{ID: platform.NewID(platform.PrefixUserToken), UserID: u.ID, Name: "bootstrap",
			Prefix: platform.DisplayPrefix(token), SecretHash: platform.CredentialHash(s.secretKey, token)}
		tok.Stamp(t.now)
		if err := t.CreateUserToken(tok); err != nil {
			return BootstrapResult{}, err
		}
		return res, t.audit("", "", "user.bootstrap", u.ID)
	})
}

// Me describes the caller (GET /v1/me).
type Me struct {
	Type          string `json:"type"` // "user" or "api_key"
	UserID        string `json:"user_id,omitempty"`
	Email         string `json:"email,omitempty"`
	PlatformAdmin bool   `json:"platform_admin,omitempty"`
	TokenID       string `json:"token_id,omitempty"`
	APIKeyID      string `json:"api_key_id,omitempty"`
	WorkspaceID   string `json:"workspace_id,omitempty"`
	WorkspaceSlug string `json:"workspace_slug,omitempty"`
	Access        string `json:"access,omitempty"`
}

// Me answers who the caller is.
func (s *Service) Me(ctx context.Context, caller *platform.Principal) (*Me, error) {
	if !caller.IsAPIKey() {
		return &Me{Type: "user", UserID: caller.UserID, Email: caller.Email,
			PlatformAdmin: caller.PlatformAdmin, TokenID: caller.TokenID}, nil
	}
	return view(ctx, s, caller, func(t *txn) (*Me, error) {
		ws, err := t.GetWorkspace(caller.WorkspaceID)
		if err != nil {
			return nil, err
		}
		return &Me{Type: "api_key", APIKeyID: caller.APIKeyID, WorkspaceID: ws.ID,
			WorkspaceSlug: ws.Slug, Access: string(caller.Access)}, nil
	})
}

// TokenInput creates a user token.
type TokenInput struct {
	Name      string     `json:"name"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// CreatedToken is a new user token with its secret, shown only in this answer.
type CreatedToken struct {
	platform.UserToken
	Secret string `json:"secret"`
}

// CreateToken mints another token for the calling user (POST /v1/me/tokens).
func (s *Service) CreateToken(ctx context.Context, caller *platform.Principal, in TokenInput) (*CreatedToken, error) {
	if err := requireUser(caller, "creating a user token"); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*CreatedToken, error) {
		return t.mintToken(caller.UserID, in)
	})
}

func (t *txn) mintToken(userID string, in TokenInput) (*CreatedToken, error) {
	secret := platform.NewSecret(platform.SecretPrefixUserToken)
	tok := platform.UserToken{ID: platform.NewID(platform.PrefixUserToken), UserID: userID, Name: in.Name,
		Prefix: platform.DisplayPrefix(secret), SecretHash: platform.HashSecret(secret), ExpiresAt: utcPtr(in.ExpiresAt)}
	if err := tok.Validate(t.now); err != nil {
		return nil, err
	}
	n, err := t.CountActiveUserTokens(userID, t.now)
	if err != nil {
		return nil, err
	}
	if n >= platform.MaxActiveUserTokens {
		return nil, platform.Errorf(platform.CodeQuotaExceeded,
			"a user holds at most %d active user tokens and this one has %d: delete some (DELETE /v1/me/tokens/{id}) first",
			platform.MaxActiveUserTokens, n)
	}
	tok.Stamp(t.now)
	if err := t.CreateUserToken(&tok); err != nil {
		return nil, err
	}
	if err := t.audit("", "", "user_token.create", tok.ID); err != nil {
		return nil, err
	}
	return &CreatedToken{UserToken: tok, Secret: secret}, nil
}

// ListTokens lists the calling user's tokens (never their secrets).
func (s *Service) ListTokens(ctx context.Context, caller *platform.Principal, opts ListOptions) (Page[platform.UserToken], error) {
	if err := requireUser(caller, "listing user tokens"); err != nil {
		return Page[platform.UserToken]{}, err
	}
	return view(ctx, s, caller, func(t *txn) (Page[platform.UserToken], error) {
		return paginate(opts, func(p platform.Page) ([]platform.UserToken, error) { return t.ListUserTokens(caller.UserID, p) },
			func(x *platform.UserToken) int64 { return x.Seq })
	})
}

// GetToken reads one of the calling user's tokens (never its secret). Another user's token is
// not found.
func (s *Service) GetToken(ctx context.Context, caller *platform.Principal, id string) (*platform.UserToken, error) {
	if err := requireUser(caller, "reading a user token"); err != nil {
		return nil, err
	}
	return view(ctx, s, caller, func(t *txn) (*platform.UserToken, error) {
		tok, err := t.GetUserToken(id)
		if err != nil || tok.UserID != caller.UserID {
			return nil, platform.NotFound("token", id)
		}
		return tok, nil
	})
}

// DeleteToken revokes one of the calling user's tokens.
func (s *Service) DeleteToken(ctx context.Context, caller *platform.Principal, id string) error {
	if err := requireUser(caller, "deleting a user token"); err != nil {
		return err
	}
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		tok, err := t.GetUserToken(id)
		if err != nil || tok.UserID != caller.UserID {
			return struct{}{}, platform.NotFound("token", id)
		}
		if err := t.DeleteUserToken(id); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit("", "", "user_token.delete", id)
	})
	return err
}

// AdminCreateUserToken mints a token for any e-mail, creating the user if needed. Only the
// platform administrator may call it (tests and demos use it to act as any user).
func (s *Service) AdminCreateUserToken(ctx context.Context, caller *platform.Principal, email string, in TokenInput) (*CreatedToken, error) {
	if caller.IsAPIKey() || !caller.PlatformAdmin {
		return nil, platform.Errorf(platform.CodePermissionDenied, "only the platform administrator may mint tokens for other users")
	}
	email = platform.NormalizeEmail(email)
	var v platform.Violations
	platform.ValidateEmail(&v, "email", email)
	if err := v.Err(); err != nil {
		return nil, err
	}
	if in.Name == "" {
		in.Name = "issued by the platform administrator"
	}
	return update(ctx, s, caller, func(t *txn) (*CreatedToken, error) {
		u, err := t.userForInvite(email)
		if err != nil {
			return nil, err
		}
		return t.mintToken(u.ID, in)
	})
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC().Truncate(time.Microsecond)
	return &u
}

// checkVersion enforces If-Match: want 0 means no precondition.
func checkVersion(kind string, current, want int64) error {
	if want != 0 && want != current {
		return platform.Errorf(platform.CodeAborted, "%s is at version %d, not %d (If-Match): read it again", kind, current, want)
	}
	return nil
}
