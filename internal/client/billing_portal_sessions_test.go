package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestBillingPortalSessions: a session's URL is a Secret that never reaches a log line or the
// printed struct; a create whose answer is lost is replayed, not duplicated; return_url and
// billing.manage are checked.
func TestBillingPortalSessions(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	ctx := ctx(t)

	// Every POST loses its first answer after the server committed it.
	seen := map[string]bool{}
	ft := newFaultyTransport(http.DefaultTransport, func(req *http.Request) fault {
		if req.Method != http.MethodPost {
			return pass
		}
		k := req.Header.Get("Idempotency-Key")
		if seen[k] {
			return pass
		}
		seen[k] = true
		return dropAfterCommit
	})
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)

	start := time.Now()
	s := must(c.BillingPortalSessions.Create(ctx, "acme", client.BillingPortalSessionCreateOptions{
		ReturnURL: "https://console.example.com/billing"}))(t)
	u, err := url.Parse(s.URL.Reveal())
	if err != nil || u.Scheme != "https" || u.Host == "" {
		t.Fatalf("url %q: %v", s.URL.Reveal(), err)
	}
	if d := s.ExpiresAt.Sub(start); d < 59*time.Minute || d > 61*time.Minute {
		t.Fatalf("expires_at %s is %s away, want an hour", s.ExpiresAt, d)
	}
	if ft.count(dropAfterCommit) != 1 || ft.replays.Load() != 1 {
		t.Fatalf("want one lost answer and one replay: %s", ft)
	}
	// One session, one audit event.
	events := 0
	for ev, err := range e.c.AuditEvents.All(ctx, "acme") {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(ev.Action, "billing_portal_session.") {
			events++
		}
	}
	if events != 1 {
		t.Fatalf("%d billing portal audit events, want 1", events)
	}

	// The URL is a secret: not in the printed struct, not in any log line.
	for _, printed := range []string{fmt.Sprint(s), fmt.Sprintf("%+v", s), fmt.Sprintf("%#v", s)} {
		if strings.Contains(printed, s.URL.Reveal()) || strings.Contains(printed, u.RawQuery) {
			t.Errorf("printing the session shows its URL: %s", printed)
		}
	}
	lines := e.log.all()
	if e.log.count("billing-portal-sessions") < 2 {
		t.Fatalf("the calls were not logged: %v", lines)
	}
	for _, line := range lines {
		if strings.Contains(line, s.URL.Reveal()) || strings.Contains(line, u.RawQuery) {
			t.Errorf("a log line holds the portal URL: %s", line)
		}
	}

	// http is accepted only to the local machine.
	must(e.c.BillingPortalSessions.Create(ctx, "acme", client.BillingPortalSessionCreateOptions{ReturnURL: "http://localhost:8080/back"}))(t)
	for _, bad := range []string{"", "http://console.example.com/", "/billing", "https://user:pw@example.com/"} {
		_, err := e.c.BillingPortalSessions.Create(ctx, "acme", client.BillingPortalSessionCreateOptions{ReturnURL: bad})
		apiErr := wantCode(t, err, client.ErrInvalidArgument)
		if len(apiErr.Details) == 0 || apiErr.Details[0].Field != "return_url" {
			t.Errorf("return_url %q: %+v", bad, apiErr)
		}
	}
	// billing.manage: a member may not.
	must(e.c.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: client.RoleMember}))(t)
	bob := e.clientFor(t, "bob@example.com")
	if _, err := bob.BillingPortalSessions.Create(ctx, "acme", client.BillingPortalSessionCreateOptions{
		ReturnURL: "https://example.com/"}); !errors.Is(err, client.ErrPermissionDenied) {
		t.Fatalf("member opens a session: %v", err)
	}
}
