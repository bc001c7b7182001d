package service

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// BillingPortalSessionTTL is how long a billing portal URL works.
const BillingPortalSessionTTL = time.Hour

// maxReturnURLLen bounds return_url (it is carried in the portal URL).
const maxReturnURLLen = 2048

// BillingPortalSessionInput asks for a billing portal session.
type BillingPortalSessionInput struct {
	ReturnURL string `json:"return_url"`
}

// BillingPortalSession is a short-lived URL of the workspace's billing portal. The URL is a
// credential (whoever holds it manages the workspace's billing until it expires): never stored,
// logged or audited; only the audit event of its creation is kept.
type BillingPortalSession struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// CreateBillingPortalSession opens a billing portal session (billing.manage; in every access
// state). The URL is stateless: it names the workspace, the expiry and the return URL, signed
// with an HMAC-SHA256 under a key derived from the server's secret key, so nothing about it is
// stored and VerifyBillingPortalSession can check it.
func (s *Service) CreateBillingPortalSession(ctx context.Context, caller *platform.Principal, ref string, in BillingPortalSessionInput) (*BillingPortalSession, error) {
	if err := validateReturnURL(in.ReturnURL); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*BillingPortalSession, error) {
		t.callIs(platform.CallBilling)
		w, err := t.workspaceRequiring(ref, platform.PermBillingManage)
		if err != nil {
			return nil, err
		}
		expires := t.now.Add(BillingPortalSessionTTL).Truncate(time.Second)
		q := url.Values{}
		q.Set("expires", strconv.FormatInt(expires.Unix(), 10))
		q.Set("return_url", in.ReturnURL)
		q.Set("signature", s.billingPortalSignature(w.ws.ID, expires, in.ReturnURL))
		u := url.URL{Scheme: "https", Host: s.publicHost, Path: "/billing-portal/" + w.ws.ID, RawQuery: q.Encode()}
		out := &BillingPortalSession{URL: u.String(), ExpiresAt: expires}
		return out, t.audit(w.ws.ID, "", "billing_portal_session.create", w.ws.ID)
	})
}

// VerifyBillingPortalSession checks a billing portal URL's signature and expiry: the page behind
// the URL would call it before showing anything.
func (s *Service) VerifyBillingPortalSession(workspaceID string, expires time.Time, returnURL, signature string) error {
	want := s.billingPortalSignature(workspaceID, expires, returnURL)
	if !hmac.Equal([]byte(want), []byte(signature)) {
		return platform.Errorf(platform.CodeUnauthenticated, "billing portal session: invalid signature")
	}
	if !s.Now().Before(expires) {
		return platform.Errorf(platform.CodeUnauthenticated, "billing portal session: expired")
	}
	return nil
}

func (s *Service) billingPortalSignature(workspaceID string, expires time.Time, returnURL string) string {
	// A key of its own, derived from the server's secret key, so that no other MAC made with
	// that key can pass for a portal signature.
	k := hmac.New(sha256.New, s.secretKey)
	k.Write([]byte("billing portal session v1"))
	mac := hmac.New(sha256.New, k.Sum(nil))
	mac.Write([]byte(workspaceID + "\n" + strconv.FormatInt(expires.Unix(), 10) + "\n" + returnURL))
	return hex.EncodeToString(mac.Sum(nil))
}

// validateReturnURL: required, absolute, https (or http to the local machine: localhost,
// 127.0.0.1, [::1]), no credentials in it.
func validateReturnURL(s string) error {
	const field = "return_url"
	if s == "" {
		return invalid(field, "is required: the URL the billing portal returns to")
	}
	if len(s) > maxReturnURLLen {
		return invalid(field, "must be at most "+strconv.Itoa(maxReturnURLLen)+" characters")
	}
	u, err := url.Parse(s)
	if err != nil || !u.IsAbs() || u.Host == "" || u.Opaque != "" {
		return invalid(field, "must be an absolute URL (https://host/path)")
	}
	if u.User != nil {
		return invalid(field, "must not hold credentials (user:password@)")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return nil
	case "http":
		switch strings.ToLower(u.Hostname()) {
		case "localhost", "127.0.0.1", "::1":
			return nil
		}
		return invalid(field, "must use https (http only to localhost, 127.0.0.1 or [::1])")
	}
	return invalid(field, "must use https (http only to localhost, 127.0.0.1 or [::1])")
}
