package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

// The worker writes subscription periods that ended: a subscription canceled at its period's
// end is stored canceled and audited (actor system) without anyone calling.
func TestWorkerCancelsSubscriptionsAtTheirPeriodEnd(t *testing.T) {
	inst := servertest.Start(t, servertest.WithWorkerInterval(10*time.Millisecond))
	alice := inst.UserToken(t, "alice@example.com")
	var ws workspace
	status, body := inst.Do(t, alice, http.MethodPost, "/v1/workspaces", map[string]any{"slug": "acme", "name": "Acme"}, &ws)
	mustStatus(t, http.StatusCreated, status, body)
	status, body = inst.Do(t, alice, http.MethodPatch, "/v1/workspaces/acme/subscription", map[string]any{"cancel_at_period_end": true}, nil)
	mustStatus(t, http.StatusOK, status, body)
	// The period ended an hour ago (as if the server had been stopped over its end).
	ended := time.Now().UTC().Add(-time.Hour).Truncate(time.Microsecond)
	err := inst.Server.Store().Update(t.Context(), func(tx platform.Tx) error {
		s, err := tx.GetSubscription(ws.ID)
		if err != nil {
			return err
		}
		s.CurrentPeriodEnd = ended
		s.Touch(time.Now().UTC())
		return tx.UpdateSubscription(s)
	})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		var s *platform.Subscription
		err := inst.Server.Store().View(t.Context(), func(tx platform.Tx) (err error) {
			s, err = tx.GetSubscription(ws.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if s.Status == platform.SubscriptionCanceled {
			if !s.StatusChangedAt.Equal(ended) {
				t.Errorf("canceled since %v, want the period end %v", s.StatusChangedAt, ended)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("subscription still %s: the worker did not write the period's end", s.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
	var events []platform.AuditEvent
	err = inst.Server.Store().View(t.Context(), func(tx platform.Tx) (err error) {
		events, err = tx.ListAuditEvents(ws.ID, platform.Page{Limit: 100})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if last := events[len(events)-1]; last.Action != "subscription.status" || last.Actor != "system" {
		t.Errorf("last audit event: %+v", last)
	}
	var st platform.WorkspaceAccessState
	status, body = inst.Do(t, alice, http.MethodGet, "/v1/workspaces/acme/access-state", nil, &st)
	mustStatus(t, http.StatusOK, status, body)
	if st.State != platform.StateSuspended || !st.Since.Equal(ended) {
		t.Errorf("access state: %s", body)
	}
}
