package client_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccessStates follows a workspace through every access state: what answers in each, with
// which error, dry runs alike.
func TestAccessStates(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	ctx := ctx(t)
	admin := newClient(t, fastConfig(e.srv.URL, e.srv.AdminToken, e.log))
	must(e.c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	must(e.c.WorkspaceMembers.Create(ctx, "acme", client.WorkspaceMemberCreateOptions{Email: "bob@example.com", Role: client.RoleMember}))(t)
	key := must(e.c.APIKeys.Create(ctx, "acme", client.APIKeyCreateOptions{Name: "ci", Access: client.AccessReadOnly}))(t)

	st := must(e.c.AccessStates.Get(ctx, "acme"))(t)
	if st.State != client.AccessStateFull || st.Reason != "" {
		t.Fatalf("new workspace: %+v", st)
	}

	before := time.Now().Add(-time.Second)
	must(admin.Subscriptions.SetStatus(ctx, e.ws.ID, client.SubscriptionPastDue))(t)
	st = must(e.c.AccessStates.Get(ctx, "acme"))(t)
	if st.State != client.AccessStateReadOnly || st.Reason != "subscription past_due" || st.Since.Before(before) {
		t.Fatalf("past_due: %+v", st)
	}
	const readOnly = "workspace is read-only: subscription past_due"
	// Reads answer; mutations and their dry runs are refused with the same message.
	must(e.c.Projects.Get(ctx, "acme", "web"))(t)
	for name, err := range map[string]error{
		"create":         second(e.c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "app", Name: "App"})),
		"dry-run create": second(e.c.Projects.Create(client.WithValidateOnly(ctx), "acme", client.ProjectCreateOptions{Slug: "app", Name: "App"})),
		"update":         second(e.c.Projects.Update(ctx, "acme", "web", client.ProjectUpdateOptions{Name: client.String("W")})),
		"dry-run delete": e.c.Projects.Delete(client.WithValidateOnly(ctx), "acme", "web", 0),
	} {
		if apiErr := wantCode(t, err, client.ErrFailedPrecondition); apiErr.Message != readOnly || apiErr.StatusCode != http.StatusConflict {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The exceptions: billing, removing members, deleting API keys.
	must(e.c.Subscriptions.Get(ctx, "acme"))(t)
	must(e.c.BillingPortalSessions.Create(ctx, "acme", client.BillingPortalSessionCreateOptions{ReturnURL: "https://example.com/"}))(t)
	must(struct{}{}, e.c.WorkspaceMembers.Delete(ctx, "acme", "bob@example.com", 0))(t)
	must(struct{}{}, e.c.APIKeys.Delete(ctx, "acme", key.ID, 0))(t)

	must(admin.Subscriptions.SetStatus(ctx, e.ws.ID, client.SubscriptionCanceled))(t)
	st = must(e.c.AccessStates.Get(ctx, "acme"))(t)
	if st.State != client.AccessStateSuspended || st.Reason != "subscription canceled" {
		t.Fatalf("canceled: %+v", st)
	}
	// Even reads of what the workspace holds are refused; the workspace and its billing answer.
	if _, err := e.c.Projects.Get(ctx, "acme", "web"); !errors.Is(err, client.ErrFailedPrecondition) {
		t.Fatalf("read in a suspended workspace: %v", err)
	}
	must(e.c.Workspaces.Get(ctx, "acme"))(t)
	must(e.c.Subscriptions.Get(ctx, "acme"))(t)

	must(admin.Subscriptions.SetStatus(ctx, e.ws.ID, client.SubscriptionActive))(t)
	if st = must(e.c.AccessStates.Get(ctx, "acme"))(t); st.State != client.AccessStateFull {
		t.Fatalf("reactivated: %+v", st)
	}
	must(e.c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "app", Name: "App"}))(t)
}

// second is the error of a (value, error) pair.
func second[T any](_ T, err error) error { return err }
