package client_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestSubscriptions: a new workspace's subscription is active on its plan; the plan changes
// through the subscription or the workspace alike (one code path, the same quota rules); only
// the platform administrator sets the status.
func TestSubscriptions(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	ctx := ctx(t)
	sub := must(e.c.Subscriptions.Get(ctx, "acme"))(t)
	if sub.Plan != client.PlanFree || sub.Status != client.SubscriptionActive || sub.CancelAtPeriodEnd ||
		!sub.CurrentPeriodEnd.After(time.Now()) || sub.Version == 0 {
		t.Fatalf("new workspace's subscription: %+v", sub)
	}
	sub = must(e.c.Subscriptions.Update(ctx, "acme", client.SubscriptionUpdateOptions{
		Plan: client.Ptr(client.PlanPro), IfVersion: sub.Version}))(t)
	if sub.Plan != client.PlanPro {
		t.Fatalf("upgrade: %+v", sub)
	}
	if ws := must(e.c.Workspaces.Get(ctx, "acme"))(t); ws.Plan != client.PlanPro {
		t.Fatalf("the workspace's plan after the subscription's upgrade: %s", ws.Plan)
	}
	if _, err := e.c.Subscriptions.Update(ctx, "acme", client.SubscriptionUpdateOptions{
		CancelAtPeriodEnd: client.Ptr(true), IfVersion: sub.Version - 1}); !errors.Is(err, client.ErrAborted) {
		t.Fatalf("stale If-Match: %v", err)
	}
	sub = must(e.c.Subscriptions.Update(ctx, "acme", client.SubscriptionUpdateOptions{CancelAtPeriodEnd: client.Ptr(true)}))(t)
	if !sub.CancelAtPeriodEnd || sub.Plan != client.PlanPro {
		t.Fatalf("cancel at period end: %+v", sub)
	}
	// The workspace's plan is the subscription's.
	must(e.c.Workspaces.Update(ctx, "acme", client.WorkspaceUpdateOptions{Plan: client.Ptr(client.PlanEnterprise)}))(t)
	if sub = must(e.c.Subscriptions.Get(ctx, "acme"))(t); sub.Plan != client.PlanEnterprise {
		t.Fatalf("the subscription's plan after the workspace's upgrade: %s", sub.Plan)
	}
	// A downgrade must fit the lower plan, whichever endpoint asks.
	for _, slug := range []string{"prj-a", "prj-b", "prj-c", "prj-d"} {
		must(e.c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: slug, Name: slug}))(t)
	}
	_, err := e.c.Subscriptions.Update(ctx, "acme", client.SubscriptionUpdateOptions{Plan: client.Ptr(client.PlanFree)})
	apiErr := wantCode(t, err, client.ErrQuotaExceeded)
	_, err = e.c.Workspaces.Update(ctx, "acme", client.WorkspaceUpdateOptions{Plan: client.Ptr(client.PlanFree)})
	if other := wantCode(t, err, client.ErrQuotaExceeded); other.Message != apiErr.Message {
		t.Fatalf("the two endpoints refuse the same downgrade differently:\n%s\n%s", apiErr.Message, other.Message)
	}

	// The status is the payment processor's: the platform administrator simulates it.
	if _, err := e.c.Subscriptions.SetStatus(ctx, "acme", client.SubscriptionPastDue); !errors.Is(err, client.ErrPermissionDenied) {
		t.Fatalf("owner sets the status: %v", err)
	}
	admin := newClient(t, fastConfig(e.srv.URL, e.srv.AdminToken, e.log))
	if sub := must(admin.Subscriptions.SetStatus(ctx, e.ws.ID, client.SubscriptionPastDue))(t); sub.Status != client.SubscriptionPastDue {
		t.Fatalf("set past_due: %+v", sub)
	}
	if _, err := admin.Subscriptions.SetStatus(ctx, e.ws.ID, "late"); !errors.Is(err, client.ErrInvalidArgument) ||
		!strings.Contains(err.Error(), "status") {
		t.Fatalf("unknown status: %v", err)
	}
	if sub := must(e.c.Subscriptions.Get(ctx, "acme"))(t); sub.Status != client.SubscriptionPastDue {
		t.Fatalf("after set past_due: %+v", sub)
	}
}
