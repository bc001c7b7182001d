package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestErrorsKeepEverything: a real 400 keeps status, code, message, every field detail and the
// request id, and its string shows code, message and request id.
func TestErrorsKeepEverything(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	_, err := e.c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "-Bad-", Name: ""})
	apiErr := wantCode(t, err, client.ErrInvalidArgument)
	if apiErr.StatusCode != http.StatusBadRequest || apiErr.Message == "" || !strings.HasPrefix(apiErr.RequestID, "req_") {
		t.Errorf("error lost data: %+v", apiErr)
	}
	fields := map[string]bool{}
	for _, d := range apiErr.Details {
		if d.Reason == "" {
			t.Errorf("detail without reason: %+v", d)
		}
		fields[d.Field] = true
	}
	if !fields["slug"] || !fields["name"] {
		t.Errorf("details %+v, want slug and name", apiErr.Details)
	}
	s := err.Error()
	for _, want := range []string{"invalid_argument", apiErr.Message, apiErr.RequestID, "400"} {
		if !strings.Contains(s, want) {
			t.Errorf("error string %q lacks %q", s, want)
		}
	}
	// Wrapping keeps errors.Is and errors.As working.
	wrapped := fmt.Errorf("creating project: %w", err)
	var again *client.APIError
	if !errors.Is(wrapped, client.ErrInvalidArgument) || !errors.As(wrapped, &again) || again != apiErr {
		t.Error("wrapped error lost its identity")
	}
}

// TestSentinelsAgainstRealErrors provokes each error code from the real server and checks that
// exactly its sentinel matches.
func TestSentinelsAgainstRealErrors(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	ctx := ctx(t)
	c := e.c
	prj := must(c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	for _, slug := range []string{"svc", "ops"} {
		must(c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: slug, Name: slug}))(t)
	}
	roKey := must(c.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "ro", Access: client.AccessReadOnly}))(t)
	ro := newClient(t, fastConfig(e.srv.URL, roKey.Secret.Reveal(), e.log))
	nobody := newClient(t, fastConfig(e.srv.URL, "pt_nobody", e.log))
	kctx := client.WithIdempotencyKey(ctx, "k1")
	if _, err := c.Regions.Create(kctx, "acme", client.RegionCreateOptions{Name: "eu-west"}); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		sentinel error
		status   int
		call     func() error
	}{
		{client.ErrInvalidArgument, 400, func() error {
			_, err := c.Regions.Create(ctx, "acme", client.RegionCreateOptions{Name: "NOT A NAME"})
			return err
		}},
		{client.ErrUnauthenticated, 401, func() error { _, err := nobody.Me.Get(ctx); return err }},
		{client.ErrPermissionDenied, 403, func() error {
			_, err := ro.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "fresh", Name: "Fresh"})
			return err
		}},
		{client.ErrNotFound, 404, func() error { _, err := c.Projects.Get(ctx, "acme", "missing"); return err }},
		{client.ErrAlreadyExists, 409, func() error {
			_, err := c.Regions.Create(ctx, "acme", client.RegionCreateOptions{Name: "eu-west"})
			return err
		}},
		{client.ErrQuotaExceeded, 409, func() error {
			_, err := c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "four", Name: "Four"})
			return err
		}},
		{client.ErrFailedPrecondition, 409, func() error {
			return c.Workspaces.Delete(ctx, "acme", client.WorkspaceDeleteOptions{})
		}},
		{client.ErrAborted, 412, func() error {
			return c.Projects.Delete(ctx, "acme", prj.ID, prj.Version+1)
		}},
		{client.ErrIdempotencyMismatch, 422, func() error {
			_, err := c.Regions.Create(kctx, "acme", client.RegionCreateOptions{Name: "us-east"})
			return err
		}},
	}
	all := []error{client.ErrInvalidArgument, client.ErrUnauthenticated, client.ErrPermissionDenied, client.ErrNotFound,
		client.ErrAlreadyExists, client.ErrFailedPrecondition, client.ErrQuotaExceeded, client.ErrAborted,
		client.ErrIdempotencyMismatch, client.ErrRateLimited, client.ErrInternal}
	for _, tc := range cases {
		err := tc.call()
		apiErr := wantCode(t, err, tc.sentinel)
		if apiErr.StatusCode != tc.status || apiErr.RequestID == "" || apiErr.Message == "" {
			t.Errorf("%v: %+v", tc.sentinel, apiErr)
		}
		for _, other := range all {
			if other != tc.sentinel && errors.Is(err, other) {
				t.Errorf("%v also matches %v", err, other)
			}
		}
	}
	// ErrRateLimited against the real server is covered by TestRealRateLimit.
}

// TestNoSecretInErrorsOrLogs collects every log line and error string produced while
// creating, rotating and using credentials and provoking failures (including retried and
// lost answers), and greps them for every secret involved.
func TestNoSecretInErrorsOrLogs(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	ctx := ctx(t)
	var errs []error
	keep := func(_ any, err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	// The owner's client loses some answers and gets transient errors, so secrets travel
	// through retries and replays.
	ft := newFaultyTransport(http.DefaultTransport, randomFaults(7, map[fault]float64{answer503: 0.2, dropAfterCommit: 0.3}))
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetries = 10
	cfg.HTTPClient = &http.Client{Transport: ft}
	owner := newClient(t, cfg)

	key := must(owner.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "deploy", Access: client.AccessReadWrite}))(t)
	rotated := must(owner.APIKeys.Rotate(ctx, "acme", key.ID, client.APIKeyRotateOptions{GracePeriodSeconds: 60}))(t)
	tok := must(owner.Tokens.Create(ctx, client.TokenCreateOptions{Name: "laptop"}))(t)
	admin := newClient(t, fastConfig(e.srv.URL, e.srv.AdminToken, e.log))
	minted := must(admin.Tokens.CreateForUser(ctx, "carol@example.com", client.TokenCreateOptions{Name: "x"}))(t)
	expired := must(owner.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{
		Name: "old", Access: client.AccessReadOnly, ExpiresAt: client.Ptr(time.Now().Add(time.Second)),
	}))(t)
	keep(owner.APIKeys.Create(client.WithValidateOnly(ctx), "acme", client.APIKeyCreateOptions{Name: "dry", Access: client.AccessReadOnly}))
	keep(owner.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "third", Access: client.AccessReadOnly})) // quota (free: 2... plus rotated)

	secrets := map[string]string{
		"owner token": e.token, "admin token": e.srv.AdminToken, "key secret": key.Secret.Reveal(),
		"rotated secret": rotated.Secret.Reveal(), "user token": tok.Secret.Reveal(), "minted token": minted.Secret.Reveal(),
		"expired key": expired.Secret.Reveal(),
	}

	// Provoke errors with every credential.
	for _, secret := range []string{key.Secret.Reveal(), rotated.Secret.Reveal()} {
		kc := newClient(t, fastConfig(e.srv.URL, secret, e.log))
		keep(kc.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "k", Access: client.AccessReadOnly})) // keys never manage keys
		keep(kc.Organizations.List(ctx, client.ListOptions{}))                                                     // keys are refused on organizations
		keep(kc.Workspaces.Get(ctx, "elsewhere"))
		keep(kc.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "-", Name: ""}))
		broken := newClient(t, fastConfig(e.srv.URL, secret+"x", e.log))
		keep(broken.Me.Get(ctx))
	}
	time.Sleep(1100 * time.Millisecond)
	keep(newClient(t, fastConfig(e.srv.URL, expired.Secret.Reveal(), e.log)).Me.Get(ctx))
	keep(newClient(t, fastConfig(e.srv.URL, tok.Secret.Reveal(), e.log)).Tokens.CreateForUser(ctx, "x@example.com", client.TokenCreateOptions{Name: "x"}))
	keep(newClient(t, fastConfig(e.srv.URL, minted.Secret.Reveal(), e.log)).Workspaces.Get(ctx, "acme"))
	keep(nil, newClient(t, fastConfig("http://127.0.0.1:1", key.Secret.Reveal(), e.log)).Tokens.Delete(ctx, "tok_x")) // connection refused

	if len(errs) < 10 {
		t.Fatalf("only %d errors provoked: %v", len(errs), errs)
	}
	var expiredErr error
	for _, err := range errs {
		if strings.Contains(err.Error(), "expired") {
			expiredErr = err
		}
	}
	if !errors.Is(expiredErr, client.ErrUnauthenticated) {
		t.Errorf("expired key: %v", expiredErr)
	}
	lines := e.log.all()
	if len(lines) < 50 || ft.count(dropAfterCommit) == 0 {
		t.Fatalf("too little traffic to be convincing: %d log lines, %s", len(lines), ft)
	}
	for name, secret := range secrets {
		if len(secret) < 16 {
			t.Fatalf("%s is suspiciously short", name)
		}
		for _, err := range errs {
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(s, secret) {
					t.Errorf("error contains the %s: %s", name, s)
				}
			}
		}
		for _, line := range lines {
			if strings.Contains(line, secret) || strings.Contains(line, secret[:20]) {
				t.Errorf("log line contains the %s: %s", name, line)
			}
		}
	}
	for _, line := range lines {
		if strings.Contains(strings.ToLower(line), "bearer") || strings.Contains(line, "Authorization") {
			t.Errorf("log line mentions credentials: %s", line)
		}
	}
	for _, v := range []any{key, rotated, tok, minted} {
		for _, s := range []string{fmt.Sprint(v), fmt.Sprintf("%+v", v), fmt.Sprintf("%#v", v)} {
			for name, secret := range secrets {
				if strings.Contains(s, secret) {
					t.Errorf("formatting a created credential prints the %s: %s", name, s)
				}
			}
		}
	}
}

// TestWrongEndpoint: pointing the client at something that is not the API gives errors that
// say so, instead of following redirects or decoding garbage.
func TestWrongEndpoint(t *testing.T) {
	t.Parallel()
	web := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/me" {
			http.Redirect(w, r, "https://elsewhere.example/v1/me", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>welcome</html>"))
	}))
	defer web.Close()
	c := newClient(t, fastConfig(web.URL, "pt_token_for_the_wrong_server", nil))
	_, err := c.Me.Get(ctx(t))
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusMovedPermanently || !strings.Contains(err.Error(), "redirect to https://elsewhere.example") {
		t.Errorf("redirect: %v", err)
	}
	_, err = c.Workspaces.Get(ctx(t), "acme")
	if err == nil || !strings.Contains(err.Error(), "not JSON") || strings.Contains(err.Error(), "pt_token") {
		t.Errorf("html: %v", err)
	}
}
