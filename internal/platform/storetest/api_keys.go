package storetest

import (
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

var apiKeyTests = []test{
	{"api_keys/create_get_list_update_delete", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		k1 := e.apiKey(w, "ci", "pk_first-secret")
		k2 := &platform.APIKey{ID: platform.NewID(platform.PrefixAPIKey), WorkspaceID: w.ID, Name: "deploy",
			Access: platform.AccessReadOnly, Prefix: "pk_second-se", CreatedBy: "key_parent",
			SecretHash: platform.HashSecret("pk_second-secret"), ExpiresAt: ptr(e.now().Add(90 * 24 * time.Hour))}
		k2.Stamp(e.now())
		e.update(func(tx platform.Tx) error { return tx.CreateAPIKey(k2) })
		same(t, "GetAPIKey", get(e, func(tx platform.Tx) (*platform.APIKey, error) { return tx.GetAPIKey(w.ID, k2.ID) }), k2)
		same(t, "ListAPIKeys", get(e, func(tx platform.Tx) ([]platform.APIKey, error) {
			return tx.ListAPIKeys(w.ID, platform.Page{Limit: 10})
		}), []platform.APIKey{*k1, *k2})

		k1.Name, k1.Access, k1.ExpiresAt = "ci-renamed", platform.AccessReadOnly, ptr(e.now())
		e.touch(&k1.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateAPIKey(k1) })
		same(t, "api key after update", get(e, func(tx platform.Tx) (*platform.APIKey, error) { return tx.GetAPIKey(w.ID, k1.ID) }), k1)
		stale := *k1
		stale.Version = 1
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateAPIKey(&stale) }), platform.CodeAborted, "api key", q(k1.ID))

		e.update(func(tx platform.Tx) error { return tx.DeleteAPIKey(w.ID, k1.ID) })
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.APIKey, error) { return tx.GetAPIKey(w.ID, k1.ID) }),
			platform.CodeNotFound, "api key", q(k1.ID))
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.DeleteAPIKey(w.ID, k1.ID) }), platform.CodeNotFound, q(k1.ID))
		other := e.workspace("other")
		wantErr(t, getErr(e, func(tx platform.Tx) (*platform.APIKey, error) { return tx.GetAPIKey(other.ID, k2.ID) }),
			platform.CodeNotFound, q(k2.ID))
	}},
	{"api_keys/lookup_by_current_and_previous_secret_hash", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		k := e.apiKey(w, "ci", "pk_old-secret")
		bystander := e.apiKey(w, "other", "pk_bystander")
		lookup := func(secret string) (*platform.APIKey, error) {
			var got *platform.APIKey
			err := e.s.View(e.ctx, func(tx platform.Tx) (err error) {
				got, err = tx.GetAPIKeyBySecretHash(platform.HashSecret(secret))
				return err
			})
			return got, err
		}
		got, err := lookup("pk_old-secret")
		if err != nil {
			t.Fatalf("lookup by current secret: %v", err)
		}
		same(t, "key by current secret", got, k)

		// Rotation with a grace period: the new secret is current, the old one previous.
		k.PreviousSecretHash, k.PreviousExpiresAt = k.SecretHash, ptr(e.now().Add(time.Hour))
		k.SecretHash, k.Prefix = platform.HashSecret("pk_new-secret"), "pk_new-secre"
		e.touch(&k.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateAPIKey(k) })
		for _, secret := range []string{"pk_new-secret", "pk_old-secret"} {
			got, err := lookup(secret)
			if err != nil {
				t.Fatalf("lookup by %s after rotation: %v", secret, err)
			}
			same(t, "key by "+secret, got, k)
		}
		got, err = lookup("pk_bystander")
		if err != nil {
			t.Fatalf("lookup bystander: %v", err)
		}
		same(t, "bystander key", got, bystander)

		_, err = lookup("pk_unknown")
		wantErr(t, err, platform.CodeNotFound)
		if m := message(err); strings.Contains(m, platform.HashSecret("pk_unknown")) {
			t.Errorf("not-found message %q shows the hash", m)
		}

		// The grace period ends: previous cleared, stored as nothing.
		k.PreviousSecretHash, k.PreviousExpiresAt = "", nil
		e.touch(&k.Meta)
		e.update(func(tx platform.Tx) error { return tx.UpdateAPIKey(k) })
		_, err = lookup("pk_old-secret")
		wantErr(t, err, platform.CodeNotFound)
		same(t, "key after clearing the previous secret", get(e, func(tx platform.Tx) (*platform.APIKey, error) {
			return tx.GetAPIKey(w.ID, k.ID)
		}), k)
	}},
	{"api_keys/duplicate_secret_and_missing_workspace", func(t *testing.T, e *env) {
		w := e.workspace("shop")
		e.apiKey(w, "ci", "pk_same-secret")
		other := e.apiKey(w, "other", "pk_other-secret")
		dup := &platform.APIKey{ID: platform.NewID(platform.PrefixAPIKey), WorkspaceID: w.ID, Name: "dup",
			Access: platform.AccessReadOnly, SecretHash: platform.HashSecret("pk_same-secret")}
		dup.Stamp(e.now())
		err := e.try(func(tx platform.Tx) error { return tx.CreateAPIKey(dup) })
		wantErr(t, err, platform.CodeAlreadyExists)
		if m := message(err); strings.Contains(m, dup.SecretHash) {
			t.Errorf("message %q shows the secret hash", m)
		}
		other.SecretHash = dup.SecretHash
		e.touch(&other.Meta)
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.UpdateAPIKey(other) }), platform.CodeAlreadyExists)
		orphan := &platform.APIKey{ID: platform.NewID(platform.PrefixAPIKey), WorkspaceID: "ws_missing", Name: "x",
			Access: platform.AccessReadOnly, SecretHash: platform.HashSecret("pk_orphan")}
		orphan.Stamp(e.now())
		wantErr(t, e.try(func(tx platform.Tx) error { return tx.CreateAPIKey(orphan) }),
			platform.CodeNotFound, "workspace", q("ws_missing"))
	}},
}
