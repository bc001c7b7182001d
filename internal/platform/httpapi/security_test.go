package httpapi_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// The findings of the security review (docs/platform.md, "Security decisions"), one test each.

// bootstrapTokenRow reads the platform administrator's token as the database holds it.
func bootstrapTokenRow(t *testing.T, e *env) platform.UserToken {
	t.Helper()
	var tok platform.UserToken
	err := e.store.View(e.ctx, func(tx platform.Tx) error {
		u, err := tx.GetUserByEmail("admin@localhost")
		if err != nil {
			return err
		}
		toks, err := tx.ListUserTokens(u.ID, platform.Page{Limit: 10})
		if err != nil || len(toks) == 0 {
			return fmt.Errorf("bootstrap token: %v", err)
		}
		tok = toks[0]
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// Finding 1: an operator-chosen bootstrap token is stored without a prefix and with a keyed
// hash, so the database alone cannot confirm even a perfect guess; tokens under 32 characters
// are refused.
func TestSecurity_OperatorTokenUselessFromTheDatabase(t *testing.T) {
	const token = "operator-chosen-admin-token-2026-abcdef"
	e := newEnvWith(t, httpapi.Options{}, token)
	row := bootstrapTokenRow(t, e)
	if row.Prefix != "" {
		t.Errorf("the stored prefix %q gives part of the token away", row.Prefix)
	}
	// The attacker's best case: the right token, checked against the stored hash with every
	// unkeyed construction (plain SHA-256 as before, HMAC with an empty or guessed key).
	for name, guess := range map[string]string{
		"sha256":           hex.EncodeToString(sum(token)),
		"hmac, empty key":  "k1:" + hex.EncodeToString(hmacSum(nil, token)),
		"hmac, token key":  "k1:" + hex.EncodeToString(hmacSum([]byte(token), token)),
		"hmac, zero key":   "k1:" + hex.EncodeToString(hmacSum(make([]byte, 32), token)),
		"sha256 with k1: ": "k1:" + hex.EncodeToString(sum(token)),
	} {
		if row.SecretHash == guess {
			t.Errorf("the stored hash confirms the right token without the server key (%s)", name)
		}
	}
	// The token works, of course.
	if me := e.must(200, req{Method: "GET", Path: "/v1/me", Token: token}); me["platform_admin"] != true {
		t.Fatalf("bootstrap token: %v", me)
	}
	if _, err := e.svc.Bootstrap(e.ctx, "admin@localhost", "operator-token-of-31-characters"); !platform.IsCode(err, platform.CodeInvalidArgument) {
		t.Errorf("a 31-character bootstrap token: %v, want invalid_argument", err)
	}
}

// A token stored by an earlier version (plain SHA-256 and a prefix) still works, and is
// re-stored keyed, without prefix, on its first use.
func TestSecurity_LegacyOperatorTokenIsRehashed(t *testing.T) {
	const token = "legacy-operator-token-0123456789-abcdef"
	e := newEnvWith(t, httpapi.Options{}, "bootstrap-token-for-httpapi-tests")
	row := bootstrapTokenRow(t, e)
	row.SecretHash, row.Prefix = platform.HashSecret(token), token[:12]
	row.Version++
	if err := e.store.Update(e.ctx, func(tx platform.Tx) error { return tx.UpdateUserToken(&row) }); err != nil {
		t.Fatal(err)
	}
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: token})
	after := bootstrapTokenRow(t, e)
	if after.Prefix != "" || !strings.HasPrefix(after.SecretHash, "k1:") {
		t.Fatalf("legacy token not re-stored: prefix %q, hash %q", after.Prefix, after.SecretHash)
	}
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: token})
}

func sum(s string) []byte { h := sha256.Sum256([]byte(s)); return h[:] }

func hmacSum(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

// Finding 2: an idempotent answer that carries a secret cannot be unsealed from the database
// alone, whatever the length of the caller's credential (the server accepts 32-512 for a
// chosen one); the caller's credential with the server's key can.
func TestSecurity_SealedAnswersNeedTheServerKey(t *testing.T) {
	for _, n := range []int{32, 63, 64, 65, 92, 128, 512} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			token := strings.Repeat("t", n-4) + fmt.Sprintf("%04d", n)
			key := bytes.Repeat([]byte{7}, 32)
			e := newEnvWith(t, httpapi.Options{SecretKey: key}, token)
			e.must(201, req{Method: "POST", Path: "/v1/admin/users/victim@example.com/tokens", Token: token,
				Header: map[string]string{"Idempotency-Key": "mint-1"}, Body: map[string]any{"name": "ci"}})
			row := bootstrapTokenRow(t, e)
			var rec *platform.IdempotencyRecord
			if err := e.store.View(e.ctx, func(tx platform.Tx) (err error) {
				rec, err = tx.GetIdempotencyRecord(row.ID, "mint-1")
				return err
			}); err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(rec.Body, []byte("pt_")) {
				t.Fatal("the record holds the minted secret in plain text")
			}
			// Everything the database holds about the caller, as key material, with both the
			// old and the new derivation.
			stored := []byte(row.SecretHash)
			raw, _ := hex.DecodeString(strings.TrimPrefix(row.SecretHash, "k1:"))
			for name, k := range map[string][]byte{
				"v1 keyed by the stored hash":      hmacSum(stored, "platform idempotency record v1"),
				"v1 keyed by the raw hash":         hmacSum(raw, "platform idempotency record v1"),
				"v1 keyed by the token's SHA-256":  hmacSum(sum(token), "platform idempotency record v1"),
				"v2 from the stored hash, no salt": hkdfKey(stored, nil),
				"v2 from the raw hash, no salt":    hkdfKey(raw, nil),
				"v2 from the SHA-256, no salt":     hkdfKey(sum(token), nil),
				"v2 from the raw hash as salt":     hkdfKey(sum(token), raw),
			} {
				if _, ok := unseal(rec, k); ok {
					t.Errorf("unsealed from the database alone (%s)", name)
				}
			}
			// The credential alone, without the server's key, does not either; with it, it does.
			if _, ok := unseal(rec, hkdfKey([]byte(token), nil)); ok {
				t.Error("unsealed with the credential but without the server key")
			}
			if body, ok := unseal(rec, hkdfKey([]byte(token), key)); !ok || !bytes.Contains(body, []byte(`"secret":"pt_`)) {
				t.Error("the rightful caller's key does not unseal the record")
			}
		})
	}
}

func hkdfKey(secret, salt []byte) []byte {
	k, err := hkdf.Key(sha256.New, secret, salt, "platform idempotency record v2", 32)
	if err != nil {
		panic(err)
	}
	return k
}

// unseal opens a sealed record body (either version) with key.
func unseal(rec *platform.IdempotencyRecord, key []byte) ([]byte, bool) {
	body := rec.Body
	for _, magic := range []string{"\x00sealed2\x00", "\x00sealed1\x00"} {
		body = bytes.TrimPrefix(body, []byte(magic))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, false
	}
	aead, err := cipher.NewGCM(block)
	if err != nil || len(body) < aead.NonceSize() {
		return nil, false
	}
	aad := []byte(rec.Caller + "\x00" + rec.Key + "\x00" + rec.RequestHash)
	out, err := aead.Open(nil, body[:aead.NonceSize()], body[aead.NonceSize():], aad)
	return out, err == nil
}

// Finding 4: only a workspace owner sets, changes or clears the managing organization, and
// its members, who administer the workspace without being members, are listed for audit.
func TestSecurity_ManagingOrganizationIsTheOwnersCall(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	owner, admin := e.token("owner@example.com"), e.token("admin@example.com")
	ws := e.workspace(owner, "pro")
	base := "/v1/workspaces/" + ws
	e.must(201, req{Method: "POST", Path: base + "/members", Token: owner, Body: map[string]any{"email": "admin@example.com", "role": "admin"}})
	org := e.must(201, req{Method: "POST", Path: "/v1/organizations", Token: admin, Body: map[string]any{"slug": "hidden", "name": "Hidden"}})
	e.must(201, req{Method: "POST", Path: "/v1/organizations/hidden/members", Token: admin,
		Body: map[string]any{"email": "accomplice@example.com", "role": "member"}})
	// The admin (billing.manage) cannot plant the organization, nor can a dry run.
	for _, path := range []string{base, base + "?validate_only=true"} {
		r := e.do(req{Method: "PATCH", Path: path, Token: admin, Body: map[string]any{"managing_organization_id": org["id"]}})
		if er := assertError(t, r, 403, "permission_denied", ""); !strings.Contains(er["message"].(string), "only a workspace owner") {
			t.Fatalf("admin sets the managing organization: %s", r)
		}
	}
	// The owner who is also an owner of the organization can; its members are listed.
	e.must(201, req{Method: "POST", Path: "/v1/organizations/hidden/members", Token: admin,
		Body: map[string]any{"email": "owner@example.com", "role": "owner"}})
	e.must(200, req{Method: "PATCH", Path: base, Token: owner, Body: map[string]any{"managing_organization_id": org["id"]}})
	var emails []string
	for _, it := range items(t, e.must(200, req{Method: "GET", Path: base + "/managing-organization/members", Token: owner})) {
		emails = append(emails, it.(map[string]any)["email"].(string))
	}
	if strings.Join(emails, ",") != "admin@example.com,accomplice@example.com,owner@example.com" {
		t.Fatalf("managing organization members: %v", emails)
	}
	// An admin cannot clear it either.
	assertError(t, e.do(req{Method: "PATCH", Path: base, Token: admin, Body: map[string]any{"managing_organization_id": ""}}),
		403, "permission_denied", "")
}

// Finding 5: one rate-limit bucket per user, whatever number of tokens they hold, and at
// most 50 active tokens per user.
func TestSecurity_RateLimitPerUserAndTokenCap(t *testing.T) {
	e := newEnv(t, httpapi.Options{RateLimit: 0.01, RateBurst: 5})
	var toks []string
	for range 4 {
		toks = append(toks, e.token("many@example.com"))
	}
	ok := 0
	for _, tok := range toks {
		for range 3 {
			if r := e.do(req{Method: "GET", Path: "/v1/me", Token: tok}); r.Status == 200 {
				ok++
			}
		}
	}
	if ok != 5 {
		t.Errorf("4 tokens of one user got %d requests through, want the user's burst of 5", ok)
	}

	e = newEnv(t, httpapi.Options{})
	for i := range platform.MaxActiveUserTokens - 1 { // the first is minted by the administrator below
		if i == 0 {
			toks = []string{e.token("hoarder@example.com")}
		}
		e.must(201, req{Method: "POST", Path: "/v1/me/tokens", Token: toks[0], Body: map[string]any{"name": fmt.Sprint(i)}})
	}
	r := e.do(req{Method: "POST", Path: "/v1/me/tokens", Token: toks[0], Body: map[string]any{"name": "one too many"}})
	if er := assertError(t, r, 409, "quota_exceeded", ""); !strings.Contains(er["message"].(string), "at most 50 active user tokens") {
		t.Fatalf("51st token: %s", r)
	}
	assertError(t, e.do(req{Method: "POST", Path: "/v1/admin/users/hoarder@example.com/tokens", Token: adminToken,
		Body: map[string]any{"name": "admin-minted"}}), 409, "quota_exceeded", "")
}

// Finding 6: a custom role that grants more than the caller holds can be neither narrowed nor
// deleted by them, and authorization comes before "still assigned".
func TestSecurity_CustomRoleChangesNeedItsPermissions(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	owner, admin := e.token("owner@example.com"), e.token("admin@example.com")
	ws := e.workspace(owner, "enterprise")
	base := "/v1/workspaces/" + ws
	e.must(201, req{Method: "POST", Path: base + "/members", Token: owner, Body: map[string]any{"email": "admin@example.com", "role": "admin"}})
	role := e.must(201, req{Method: "POST", Path: base + "/roles", Token: owner,
		Body: map[string]any{"name": "deleter", "permissions": []string{"workspace.read", "workspace.delete"}}})
	e.must(201, req{Method: "POST", Path: base + "/members", Token: owner, Body: map[string]any{"email": "holder@example.com", "role": role["id"]}})
	for _, q := range []req{
		{Method: "PATCH", Path: base + "/roles/deleter", Token: admin, Body: map[string]any{"permissions": []string{"members.read"}}},
		{Method: "PATCH", Path: base + "/roles/deleter", Token: admin, Body: map[string]any{"description": "mine now"}},
		{Method: "DELETE", Path: base + "/roles/deleter", Token: admin},
	} {
		if er := assertError(t, e.do(q), 403, "permission_denied", ""); !strings.Contains(er["message"].(string), "workspace.delete") {
			t.Errorf("%s by an admin: %v", q.Method, er)
		}
	}
	// The owner gets the 409 for the assigned role.
	assertError(t, e.do(req{Method: "DELETE", Path: base + "/roles/deleter", Token: owner}), 409, "failed_precondition", "")
}

// Finding 7: a dry-run invite answers the same for an e-mail of an active platform user and a
// never-seen one, so nobody learns who uses the platform; real invites are "invited" either way.
func TestSecurity_InviteTellsNothingAboutTheEmail(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	owner := e.token("owner@example.com")
	known := e.token("known@example.com")
	e.must(200, req{Method: "GET", Path: "/v1/me", Token: known}) // an active platform user
	ws := e.workspace(owner, "pro")
	answer := func(email, query string) map[string]any {
		m := e.must(map[bool]int{true: 200, false: 201}[query != ""], req{Method: "POST",
			Path: "/v1/workspaces/" + ws + "/members" + query, Token: owner, Body: map[string]any{"email": email, "role": "viewer"}})
		delete(m, "email")
		return m
	}
	if a, b := answer("known@example.com", "?validate_only=true"), answer("never-seen@example.com", "?validate_only=true"); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("dry-run invites differ:\n known %v\n new   %v", a, b)
	}
	for _, email := range []string{"known@example.com", "never-seen@example.com"} {
		if m := answer(email, ""); m["status"] != "invited" {
			t.Errorf("invite of %s answers status %v", email, m["status"])
		}
	}
}

// Finding 8: page tokens are encrypted: no readable cursor, a fresh token every time, and any
// change to one is refused.
func TestSecurity_PageTokensRevealNothing(t *testing.T) {
	e := newEnv(t, httpapi.Options{})
	owner := e.token("owner@example.com")
	ws := e.workspace(owner, "pro")
	for i := range 3 {
		e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: owner,
			Body: map[string]any{"slug": fmt.Sprintf("p%d-x", i), "name": "P"}})
	}
	list := "/v1/workspaces/" + ws + "/projects?page_size=1"
	first := e.must(200, req{Method: "GET", Path: list, Token: owner})["next_page_token"].(string)
	again := e.must(200, req{Method: "GET", Path: list, Token: owner})["next_page_token"].(string)
	if first == again {
		t.Error("the same page gives the same token twice: tokens are not randomised")
	}
	raw, err := base64.RawURLEncoding.DecodeString(first)
	if err != nil {
		t.Fatal(err)
	}
	// The cursor is the first project's sequence number, a small number: as 8 big-endian bytes
	// it would show as seven zero bytes.
	for seq := uint64(1); seq < 1000; seq++ {
		var b [8]byte
		binary.BigEndian.PutUint64(b[:], seq)
		if bytes.Contains(raw, b[:]) {
			t.Fatalf("the token shows the cursor %d", seq)
		}
	}
	for i := range raw {
		tampered := bytes.Clone(raw)
		tampered[i] ^= 1
		r := e.do(req{Method: "GET", Path: list + "&page_token=" + base64.RawURLEncoding.EncodeToString(tampered), Token: owner})
		assertError(t, r, 400, "invalid_argument", "page_token")
	}
	e.must(200, req{Method: "GET", Path: list + "&page_token=" + first, Token: owner})
}
