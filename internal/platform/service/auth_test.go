package service_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Users, user tokens and the platform administrator (docs/platform.md sections 3 and 9).

// A member is invited until they first use that workspace: authenticating, or using another
// workspace, activates nothing; the first call in the workspace does, whatever it answers.
func TestUsers_InvitedUntilFirstUseOfTheWorkspace(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanFree)
	other := f.workspace(owner, platform.PlanFree)

	const email = "Newcomer@Example.com"
	m, err := f.svc.InviteMember(f.ctx, owner, ws.Slug, service.MemberInput{Email: email, Role: platform.RoleMember})
	must(t, err)
	if m.Status != platform.MemberInvited || m.Email != "newcomer@example.com" || !strings.HasPrefix(m.UserID, platform.PrefixUser) {
		t.Fatalf("invited member: %+v", m)
	}
	_, err = f.svc.InviteMember(f.ctx, owner, other.Slug, service.MemberInput{Email: "newcomer@example.com", Role: platform.RoleViewer})
	must(t, err)
	// The same e-mail in another case is the same person.
	_, err = f.svc.InviteMember(f.ctx, owner, ws.Slug, service.MemberInput{Email: "NEWCOMER@example.com", Role: platform.RoleViewer})
	wantCode(t, err, platform.CodeAlreadyExists)

	status := func(w *platform.Workspace) *platform.WorkspaceMember {
		t.Helper()
		got, err := f.svc.GetMember(f.ctx, owner, w.Slug, m.UserID)
		must(t, err)
		return got
	}
	// Minting a token and authenticating activate nobody.
	tok, err := f.svc.AdminCreateUserToken(f.ctx, f.admin, email, service.TokenInput{})
	must(t, err)
	f.clock.Advance(time.Minute)
	p, err := f.svc.Authenticate(f.ctx, tok.Secret)
	must(t, err)
	if p.UserID != m.UserID || p.Email != "newcomer@example.com" || p.IsAPIKey() || p.PlatformAdmin {
		t.Errorf("principal: %+v", p)
	}
	before := status(ws)
	if before.Status != platform.MemberInvited || status(other).Status != platform.MemberInvited {
		t.Fatalf("authentication activated a membership: %+v", before)
	}
	// The first call in ws (even a refused one) activates that membership only.
	_, err = f.svc.UpdateWorkspace(f.ctx, p, ws.Slug, service.WorkspacePatch{Name: ptr("Mine now")}, 0)
	wantCode(t, err, platform.CodePermissionDenied)
	after := status(ws)
	if after.Status != platform.MemberActive || status(other).Status != platform.MemberInvited {
		t.Fatalf("after the first use of %s: %+v, other %+v", ws.Slug, after, status(other))
	}
	after.Status = before.Status
	if *after != *before {
		t.Errorf("activation changed more than the status: before %+v, after %+v", before, after)
	}
	// Both statuses count as members; listing shows the status too.
	list, err := f.svc.ListMembers(f.ctx, owner, ws.Slug, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 2 || list.Items[1].Status != platform.MemberActive {
		t.Errorf("members: %+v", list.Items)
	}
	// A dry run is no use; a read is.
	_, err = f.svc.CreateProject(service.WithValidateOnly(f.ctx), p, other.Slug, service.ProjectInput{Slug: "try", Name: "Try"})
	wantCode(t, err, platform.CodePermissionDenied)
	if status(other).Status != platform.MemberInvited {
		t.Error("a dry run activated the membership")
	}
	_, err = f.svc.GetWorkspace(f.ctx, p, other.Slug)
	must(t, err)
	if status(other).Status != platform.MemberActive {
		t.Error("reading the workspace did not activate the membership")
	}
	// An invite answers invited even for a user who has used the platform for a long time.
	third := f.workspace(owner, platform.PlanFree)
	again, err := f.svc.InviteMember(f.ctx, owner, third.Slug, service.MemberInput{Email: email, Role: platform.RoleViewer})
	must(t, err)
	if again.Status != platform.MemberInvited {
		t.Errorf("invite of an active user answers %q, want invited", again.Status)
	}
}

func TestUserTokens_CreateListDelete(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	u, first := f.login(f.email("u"))
	other := f.newUser("other")

	exp := f.clock.Now().Add(24 * time.Hour)
	tok, err := f.svc.CreateToken(f.ctx, u, service.TokenInput{Name: "laptop", ExpiresAt: &exp})
	must(t, err)
	if platform.SecretKind(tok.Secret) != platform.SecretPrefixUserToken || tok.UserID != u.UserID || tok.Name != "laptop" {
		t.Errorf("created token: %+v", tok)
	}
	p, err := f.svc.Authenticate(f.ctx, tok.Secret)
	must(t, err)
	if p.UserID != u.UserID || p.TokenID != tok.ID {
		t.Errorf("principal of the new token: %+v", p)
	}

	list, err := f.svc.ListTokens(f.ctx, u, service.ListOptions{})
	must(t, err)
	if len(list.Items) != 2 || list.Items[1].ID != tok.ID {
		t.Fatalf("tokens: %+v", list.Items)
	}
	b, err := json.Marshal(list.Items)
	must(t, err)
	if strings.Contains(string(b), tok.Secret) || strings.Contains(string(b), platform.HashSecret(tok.Secret)) || strings.Contains(string(b), "hash") {
		t.Errorf("token list JSON reveals a secret or hash: %s", b)
	}
	// Others see only their own tokens and cannot delete someone else's.
	otherList, err := f.svc.ListTokens(f.ctx, other, service.ListOptions{})
	must(t, err)
	if len(otherList.Items) != 1 {
		t.Errorf("other user's tokens: %+v", otherList.Items)
	}
	wantCode(t, f.svc.DeleteToken(f.ctx, other, tok.ID), platform.CodeNotFound)

	must(t, f.svc.DeleteToken(f.ctx, u, tok.ID))
	_, err = f.svc.Authenticate(f.ctx, tok.Secret)
	wantCode(t, err, platform.CodeUnauthenticated)
	if _, err := f.svc.Authenticate(f.ctx, first); err != nil {
		t.Errorf("the other token stopped working: %v", err)
	}
	wantCode(t, f.svc.DeleteToken(f.ctx, u, tok.ID), platform.CodeNotFound)

	// Expiry.
	short := f.clock.Now().Add(time.Minute)
	tok2, err := f.svc.CreateToken(f.ctx, u, service.TokenInput{Name: "short", ExpiresAt: &short})
	must(t, err)
	f.clock.Advance(time.Minute)
	_, err = f.svc.Authenticate(f.ctx, tok2.Secret)
	wantCode(t, err, platform.CodeUnauthenticated, "expired")

	// API keys have no user tokens.
	ws := f.workspace(u, platform.PlanFree)
	_, key := f.apiKey(ws, u, platform.AccessReadWrite)
	_, err = f.svc.CreateToken(f.ctx, key, service.TokenInput{Name: "x"})
	wantCode(t, err, platform.CodePermissionDenied)
	_, err = f.svc.ListTokens(f.ctx, key, service.ListOptions{})
	wantCode(t, err, platform.CodePermissionDenied)
	wantCode(t, f.svc.DeleteToken(f.ctx, key, tok.ID), platform.CodePermissionDenied)
}

func TestAdminCreateUserToken_OnlyPlatformAdmin(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	owner := f.newUser("owner")
	ws := f.workspace(owner, platform.PlanFree)
	_, key := f.apiKey(ws, owner, platform.AccessReadWrite)
	for name, caller := range map[string]*platform.Principal{"user": owner, "api key": key} {
		t.Run(name, func(t *testing.T) {
			_, err := f.svc.AdminCreateUserToken(f.ctx, caller, "victim@example.com", service.TokenInput{})
			wantCode(t, err, platform.CodePermissionDenied, "platform administrator")
		})
	}
	// The admin mints for any e-mail, creating the user.
	tok, err := f.svc.AdminCreateUserToken(f.ctx, f.admin, "Victim@Example.com", service.TokenInput{Name: "demo"})
	must(t, err)
	p := f.auth(tok.Secret)
	if p.Email != "victim@example.com" || p.PlatformAdmin {
		t.Errorf("minted principal: %+v", p)
	}
	_, err = f.svc.AdminCreateUserToken(f.ctx, f.admin, "not an email", service.TokenInput{})
	wantFields(t, err, "email")

	// The admin owns nothing by default.
	_, err = f.svc.GetWorkspace(f.ctx, f.admin, ws.Slug)
	wantCode(t, err, platform.CodeNotFound)
	me, err := f.svc.Me(f.ctx, f.admin)
	must(t, err)
	if me.Type != "user" || !me.PlatformAdmin || me.Email != "admin@localhost" {
		t.Errorf("admin's Me: %+v", me)
	}
	// Bootstrap runs once.
	res, err := f.svc.Bootstrap(f.ctx, "other@localhost", "")
	must(t, err)
	if res.Created || res.Token != "" {
		t.Errorf("second bootstrap: %+v", res)
	}
}

func TestAuthenticate_BadCredentials(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, s := range []string{"", " ", "pk_", "pt_", "Bearer x", strings.Repeat("a", 513), strings.Repeat("p", 100000),
		"pk_" + strings.Repeat("0", 43) + "_000000", "\x00\xff", "pt_abc_def"} {
		p, err := f.svc.Authenticate(f.ctx, s)
		wantCode(t, err, platform.CodeUnauthenticated)
		if p != nil {
			t.Errorf("Authenticate(%.20q) returned a principal: %+v", s, p)
		}
		if len(s) > 8 && strings.Contains(err.Error(), s) {
			t.Errorf("error echoes the credential: %v", err)
		}
	}
}

// TestAuthenticate_CachedCredentialsStayExact: a credential that authenticated a moment ago
// (and so is in the service's authentication cache) is refused as soon as the database would
// refuse it: deleted, rotated out, expired by the clock.
func TestAuthenticate_CachedCredentialsStayExact(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	u, _ := f.login(f.email("u"))
	twice := func(secret string) {
		t.Helper()
		for range 2 {
			if _, err := f.svc.Authenticate(f.ctx, secret); err != nil {
				t.Fatalf("authenticate: %v", err)
			}
		}
	}

	short := f.clock.Now().Add(time.Minute)
	expiring, err := f.svc.CreateToken(f.ctx, u, service.TokenInput{Name: "short", ExpiresAt: &short})
	must(t, err)
	deleted, err := f.svc.CreateToken(f.ctx, u, service.TokenInput{Name: "deleted"})
	must(t, err)
	twice(expiring.Secret)
	twice(deleted.Secret)
	must(t, f.svc.DeleteToken(f.ctx, u, deleted.ID))
	_, err = f.svc.Authenticate(f.ctx, deleted.Secret)
	wantCode(t, err, platform.CodeUnauthenticated)
	f.clock.Advance(time.Minute)
	_, err = f.svc.Authenticate(f.ctx, expiring.Secret)
	wantCode(t, err, platform.CodeUnauthenticated, "expired")

	ws := f.workspace(u, platform.PlanFree)
	rotated, _ := f.apiKey(ws, u, platform.AccessReadWrite)
	twice(rotated.Secret)
	_, err = f.svc.RotateAPIKey(f.ctx, u, ws.Slug, rotated.ID, service.RotateInput{})
	must(t, err)
	_, err = f.svc.Authenticate(f.ctx, rotated.Secret)
	wantCode(t, err, platform.CodeUnauthenticated)

	soon := f.clock.Now().Add(time.Second)
	expiringKey, err := f.svc.CreateAPIKey(f.ctx, u, ws.Slug, service.APIKeyInput{Name: "soon", Access: platform.AccessReadOnly, ExpiresAt: &soon})
	must(t, err)
	twice(expiringKey.Secret)
	f.clock.Advance(time.Second)
	_, err = f.svc.Authenticate(f.ctx, expiringKey.Secret)
	wantCode(t, err, platform.CodeUnauthenticated, "api key expired")
}
