package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var userTokenTests = []test{
	{"user_tokens/create_get_lookup_list_delete", func(t *testing.T, e *env) {
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		k1 := e.userToken(alice, "laptop", "pt_secret-one")
		k2 := &platform.UserToken{ID: platform.NewID(platform.PrefixUserToken), UserID: alice.ID, Name: "ci",
			Prefix: "pt_secret-tw", SecretHash: platform.HashSecret("pt_secret-two"), ExpiresAt: ptr(e.now().AddDate(0, 1, 0))}
		k2.Stamp(e.now())
		e.update(func(tx platform.Tx) error { return tx.CreateUserToken(k2) })
		kb := e.userToken(bob, "bob", "pt_secret-bob")

		same(t, "GetUserToken", get(e, func(tx platform.Tx) (*platform.UserToken, error) { return tx.GetUserToken(k2.ID) }), k2)
		for _, c := range []struct {
			secret string
			tok    *platform.UserToken
			user   *platform.User
		}{{"pt_secret-one", k1, alice}, {"pt_secret-two", k2, alice}, {"pt_secret-bob", kb, bob}} {
			var tok *platform.UserToken
			var u *platform.User
			e.view(func(tx platform.Tx) (err error) {
				tok, u, err = tx.GetUserTokenBySecretHash(platform.HashSecret(c.secret))
				return err
			})
			same(t, "GetUserTokenBySecretHash token", tok, c.tok)
			same(t, "GetUserTokenBySecretHash user", u, c.user)
		}
		list := get(e, func(tx platform.Tx) ([]platform.UserToken, error) {
			return tx.ListUserTokens(alice.ID, platform.Page{Limit: 10})
		})
		same(t, "ListUserTokens", list, []platform.UserToken{*k1, *k2})

		e.update(func(tx platform.Tx) error { return tx.DeleteUserToken(k1.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.UserToken, error) { return tx.GetUserToken(k1.ID) }),
			platform.CodeNotFound, "user token", q(k1.ID))
		err := e.s.View(e.ctx, func(tx platform.Tx) error {
			_, _, err := tx.GetUserTokenBySecretHash(platform.HashSecret("pt_secret-one"))
			return err
		})
		wantErr(t, err, platform.CodeNotFound)
		if m := message(err); strings.Contains(m, platform.HashSecret("pt_secret-one")) {
			t.Errorf("message %q shows the secret hash", m)
		}
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteUserToken(k1.ID) }), platform.CodeNotFound, q(k1.ID))
		same(t, "bob's token", get(e, func(tx platform.Tx) (*platform.UserToken, error) { return tx.GetUserToken(kb.ID) }), kb)
	}},
	{"user_tokens/duplicate_secret_and_missing_user", func(t *testing.T, e *env) {
		alice := e.user("alice@example.com")
		e.userToken(alice, "laptop", "pt_secret-one")
		dup := &platform.UserToken{ID: platform.NewID(platform.PrefixUserToken), UserID: alice.ID, Name: "again",
			Prefix: "pt_secret-on", SecretHash: platform.HashSecret("pt_secret-one")}
		dup.Stamp(e.now())
		err := e.try(func(tx platform.Tx) error { return tx.CreateUserToken(dup) })
		wantErr(t, err, platform.CodeAlreadyExists)
		if m := message(err); strings.Contains(m, dup.SecretHash) {
			t.Errorf("message %q shows the secret hash", m)
		}
		orphan := &platform.UserToken{ID: platform.NewID(platform.PrefixUserToken), UserID: "usr_missing", Name: "x",
			Prefix: "pt_other", SecretHash: platform.HashSecret("pt_other")}
		orphan.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateUserToken(orphan) }),
			platform.CodeNotFound, "user", q("usr_missing"))
	}},
	{"user_tokens/update_and_count_active", func(t *testing.T, e *env) {
		alice := e.user("alice@example.com")
		bob := e.user("bob@example.com")
		k := e.userToken(alice, "laptop", "pt_secret-one")
		expired := &platform.UserToken{ID: platform.NewID(platform.PrefixUserToken), UserID: alice.ID, Name: "old",
			Prefix: "pt_old", SecretHash: platform.HashSecret("pt_old"), ExpiresAt: ptr(e.now().Add(time.Hour))}
		expired.Stamp(e.now())
		e.update(func(tx platform.Tx) error { return tx.CreateUserToken(expired) })
		e.userToken(bob, "bob", "pt_secret-bob")
		count := func(at time.Time) int {
			return get(e, func(tx platform.Tx) (int, error) { return tx.CountActiveUserTokens(alice.ID, at) })
		}
		if n := count(e.now()); n != 2 {
			t.Errorf("CountActiveUserTokens before the expiry = %d, want 2", n)
		}
		if n := count(expired.ExpiresAt.Add(time.Second).In(time.FixedZone("X", 3600))); n != 1 {
			t.Errorf("CountActiveUserTokens after the expiry = %d, want 1", n)
		}

		// A new secret hash (and no prefix) replaces the old one for lookups.
		k.SecretHash, k.Prefix = "k1:rehashed", ""
		e.touch(&k.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateUserToken(k) })
		same(t, "updated token", get(e, func(tx platform.Tx) (*platform.UserToken, error) { return tx.GetUserToken(k.ID) }), k)
		var found *platform.UserToken
		e.view(func(tx platform.Tx) (err error) {
			found, _, err = tx.GetUserTokenBySecretHash("k1:rehashed")
			return err
		})
		same(t, "lookup by the new hash", found, k)
		wantErr(t, e.s.View(e.ctx, func(tx platform.Tx) error {
			_, _, err := tx.GetUserTokenBySecretHash(platform.HashSecret("pt_secret-one"))
			return err
		}), platform.CodeNotFound)
		stale := *k
		stale.Version--
		e.touch(&stale.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateUserToken(&stale) }), platform.CodeAborted)
	}},
}
