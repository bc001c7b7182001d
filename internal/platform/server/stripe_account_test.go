package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

type stripeAccount struct {
	ID             string `json:"id"`
	Status         string `json:"status"`
	ChargesEnabled bool   `json:"charges_enabled"`
	OnboardingURL  string `json:"onboarding_url"`
	OperationID    string `json:"operation_id"`
}

// TestStripeOnboardingResumesAfterRestart: onboarding is a stored operation, so a server stopped
// while it runs finishes it once restarted on the same database; the onboarding link, signed
// with the server's secret key (kept beside the database), is the same after the restart.
func TestStripeOnboardingResumesAfterRestart(t *testing.T) {
	const delay = 1500 * time.Millisecond
	inst := servertest.Start(t, servertest.WithClusterDelay(delay))
	alice := inst.UserToken(t, "alice@example.com")
	status, body := inst.Do(t, alice, http.MethodPost, "/v1/workspaces", map[string]any{"slug": "shop", "name": "Shop", "plan": "pro"}, nil)
	mustStatus(t, http.StatusCreated, status, body)
	var a stripeAccount
	status, body = inst.Do(t, alice, http.MethodPut, "/v1/workspaces/shop/stripe-account",
		map[string]any{"country": "US", "business_type": "company", "email": "billing@shop.example"}, &a)
	mustStatus(t, http.StatusAccepted, status, body)
	if a.Status != "onboarding" || a.OperationID == "" || !strings.HasPrefix(a.OnboardingURL, "https://") {
		t.Fatalf("PUT answered %s, want onboarding with an operation_id and an onboarding link", body)
	}
	started := time.Now()

	// Stop while onboarding runs; the new server has a short delay, but the operation keeps the
	// due time it was given.
	inst = inst.Restart(t, servertest.WithClusterDelay(10*time.Millisecond))
	var got stripeAccount
	status, body = inst.Do(t, alice, http.MethodGet, "/v1/workspaces/shop/stripe-account", nil, &got)
	mustStatus(t, http.StatusOK, status, body)
	if time.Since(started) < delay && (got.Status != "onboarding" || got.OnboardingURL != a.OnboardingURL) {
		// A link made in another hour of the clock differs; the test takes well under one.
		if time.Now().Truncate(time.Hour).Equal(started.Truncate(time.Hour)) {
			t.Fatalf("right after restart: %s, want onboarding with the same link", body)
		}
	}
	deadline := time.Now().Add(delay + 5*time.Second)
	for got.Status == "onboarding" {
		if time.Now().After(deadline) {
			t.Fatalf("still onboarding after restart: %s", body)
		}
		time.Sleep(20 * time.Millisecond)
		status, body = inst.Do(t, alice, http.MethodGet, "/v1/workspaces/shop/stripe-account", nil, &got)
		mustStatus(t, http.StatusOK, status, body)
	}
	if got.Status != "active" || !got.ChargesEnabled || got.OnboardingURL != "" {
		t.Fatalf("after restart: %s, want active with charges enabled and no onboarding link", body)
	}
	var op struct {
		Status string `json:"status"`
	}
	status, body = inst.Do(t, alice, http.MethodGet, "/v1/operations/"+a.OperationID, nil, &op)
	mustStatus(t, http.StatusOK, status, body)
	if op.Status != "succeeded" {
		t.Fatalf("operation %s: %s, want succeeded", a.OperationID, body)
	}
	// Now the workspace can list a paid product.
	status, body = inst.Do(t, alice, http.MethodPost, "/v1/workspaces/shop/products", map[string]any{"slug": "app", "name": "App",
		"visibility": "listed", "price": map[string]any{"amount_cents": 900}}, nil)
	mustStatus(t, http.StatusCreated, status, body)
}
