package service_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// API keys (docs/platform.md section 5).

func TestAPIKey_SecretShownOnlyOnCreateAndRotate(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	k, err := f.svc.CreateAPIKey(f.ctx, tm.owner, tm.ws.Slug, service.APIKeyInput{Name: "ci", Access: platform.AccessReadWrite})
	must(t, err)
	if platform.SecretKind(k.Secret) != platform.SecretPrefixAPIKey {
		t.Fatalf("create answered secret %q: not a well-formed pk_ key", k.Secret)
	}
	if k.Prefix != k.Secret[:platform.DisplayPrefixLen] {
		t.Errorf("prefix %q is not the first %d characters of the secret", k.Prefix, platform.DisplayPrefixLen)
	}
	created, err := json.Marshal(k)
	must(t, err)
	if !strings.Contains(string(created), k.Secret) {
		t.Errorf("create answer JSON lacks the secret: %s", created)
	}

	rotated, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{})
	must(t, err)
	if rotated.Secret == "" || rotated.Secret == k.Secret || rotated.Prefix != rotated.Secret[:platform.DisplayPrefixLen] {
		t.Errorf("rotate answered secret %q prefix %q (old secret %q)", rotated.Secret, rotated.Prefix, k.Secret)
	}

	got, err := f.svc.GetAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID)
	must(t, err)
	list, err := f.svc.ListAPIKeys(f.ctx, tm.owner, tm.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 1 {
		t.Fatalf("ListAPIKeys: %+v", list.Items)
	}
	for what, v := range map[string]any{"get": got, "list": list.Items} {
		b, err := json.Marshal(v)
		must(t, err)
		s := string(b)
		for _, secret := range []string{k.Secret, rotated.Secret, platform.HashSecret(k.Secret), platform.HashSecret(rotated.Secret)} {
			if strings.Contains(s, secret) {
				t.Errorf("%s answer JSON reveals a secret or its hash: %s", what, s)
			}
		}
		for _, field := range []string{`"secret`, `hash`, `previous`} {
			if strings.Contains(strings.ToLower(s), field) {
				t.Errorf("%s answer JSON has a %s field: %s", what, field, s)
			}
		}
		if !strings.Contains(s, `"prefix":"`+rotated.Prefix+`"`) {
			t.Errorf("%s answer JSON lacks the current prefix: %s", what, s)
		}
	}

	// Keys are managed only with api_keys.manage.
	_, err = f.svc.GetAPIKey(f.ctx, tm.member, tm.ws.Slug, k.ID)
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermAPIKeysManage))
	_, err = f.svc.ListAPIKeys(f.ctx, f.auth(rotated.Secret), tm.ws.Slug, service.ListOptions{})
	wantCode(t, err, platform.CodePermissionDenied, string(platform.PermAPIKeysManage))
}

func TestAPIKey_SecretAuthenticatesAsAPIKeyPrincipal(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	for _, access := range []platform.Access{platform.AccessReadOnly, platform.AccessReadWrite} {
		k, err := f.svc.CreateAPIKey(f.ctx, tm.admin, tm.ws.Slug, service.APIKeyInput{Name: string(access), Access: access})
		must(t, err)
		p, err := f.svc.Authenticate(f.ctx, k.Secret)
		must(t, err)
		if !p.IsAPIKey() || p.APIKeyID != k.ID || p.WorkspaceID != tm.ws.ID || p.Access != access || p.UserID != "" || p.PlatformAdmin {
			t.Errorf("principal of a %s key: %+v", access, p)
		}
		me, err := f.svc.Me(f.ctx, p)
		must(t, err)
		if me.Type != "api_key" || me.APIKeyID != k.ID || me.WorkspaceSlug != tm.ws.Slug || me.Access != string(access) {
			t.Errorf("Me of a %s key: %+v", access, me)
		}
	}
	// A tampered secret (checksum broken) or an unknown well-formed one is refused.
	k, err := f.svc.CreateAPIKey(f.ctx, tm.owner, tm.ws.Slug, service.APIKeyInput{Name: "x", Access: platform.AccessReadOnly})
	wantCode(t, err, platform.CodeQuotaExceeded) // two keys already: the free plan is full
	keys, err := f.svc.ListAPIKeys(f.ctx, tm.owner, tm.ws.Slug, service.ListOptions{})
	must(t, err)
	if len(keys.Items) != 2 || k != nil {
		t.Fatalf("keys: %+v", keys.Items)
	}
	good, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, keys.Items[0].ID, service.RotateInput{})
	must(t, err)
	last := good.Secret[len(good.Secret)-1]
	tampered := good.Secret[:len(good.Secret)-1] + map[bool]string{true: "A", false: "B"}[last != 'A']
	for _, s := range []string{tampered, platform.NewSecret(platform.SecretPrefixAPIKey), strings.ToUpper(good.Secret), good.Secret + " "} {
		_, err := f.svc.Authenticate(f.ctx, s)
		wantCode(t, err, platform.CodeUnauthenticated)
	}
	if _, err := f.svc.Authenticate(f.ctx, good.Secret); err != nil {
		t.Errorf("the untampered secret: %v", err)
	}
}

func TestAPIKey_ExpiredKeyIsUnauthenticated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	expires := f.clock.Now().Add(time.Hour)
	k, err := f.svc.CreateAPIKey(f.ctx, tm.owner, tm.ws.Slug, service.APIKeyInput{Name: "short", Access: platform.AccessReadOnly, ExpiresAt: &expires})
	must(t, err)
	if k.ExpiresAt == nil || !k.ExpiresAt.Equal(expires) {
		t.Errorf("expires_at: got %v, want %v", k.ExpiresAt, expires)
	}
	f.clock.Advance(59 * time.Minute)
	if _, err := f.svc.Authenticate(f.ctx, k.Secret); err != nil {
		t.Fatalf("key before its expiry: %v", err)
	}
	f.clock.Advance(time.Minute)
	_, err = f.svc.Authenticate(f.ctx, k.Secret)
	e := wantCode(t, err, platform.CodeUnauthenticated)
	if e.Message != "api key expired" {
		t.Errorf("message: got %q, want %q", e.Message, "api key expired")
	}
	if strings.Contains(err.Error(), k.Secret) || strings.Contains(err.Error(), k.Prefix) {
		t.Errorf("error echoes the secret: %v", err)
	}

	// An expiry in the past is refused at creation.
	past := f.clock.Now().Add(-time.Second)
	_, err = f.svc.CreateAPIKey(f.ctx, tm.owner, tm.ws.Slug, service.APIKeyInput{Name: "past", Access: platform.AccessReadOnly, ExpiresAt: &past})
	wantFields(t, err, "expires_at")
}

func TestAPIKey_RotateWithoutGraceRevokesOldSecretAtOnce(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	k, _ := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	r, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{GracePeriodSeconds: 0})
	must(t, err)
	_, err = f.svc.Authenticate(f.ctx, k.Secret)
	wantCode(t, err, platform.CodeUnauthenticated)
	p, err := f.svc.Authenticate(f.ctx, r.Secret)
	must(t, err)
	if p.APIKeyID != k.ID {
		t.Errorf("new secret authenticates as %+v, want key %s", p, k.ID)
	}
	if r.ID != k.ID || r.Version != k.Version+1 {
		t.Errorf("rotated key: id %s version %d, want id %s version %d", r.ID, r.Version, k.ID, k.Version+1)
	}
}

func TestAPIKey_RotateWithGraceKeepsOldSecretUntilGraceEnds(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	k, _ := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	r, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{GracePeriodSeconds: 60})
	must(t, err)
	for _, s := range []string{k.Secret, r.Secret} {
		p, err := f.svc.Authenticate(f.ctx, s)
		must(t, err)
		if p.APIKeyID != k.ID {
			t.Errorf("principal during grace: %+v", p)
		}
	}
	f.clock.Advance(59 * time.Second)
	if _, err := f.svc.Authenticate(f.ctx, k.Secret); err != nil {
		t.Fatalf("old secret 59s into a 60s grace period: %v", err)
	}
	f.clock.Advance(2 * time.Second)
	_, err = f.svc.Authenticate(f.ctx, k.Secret)
	wantCode(t, err, platform.CodeUnauthenticated)
	if _, err := f.svc.Authenticate(f.ctx, r.Secret); err != nil {
		t.Errorf("new secret after the grace period: %v", err)
	}

	// A second rotation within a grace period ends the first one's grace.
	r2, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{GracePeriodSeconds: 600})
	must(t, err)
	r3, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{GracePeriodSeconds: 600})
	must(t, err)
	_, err = f.svc.Authenticate(f.ctx, r.Secret)
	wantCode(t, err, platform.CodeUnauthenticated)
	for _, s := range []string{r2.Secret, r3.Secret} {
		if _, err := f.svc.Authenticate(f.ctx, s); err != nil {
			t.Errorf("secret within grace: %v", err)
		}
	}

	// Bad grace periods.
	for _, g := range []int{-1, 86401} {
		_, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{GracePeriodSeconds: g})
		wantFields(t, err, "grace_period_seconds")
	}
}

// TestAPIKey_ExpiryAlsoEndsPreviousSecret: an expired key is expired, whichever of its secrets
// is presented. A grace period that outlasts the key must not keep the rotated-out secret alive.
func TestAPIKey_ExpiryAlsoEndsPreviousSecret(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	expires := f.clock.Now().Add(time.Minute)
	k, err := f.svc.CreateAPIKey(f.ctx, tm.owner, tm.ws.Slug, service.APIKeyInput{Name: "short", Access: platform.AccessReadWrite, ExpiresAt: &expires})
	must(t, err)
	r, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{GracePeriodSeconds: 3600})
	must(t, err)
	f.clock.Advance(2 * time.Minute) // past the key's expiry, inside the grace period
	_, err = f.svc.Authenticate(f.ctx, r.Secret)
	wantCode(t, err, platform.CodeUnauthenticated, "api key expired")
	_, err = f.svc.Authenticate(f.ctx, k.Secret)
	if !platform.IsCode(err, platform.CodeUnauthenticated) {
		t.Errorf("previous secret of an expired key (inside the rotation grace period): got %v, want unauthenticated \"api key expired\"", err)
	}
}

func TestAPIKey_DeletedKeyIsUnauthenticated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	k, _ := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	r, err := f.svc.RotateAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, service.RotateInput{GracePeriodSeconds: 3600})
	must(t, err)
	must(t, f.svc.DeleteAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID, 0))
	for _, s := range []string{k.Secret, r.Secret} {
		_, err := f.svc.Authenticate(f.ctx, s)
		wantCode(t, err, platform.CodeUnauthenticated)
	}
	_, err = f.svc.GetAPIKey(f.ctx, tm.owner, tm.ws.Slug, k.ID)
	wantCode(t, err, platform.CodeNotFound)
	// The freed slot counts no more.
	if u := f.usage(tm.ws, tm.owner); u.Usage.APIKeys != 0 {
		t.Errorf("api keys after delete: %d", u.Usage.APIKeys)
	}
}
