package service

import (
	"context"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// The workspace's Stripe account (docs/platform.md section 12, "Stripe account"). Every use
// case answers in every access state (billing), and needs billing.manage: the account holds an
// e-mail.

// StripeAccountInput is the body of PUT /v1/workspaces/{ws}/stripe-account.
type StripeAccountInput struct {
	Country      string `json:"country"`
	BusinessType string `json:"business_type"`
	Email        string `json:"email"`
}

// StripeAccountResult is a Stripe account as answered: with its onboarding link, derived on
// every answer and never stored, and the onboarding operation a PUT started ("" otherwise).
type StripeAccountResult struct {
	Account       *platform.StripeAccount
	OnboardingURL string
	OperationID   string
	// Created: the PUT created the account (a dry run blanks the id it would mint).
	Created bool
}

// Onboarding links: valid for one to two hours, and the same for every answer within one hour
// of the clock (so that reading the account twice does not show a change).
const (
	onboardingURLWindow   = time.Hour
	onboardingURLValidity = 2 * time.Hour
)

// onboardingKey derives the key that signs onboarding links from the server's secret key.
func onboardingKey(secretKey []byte) []byte {
	key, err := hkdf.Key(sha256.New, secretKey, nil, "platform stripe onboarding link v1", 32)
	if err != nil {
		panic(err) // only for lengths HKDF cannot produce; 32 bytes always works
	}
	return key
}

// onboardingSignature binds an onboarding link to the account and the link's expiry.
func (s *Service) onboardingSignature(accountID string, expires int64) string {
	mac := hmac.New(sha256.New, onboardingKey(s.secretKey))
	mac.Write([]byte(accountID + "\x00" + strconv.FormatInt(expires, 10)))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// onboardingURL is where the account holder completes onboarding: only while there is
// something to complete (onboarding or restricted). Nothing of it is stored: it is signed with
// the server's secret key over the account id and its expiry, so the server can check it
// without remembering it (VerifyOnboardingURL).
func (s *Service) onboardingURL(a *platform.StripeAccount, now time.Time) string {
	if a.Status == platform.StripeActive {
		return ""
	}
	expires := now.Truncate(onboardingURLWindow).Add(onboardingURLValidity).Unix()
	q := url.Values{"expires": {strconv.FormatInt(expires, 10)}, "signature": {s.onboardingSignature(a.ID, expires)}}
	return "https://connect." + s.publicHost + "/setup/" + a.ID + "?" + q.Encode()
}

// VerifyOnboardingURL tells which account an onboarding link is for, if the server signed it
// and it has not expired.
func (s *Service) VerifyOnboardingURL(link string) (string, bool) {
	u, err := url.Parse(link)
	if err != nil || u.Host != "connect."+s.publicHost {
		return "", false
	}
	id, ok := strings.CutPrefix(u.Path, "/setup/")
	expires, err := strconv.ParseInt(u.Query().Get("expires"), 10, 64)
	if !ok || err != nil || !s.Now().Before(time.Unix(expires, 0)) {
		return "", false
	}
	want := s.onboardingSignature(id, expires)
	if !hmac.Equal([]byte(u.Query().Get("signature")), []byte(want)) {
		return "", false
	}
	return id, true
}

func (s *Service) stripeAccountResult(t *txn, a *platform.StripeAccount, opID string, created bool) *StripeAccountResult {
	return &StripeAccountResult{Account: a, OnboardingURL: s.onboardingURL(a, t.now), OperationID: opID, Created: created}
}

// stripeAccountOf reads the workspace's Stripe account, answering not_found in the workspace's
// terms when it has none.
func (t *txn) stripeAccountOf(w *wsScope) (*platform.StripeAccount, error) {
	a, err := t.GetStripeAccount(w.ws.ID)
	if platform.IsCode(err, platform.CodeNotFound) {
		return nil, platform.Errorf(platform.CodeNotFound,
			"workspace %q has no Stripe account (PUT /v1/workspaces/%s/stripe-account creates it)", w.ws.Slug, w.ws.Slug)
	}
	return a, err
}

// PutStripeAccount creates the workspace's Stripe account, which starts its onboarding (an
// operation), or updates it. The country and the business type never change. Only the e-mail
// does: a new e-mail while the account is restricted starts onboarding again. A PUT that
// changes nothing writes nothing and answers the account as it is.
func (s *Service) PutStripeAccount(ctx context.Context, caller *platform.Principal, ref string, in StripeAccountInput, ifVersion int64) (*StripeAccountResult, error) {
	want := &platform.StripeAccount{Country: in.Country, BusinessType: in.BusinessType,
		Email: platform.NormalizeEmail(in.Email), Status: platform.StripeOnboarding}
	if err := want.Validate(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*StripeAccountResult, error) {
		t.callIs(platform.CallBilling)
		w, err := t.workspaceRequiring(ref, platform.PermBillingManage)
		if err != nil {
			return nil, err
		}
		cur, err := t.GetStripeAccount(w.ws.ID)
		if platform.IsCode(err, platform.CodeNotFound) {
			return s.createStripeAccount(t, w, want, ifVersion)
		}
		if err != nil {
			return nil, err
		}
		if err := checkVersion("Stripe account", cur.Version, ifVersion); err != nil {
			return nil, err
		}
		if want.Country != cur.Country {
			return nil, invalid("country", fmt.Sprintf(
				"cannot be changed (the account is in %s): delete the Stripe account and create it again", cur.Country))
		}
		if want.BusinessType != cur.BusinessType {
			return nil, invalid("business_type", fmt.Sprintf(
				"cannot be changed (the account is of a %s): delete the Stripe account and create it again", cur.BusinessType))
		}
		if want.Email == cur.Email {
			return s.stripeAccountResult(t, cur, "", false), nil
		}
		a := *cur
		a.Email = want.Email
		opID := ""
		if a.Status == platform.StripeRestricted {
			// The new e-mail is what Stripe asked for: onboarding runs again.
			a.Status, a.ChargesEnabled, a.PayoutsEnabled = platform.StripeOnboarding, false, false
			op, err := s.startOperation(t, platform.OpStripeAccountOnboard, w.ws.ID, a.ID, &a)
			if err != nil {
				return nil, err
			}
			opID = op.ID
		}
		a.Touch(t.now)
		if err := t.UpdateStripeAccount(&a); err != nil {
			return nil, err
		}
		return s.stripeAccountResult(t, &a, opID, false), t.audit(w.ws.ID, "", "stripe_account.update", a.ID)
	})
}

func (s *Service) createStripeAccount(t *txn, w *wsScope, a *platform.StripeAccount, ifVersion int64) (*StripeAccountResult, error) {
	if ifVersion != 0 {
		return nil, platform.Errorf(platform.CodeAborted,
			"workspace %q has no Stripe account, not one at version %d (If-Match): read it again", w.ws.Slug, ifVersion)
	}
	if err := t.planCreate(platform.PlannedStripeAccount, w.ws.ID, w.ws.ID); err != nil {
		return nil, err
	}
	a.ID, a.WorkspaceID = platform.NewID(platform.PrefixStripeAccount), w.ws.ID
	a.Stamp(t.now)
	if err := t.CreateStripeAccount(a); err != nil {
		return nil, err
	}
	op, err := s.startOperation(t, platform.OpStripeAccountOnboard, w.ws.ID, a.ID, a)
	if err != nil {
		return nil, err
	}
	return s.stripeAccountResult(t, a, op.ID, true), t.audit(w.ws.ID, "", "stripe_account.create", a.ID)
}

// GetStripeAccount reads the workspace's Stripe account.
func (s *Service) GetStripeAccount(ctx context.Context, caller *platform.Principal, ref string) (*StripeAccountResult, error) {
	return view(ctx, s, caller, func(t *txn) (*StripeAccountResult, error) {
		t.callIs(platform.CallBilling)
		w, err := t.workspaceRequiring(ref, platform.PermBillingManage)
		if err != nil {
			return nil, err
		}
		a, err := t.stripeAccountOf(w)
		if err != nil {
			return nil, err
		}
		return s.stripeAccountResult(t, a, "", false), nil
	})
}

// maxNamedProducts bounds the products an answer names (it gives the count of all).
const maxNamedProducts = 5

// DeleteStripeAccount removes the workspace's Stripe account, unless the workspace lists paid
// products: they could no longer take payments.
func (s *Service) DeleteStripeAccount(ctx context.Context, caller *platform.Principal, ref string, ifVersion int64) error {
	_, err := update(ctx, s, caller, func(t *txn) (struct{}, error) {
		t.callIs(platform.CallBilling)
		w, err := t.workspaceRequiring(ref, platform.PermBillingManage)
		if err != nil {
			return struct{}{}, err
		}
		a, err := t.stripeAccountOf(w)
		if err != nil {
			return struct{}{}, err
		}
		t.planDelete(platform.PlannedStripeAccount, w.ws.ID, a.ID)
		if err := checkVersion("Stripe account", a.Version, ifVersion); err != nil {
			return struct{}{}, err
		}
		paid, err := t.paidListedProducts(w.ws.ID)
		if err != nil {
			return struct{}{}, err
		}
		if len(paid) > 0 {
			named := paid[:min(len(paid), maxNamedProducts)]
			more := ""
			if len(paid) > len(named) {
				more = fmt.Sprintf(" and %d more", len(paid)-len(named))
			}
			return struct{}{}, platform.Errorf(platform.CodeFailedPrecondition,
				"the workspace lists %d paid product(s) (%s%s): make them free or private, or delete them, before deleting its Stripe account",
				len(paid), strings.Join(named, ", "), more)
		}
		if err := t.DeleteStripeAccount(w.ws.ID, a.ID); err != nil {
			return struct{}{}, err
		}
		return struct{}{}, t.audit(w.ws.ID, "", "stripe_account.delete", a.ID)
	})
	return err
}

// paidListedProducts names (by slug) the workspace's paid listed products, but those this dry
// run's plan session plans to delete: one plan may remove them with the account.
func (t *txn) paidListedProducts(ws string) ([]string, error) {
	planned, err := t.sessionDeletes(ws)
	if err != nil {
		return nil, err
	}
	var out []string
	page := platform.Page{Limit: MaxPageSize}
	for {
		ps, err := t.ListProducts(ws, page)
		if err != nil {
			return nil, err
		}
		for i := range ps {
			if ps[i].Paid() && !planned[platform.PlannedProduct+"/"+ps[i].ID] {
				out = append(out, ps[i].Slug)
			}
		}
		if len(ps) < page.Limit {
			return out, nil
		}
		page.After = ps[len(ps)-1].Seq
	}
}

// chargesEnabled refuses when the workspace cannot take payments: its Stripe account must exist
// and have finished onboarding with charges enabled. In a dry run, an account that the plan
// session creates is judged as the apply will find it: onboarded (clients wait for onboarding
// before they use the account); one the session deletes is gone.
func (t *txn) chargesEnabled(ws *platform.Workspace) error {
	a, err := t.GetStripeAccount(ws.ID)
	if platform.IsCode(err, platform.CodeNotFound) {
		planned, perr := t.sessionCreates(platform.PlannedStripeAccount, ws.ID)
		if perr != nil || planned {
			return perr
		}
		return platform.Errorf(platform.CodeFailedPrecondition,
			"charges are not enabled: the workspace has no Stripe account (PUT /v1/workspaces/%s/stripe-account)", ws.Slug)
	}
	if err != nil {
		return err
	}
	if gone, err := t.sessionPlansDelete(ws.ID, platform.PlannedStripeAccount, a.ID); err != nil || gone {
		if err != nil {
			return err
		}
		return platform.Errorf(platform.CodeFailedPrecondition,
			"charges are not enabled: this plan deletes the workspace's Stripe account")
	}
	switch {
	case a.ChargesEnabled:
		return nil
	case a.Status == platform.StripeOnboarding:
		return platform.Errorf(platform.CodeFailedPrecondition,
			"charges are not enabled: the workspace's Stripe account %s is still onboarding; retry once onboarding has finished", a.ID)
	case a.Status == platform.StripeRestricted:
		return platform.Errorf(platform.CodeFailedPrecondition,
			"charges are not enabled: the workspace's Stripe account %s is restricted; give it a new e-mail to onboard again", a.ID)
	}
	return platform.Errorf(platform.CodeFailedPrecondition,
		"charges are not enabled on the workspace's Stripe account %s", a.ID)
}

// finishStripeAccountOperation completes a due onboarding: the account turns active with
// charges and payouts enabled, or, for an e-mail starting with "restricted" (the fault
// injection), restricted with both disabled and the operation failed.
func (s *Service) finishStripeAccountOperation(t *txn, op *platform.Operation) (bool, error) {
	if op.Kind != platform.OpStripeAccountOnboard {
		return true, t.failOperation(op, "unknown operation kind "+op.Kind)
	}
	a, err := t.GetStripeAccount(op.WorkspaceID)
	if platform.IsCode(err, platform.CodeNotFound) || (err == nil && a.ID != op.TargetID) {
		return true, t.failOperation(op, "the Stripe account no longer exists")
	}
	if err != nil {
		return false, err
	}
	if a.Status != platform.StripeOnboarding {
		// Another onboarding finished it first; nothing is left to do.
		op.Status = platform.OpSucceeded
		op.Touch(t.now)
		return true, t.UpdateOperation(op)
	}
	action := "stripe_account.onboarded"
	if a.OnboardingRestricted() {
		a.Status, a.ChargesEnabled, a.PayoutsEnabled = platform.StripeRestricted, false, false
		op.Status, op.Error = platform.OpFailed,
			"onboarding ended restricted: Stripe needs more information, charges and payouts are disabled; give the account a new e-mail to onboard again"
		action = "stripe_account.restricted"
	} else {
		a.Status, a.ChargesEnabled, a.PayoutsEnabled = platform.StripeActive, true, true
		op.Status = platform.OpSucceeded
	}
	a.Touch(t.now)
	if err := t.UpdateStripeAccount(a); err != nil {
		return false, err
	}
	op.Touch(t.now)
	if err := t.UpdateOperation(op); err != nil {
		return false, err
	}
	return true, t.audit(op.WorkspaceID, "", action, a.ID)
}
