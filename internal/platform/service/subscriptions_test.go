package service_test

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// setStatus is the platform administrator setting ws's subscription status.
func (f *fixture) setStatus(ws *platform.Workspace, status platform.SubscriptionStatus) *platform.Subscription {
	f.tb.Helper()
	sub, err := f.svc.SetSubscriptionStatus(f.ctx, f.admin, ws.Slug, service.SubscriptionStatusInput{Status: status})
	must(f.tb, err)
	return sub
}

func (f *fixture) accessState(ws *platform.Workspace, caller *platform.Principal) *platform.WorkspaceAccessState {
	f.tb.Helper()
	st, err := f.svc.GetAccessState(f.ctx, caller, ws.Slug)
	must(f.tb, err)
	return st
}

func TestSubscription_EveryWorkspaceHasOneFromItsCreation(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	sub, err := f.svc.GetSubscription(f.ctx, tm.viewer, tm.ws.Slug)
	must(t, err)
	want := platform.Subscription{WorkspaceID: tm.ws.ID, Plan: platform.PlanPro, Status: platform.SubscriptionActive,
		CurrentPeriodEnd: t0.AddDate(0, 1, 0), StatusChangedAt: t0,
		Meta: platform.Meta{CreatedAt: t0, UpdatedAt: t0, Version: 1, Seq: sub.Seq}}
	if *sub != want {
		t.Errorf("subscription:\n got %+v\nwant %+v", sub, want)
	}
	st := f.accessState(tm.ws, tm.viewer)
	if *st != (platform.WorkspaceAccessState{State: platform.StateFull, Since: t0}) {
		t.Errorf("access state: %+v", st)
	}
	// billing.manage: owners and admins, never members, viewers or API keys.
	for _, who := range []*platform.Principal{tm.member, tm.viewer} {
		_, err := f.svc.UpdateSubscription(f.ctx, who, tm.ws.Slug, service.SubscriptionPatch{CancelAtPeriodEnd: ptr(true)}, 0)
		wantCode(t, err, platform.CodePermissionDenied, "billing.manage")
	}
	_, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	_, err = f.svc.UpdateSubscription(f.ctx, key, tm.ws.Slug, service.SubscriptionPatch{CancelAtPeriodEnd: ptr(true)}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "billing.manage")
	if _, err := f.svc.GetSubscription(f.ctx, key, tm.ws.Slug); err != nil {
		t.Errorf("a key reads the subscription (workspace.read): %v", err)
	}
	outsider := f.newUser("outsider")
	_, err = f.svc.GetSubscription(f.ctx, outsider, tm.ws.Slug)
	wantCode(t, err, platform.CodeNotFound)

	// A patch that changes nothing writes nothing; If-Match is the subscription's version.
	same, err := f.svc.UpdateSubscription(f.ctx, tm.admin, tm.ws.Slug, service.SubscriptionPatch{CancelAtPeriodEnd: ptr(false)}, 1)
	must(t, err)
	if same.Version != 1 {
		t.Errorf("no-op patch: %+v", same)
	}
	_, err = f.svc.UpdateSubscription(f.ctx, tm.admin, tm.ws.Slug, service.SubscriptionPatch{CancelAtPeriodEnd: ptr(true)}, 7)
	wantCode(t, err, platform.CodeAborted, "version 1, not 7")
	_, err = f.svc.UpdateSubscription(f.ctx, tm.admin, tm.ws.Slug, service.SubscriptionPatch{Plan: ptr(platform.Plan("gold"))}, 0)
	wantCode(t, err, platform.CodeInvalidArgument, "plan")
}

// The plan of PATCH subscription and of PATCH workspace is one code path: the same refusals,
// the same rows written, the same events.
func TestSubscription_PlanChangeSharesThePathOfPatchWorkspace(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanEnterprise)
	for range 4 {
		f.project(tm.ws, tm.owner)
	}
	f.role(tm.ws, tm.owner, platform.PermWorkspaceRead)

	viaSub := func(p platform.Plan) error {
		_, err := f.svc.UpdateSubscription(f.ctx, tm.owner, tm.ws.Slug, service.SubscriptionPatch{Plan: &p}, 0)
		return err
	}
	viaWs := func(p platform.Plan) error {
		_, err := f.svc.UpdateWorkspace(f.ctx, tm.owner, tm.ws.Slug, service.WorkspacePatch{Plan: &p}, 0)
		return err
	}
	for _, change := range []func(platform.Plan) error{viaSub, viaWs} {
		// Down to free: projects over the limit and custom roles, every violation listed.
		e := wantCode(t, change(platform.PlanFree), platform.CodeQuotaExceeded, "cannot change to the free plan",
			"projects: limit 3, usage 4", "custom roles are not allowed on the free plan and the workspace has 1")
		if len(e.Details) != 2 {
			t.Errorf("violations: %+v", e.Details)
		}
		wantCode(t, change(platform.PlanPro), platform.CodeQuotaExceeded, "custom roles are not allowed on the pro plan")
	}
	// A dry run answers the same and writes nothing.
	p := platform.PlanFree
	_, err := f.svc.UpdateSubscription(service.WithValidateOnly(f.ctx), tm.owner, tm.ws.Slug, service.SubscriptionPatch{Plan: &p}, 0)
	wantCode(t, err, platform.CodeQuotaExceeded, "projects: limit 3, usage 4")

	// Members (admins too) hold billing.manage; the viewer does not, on either path.
	pro := platform.PlanPro
	_, err = f.svc.UpdateWorkspace(f.ctx, tm.viewer, tm.ws.Slug, service.WorkspacePatch{Plan: &pro}, 0)
	wantCode(t, err, platform.CodePermissionDenied, "billing.manage")

	ws0, err := f.svc.GetWorkspace(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	roles, err := f.svc.ListRoles(f.ctx, tm.owner, tm.ws.Slug, service.ListOptions{})
	must(t, err)
	must(t, f.svc.DeleteRole(f.ctx, tm.owner, tm.ws.Slug, roles.Items[0].ID, 0))
	f.clock.Advance(time.Minute)

	// Now pro is allowed, through the subscription: both versions move, both events recorded.
	sub, err := f.svc.UpdateSubscription(f.ctx, tm.admin, tm.ws.Slug, service.SubscriptionPatch{Plan: &pro}, 1)
	must(t, err)
	ws1, err := f.svc.GetWorkspace(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if sub.Plan != platform.PlanPro || sub.Version != 2 || ws1.Plan != platform.PlanPro || ws1.Version != ws0.Version+1 {
		t.Errorf("after PATCH subscription plan: subscription %+v, workspace %+v", sub, ws1)
	}
	usage, err := f.svc.Usage(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if usage.Plan != platform.PlanPro {
		t.Errorf("usage after the change: %+v", usage)
	}
	// And back to enterprise through the workspace: the subscription moves too.
	ent := platform.PlanEnterprise
	ws2, err := f.svc.UpdateWorkspace(f.ctx, tm.admin, tm.ws.Slug, service.WorkspacePatch{Plan: &ent}, 0)
	must(t, err)
	sub, err = f.svc.GetSubscription(f.ctx, tm.owner, tm.ws.Slug)
	must(t, err)
	if sub.Plan != platform.PlanEnterprise || sub.Version != 3 || ws2.Version != ws1.Version+1 {
		t.Errorf("after PATCH workspace plan: subscription %+v, workspace %+v", sub, ws2)
	}
	acts := f.actorActions(tm.ws, tm.ws.ID)
	wantTail := []string{tm.admin.UserID + " workspace.update", tm.admin.UserID + " subscription.update",
		tm.admin.UserID + " workspace.update", tm.admin.UserID + " subscription.update"}
	if len(acts) < 4 || !slices.Equal(acts[len(acts)-4:], wantTail) {
		t.Errorf("audit: %q, want it to end with %q", acts, wantTail)
	}
}

func TestAccessState_PastDueIsReadOnly(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	prj := f.project(tm.ws, tm.owner)
	k1, _ := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	f.clock.Advance(time.Hour)
	changed := f.clock.Now()
	sub := f.setStatus(tm.ws, platform.SubscriptionPastDue)
	if sub.Status != platform.SubscriptionPastDue || sub.Version != 2 {
		t.Errorf("after the status change: %+v", sub)
	}
	f.clock.Advance(time.Minute)
	st := f.accessState(tm.ws, tm.viewer)
	if *st != (platform.WorkspaceAccessState{State: platform.StateReadOnly, Reason: "subscription past_due", Since: changed}) {
		t.Errorf("access state: %+v", st)
	}
	const msg = "workspace is read-only: subscription past_due"
	dry := service.WithValidateOnly(f.ctx)
	// Writes are refused, real or dry, before their permission (the viewer gets the same).
	for _, who := range []*platform.Principal{tm.owner, tm.viewer} {
		for _, ctx := range []context.Context{f.ctx, dry} {
			_, err := f.svc.CreateProject(ctx, who, tm.ws.Slug, service.ProjectInput{Slug: "later", Name: "Later"})
			wantCode(t, err, platform.CodeFailedPrecondition, msg)
			_, err = f.svc.UpdateWorkspace(ctx, who, tm.ws.Slug, service.WorkspacePatch{Name: ptr("Renamed")}, 0)
			wantCode(t, err, platform.CodeFailedPrecondition, msg)
			wantCode(t, f.svc.DeleteProject(ctx, who, tm.ws.Slug, prj.Slug, 0), platform.CodeFailedPrecondition, msg)
		}
	}
	// Reads answer.
	if _, err := f.svc.GetProject(f.ctx, tm.owner, tm.ws.Slug, prj.Slug); err != nil {
		t.Errorf("read in a read-only workspace: %v", err)
	}
	if _, err := f.svc.Usage(f.ctx, tm.viewer, tm.ws.Slug); err != nil {
		t.Errorf("usage in a read-only workspace: %v", err)
	}
	// The exceptions: billing (a plan-only PATCH workspace too), removing members, deleting keys.
	pro := platform.PlanPro
	if _, err := f.svc.UpdateWorkspace(f.ctx, tm.owner, tm.ws.Slug, service.WorkspacePatch{Plan: &pro}, 0); err != nil {
		t.Errorf("plan-only PATCH workspace: %v", err)
	}
	if _, err := f.svc.UpdateSubscription(f.ctx, tm.owner, tm.ws.Slug, service.SubscriptionPatch{CancelAtPeriodEnd: ptr(true)}, 0); err != nil {
		t.Errorf("PATCH subscription: %v", err)
	}
	must(t, f.svc.RemoveMember(dry, tm.owner, tm.ws.Slug, tm.member.Email, 0))
	must(t, f.svc.RemoveMember(f.ctx, tm.owner, tm.ws.Slug, tm.member.Email, 0))
	must(t, f.svc.DeleteAPIKey(f.ctx, tm.owner, tm.ws.Slug, k1.ID, 0))
	// ... but not a change of a member's role.
	_, err := f.svc.UpdateMember(f.ctx, tm.owner, tm.ws.Slug, tm.viewer.Email, service.MemberPatch{Role: ptr(platform.RoleAdmin)}, 0)
	wantCode(t, err, platform.CodeFailedPrecondition, msg)

	// A destroy plan: declaring deletes is bookkeeping, allowed; each delete's dry run is judged.
	sess := service.WithPlanSession(dry, "destroy-plan-1")
	if _, err := f.svc.DeclarePlannedDeletes(f.ctx, tm.owner, "destroy-plan-1", service.PlannedDeletesInput{WorkspaceID: tm.ws.Slug,
		Deletes: []service.PlannedTarget{{Kind: platform.PlannedProject, TargetID: prj.ID}}}); err != nil {
		t.Errorf("declaring a plan's deletes in a read-only workspace: %v", err)
	}
	wantCode(t, f.svc.DeleteProject(sess, tm.owner, tm.ws.Slug, prj.Slug, 0), platform.CodeFailedPrecondition, msg)
	must(t, f.svc.DeleteWorkspace(sess, tm.owner, tm.ws.Slug, true, 0))

	// The administrator's change is in the workspace's trail.
	if acts := f.actorActions(tm.ws, tm.ws.ID); !slices.Contains(acts, f.admin.UserID+" subscription.status") {
		t.Errorf("audit: %q", acts)
	}
	// Back to active: full again, since the change.
	f.clock.Advance(time.Minute)
	f.setStatus(tm.ws, platform.SubscriptionActive)
	if st := f.accessState(tm.ws, tm.owner); st.State != platform.StateFull || !st.Since.Equal(f.clock.Now()) {
		t.Errorf("after reactivation: %+v", st)
	}
	if _, err := f.svc.CreateProject(f.ctx, tm.owner, tm.ws.Slug, service.ProjectInput{Slug: "later", Name: "Later"}); err != nil {
		t.Errorf("create after reactivation: %v", err)
	}
}

func TestAccessState_CanceledIsSuspended(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanPro)
	prj := f.project(tm.ws, tm.owner)
	k1, _ := f.apiKey(tm.ws, tm.owner, platform.AccessReadOnly)
	ch := f.cluster(tm.ws, tm.owner) // provisioning: its operation keeps going
	f.setStatus(tm.ws, platform.SubscriptionCanceled)
	const msg = "workspace is suspended: subscription canceled"
	dry := service.WithValidateOnly(f.ctx)
	for _, c := range []context.Context{f.ctx, dry} {
		_, err := f.svc.GetProject(c, tm.owner, tm.ws.Slug, prj.Slug)
		wantCode(t, err, platform.CodeFailedPrecondition, msg)
		_, err = f.svc.ListProjects(c, tm.owner, tm.ws.Slug, service.ListOptions{})
		wantCode(t, err, platform.CodeFailedPrecondition, msg)
		_, err = f.svc.Usage(c, tm.owner, tm.ws.Slug)
		wantCode(t, err, platform.CodeFailedPrecondition, msg)
		wantCode(t, f.svc.RemoveMember(c, tm.owner, tm.ws.Slug, tm.member.Email, 0), platform.CodeFailedPrecondition, msg)
		wantCode(t, f.svc.DeleteAPIKey(c, tm.owner, tm.ws.Slug, k1.ID, 0), platform.CodeFailedPrecondition, msg)
		_, err = f.svc.UpdateWorkspace(c, tm.owner, tm.ws.Slug, service.WorkspacePatch{Name: ptr("x"), Plan: ptr(platform.PlanPro)}, 0)
		wantCode(t, err, platform.CodeFailedPrecondition, msg)
		_, err = f.svc.DeclarePlannedDeletes(c, tm.owner, "destroy-plan-2", service.PlannedDeletesInput{WorkspaceID: tm.ws.Slug,
			Deletes: []service.PlannedTarget{{Kind: platform.PlannedProject, TargetID: prj.ID}}})
		wantCode(t, err, platform.CodeFailedPrecondition, msg)
	}
	// The workspace itself, its access state, subscription and billing answer.
	if _, err := f.svc.GetWorkspace(f.ctx, tm.viewer, tm.ws.Slug); err != nil {
		t.Errorf("GET workspace: %v", err)
	}
	if st := f.accessState(tm.ws, tm.viewer); st.State != platform.StateSuspended || st.Reason != "subscription canceled" {
		t.Errorf("access state: %+v", st)
	}
	ent := platform.PlanEnterprise
	if _, err := f.svc.UpdateWorkspace(f.ctx, tm.owner, tm.ws.Slug, service.WorkspacePatch{Plan: &ent}, 0); err != nil {
		t.Errorf("plan-only PATCH workspace: %v", err)
	}
	if _, err := f.svc.CreateBillingPortalSession(f.ctx, tm.admin, tm.ws.Slug,
		service.BillingPortalSessionInput{ReturnURL: "https://example.com/"}); err != nil {
		t.Errorf("billing portal: %v", err)
	}
	// Operations already started keep finishing.
	f.finishOperations()
	must(t, f.store.View(f.ctx, func(tx platform.Tx) error {
		c, err := tx.GetCluster(tm.ws.ID, ch.Cluster.ID)
		if err == nil && c.Status != platform.ClusterRunning {
			t.Errorf("cluster of a suspended workspace: %s", c.Status)
		}
		return err
	}))
	// Deleting the workspace is allowed.
	must(t, f.svc.DeleteWorkspace(dry, tm.owner, tm.ws.Slug, true, 0))
	must(t, f.svc.DeleteWorkspace(f.ctx, tm.owner, tm.ws.Slug, true, 0))
}

func TestSubscription_AdminStatus(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	_, key := f.apiKey(tm.ws, tm.owner, platform.AccessReadWrite)
	for _, who := range []*platform.Principal{tm.owner, key} {
		_, err := f.svc.SetSubscriptionStatus(f.ctx, who, tm.ws.Slug, service.SubscriptionStatusInput{Status: platform.SubscriptionPastDue})
		wantCode(t, err, platform.CodePermissionDenied, "platform administrator")
	}
	_, err := f.svc.SetSubscriptionStatus(f.ctx, f.admin, tm.ws.Slug, service.SubscriptionStatusInput{Status: "unpaid"})
	wantFields(t, err, "status")
	_, err = f.svc.SetSubscriptionStatus(f.ctx, f.admin, "no-such-ws", service.SubscriptionStatusInput{Status: platform.SubscriptionPastDue})
	wantCode(t, err, platform.CodeNotFound)
	// A dry run changes nothing.
	dry, err := f.svc.SetSubscriptionStatus(service.WithValidateOnly(f.ctx), f.admin, tm.ws.ID,
		service.SubscriptionStatusInput{Status: platform.SubscriptionCanceled})
	must(t, err)
	if dry.Status != platform.SubscriptionCanceled || f.accessState(tm.ws, tm.owner).State != platform.StateFull {
		t.Errorf("dry run: %+v", dry)
	}
	// The same status again changes nothing (no version, no event).
	before := len(f.storedAuditEvents(tm.ws.ID))
	same := f.setStatus(tm.ws, platform.SubscriptionActive)
	if same.Version != 1 || len(f.storedAuditEvents(tm.ws.ID)) != before {
		t.Errorf("setting the current status: %+v", same)
	}
	// Reactivating a canceled subscription starts a new period.
	f.setStatus(tm.ws, platform.SubscriptionCanceled)
	f.clock.Advance(90 * 24 * time.Hour)
	sub := f.setStatus(tm.ws, platform.SubscriptionActive)
	if !sub.CurrentPeriodEnd.Equal(f.clock.Now().AddDate(0, 1, 0)) || sub.CancelAtPeriodEnd {
		t.Errorf("reactivated: %+v", sub)
	}
	want := []string{f.admin.UserID + " subscription.status", f.admin.UserID + " subscription.status"}
	if acts := f.actorActions(tm.ws, tm.ws.ID); !slices.Equal(acts[len(acts)-2:], want) {
		t.Errorf("audit: %q", acts)
	}
}

// Periods: a month each; they renew, or cancel the subscription at their end when
// cancel_at_period_end. Readers see it at once (derived from the clock); the worker writes it,
// and the cancellation is audited then (actor system).
func TestSubscription_PeriodsRenewOrCancelAtTheirEnd(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	a, b := f.team(platform.PlanPro), f.team(platform.PlanPro)
	end := t0.AddDate(0, 1, 0)
	_, err := f.svc.UpdateSubscription(f.ctx, a.owner, a.ws.Slug, service.SubscriptionPatch{CancelAtPeriodEnd: ptr(true)}, 0)
	must(t, err)

	f.clock.Advance(end.Sub(t0) - time.Second)
	if n, err := f.svc.AdvanceSubscriptions(f.ctx); err != nil || n != 0 {
		t.Fatalf("before the period end: %d, %v", n, err)
	}
	if st := f.accessState(a.ws, a.owner); st.State != platform.StateFull {
		t.Errorf("before the period end: %+v", st)
	}
	f.clock.Advance(time.Second)
	// At the end: a is canceled (suspended since the period end), b renewed; before the worker.
	if st := f.accessState(a.ws, a.owner); *st != (platform.WorkspaceAccessState{State: platform.StateSuspended,
		Reason: "subscription canceled", Since: end}) {
		t.Errorf("at the period end: %+v", st)
	}
	_, err = f.svc.CreateProject(f.ctx, a.owner, a.ws.Slug, service.ProjectInput{Slug: "xyz", Name: "X"})
	wantCode(t, err, platform.CodeFailedPrecondition, "workspace is suspended: subscription canceled")
	sb, err := f.svc.GetSubscription(f.ctx, b.owner, b.ws.Slug)
	must(t, err)
	if sb.Status != platform.SubscriptionActive || !sb.CurrentPeriodEnd.Equal(end.AddDate(0, 1, 0)) || sb.Version != 1 {
		t.Errorf("renewed (derived): %+v", sb)
	}
	if acts := f.actorActions(a.ws, a.ws.ID); slices.Contains(acts, "system subscription.status") {
		t.Errorf("audited before it was written: %q", acts)
	}

	n, err := f.svc.AdvanceSubscriptions(f.ctx)
	must(t, err)
	if n != 2 {
		t.Errorf("worker pass: %d changed, want 2", n)
	}
	sa, err := f.svc.GetSubscription(f.ctx, a.owner, a.ws.Slug)
	must(t, err)
	if sa.Status != platform.SubscriptionCanceled || sa.Version != 3 || !sa.CurrentPeriodEnd.Equal(end) {
		t.Errorf("canceled (written): %+v", sa)
	}
	if acts := f.actorActions(a.ws, a.ws.ID); acts[len(acts)-1] != "system subscription.status" {
		t.Errorf("audit: %q", acts)
	}
	sb, err = f.svc.GetSubscription(f.ctx, b.owner, b.ws.Slug)
	must(t, err)
	if sb.Version != 2 || !sb.CurrentPeriodEnd.Equal(end.AddDate(0, 1, 0)) {
		t.Errorf("renewed (written): %+v", sb)
	}
	if acts := f.actorActions(b.ws, b.ws.ID); slices.Contains(acts, "system subscription.status") {
		t.Errorf("a renewal is not a status change: %q", acts)
	}
	if n, err := f.svc.AdvanceSubscriptions(f.ctx); err != nil || n != 0 {
		t.Errorf("second pass: %d, %v", n, err)
	}

	// Several periods at once (a server stopped for months) renew to the current one; a change
	// of the subscription writes the catch-up first.
	f.clock.Advance(100 * 24 * time.Hour)
	read, err := f.svc.GetSubscription(f.ctx, b.owner, b.ws.Slug)
	must(t, err)
	// If-Match is the version read, though the change writes the renewals first.
	sb, err = f.svc.UpdateSubscription(f.ctx, b.owner, b.ws.Slug, service.SubscriptionPatch{CancelAtPeriodEnd: ptr(true)}, read.Version)
	must(t, err)
	if sb.Version != read.Version+2 || !sb.CurrentPeriodEnd.Equal(read.CurrentPeriodEnd) {
		t.Errorf("after months: read %+v, then %+v", read, sb)
	}
	if !sb.CurrentPeriodEnd.After(f.clock.Now()) || sb.CurrentPeriodEnd.After(f.clock.Now().AddDate(0, 1, 0)) || !sb.CancelAtPeriodEnd {
		t.Errorf("after months: %+v (now %v)", sb, f.clock.Now())
	}
}

func TestBillingPortalSession(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	tm := f.team(platform.PlanFree)
	for _, c := range []struct{ url, reason string }{
		{"", "is required"},
		{"example.com/back", "absolute URL"},
		{"ftp://example.com/", "must use https"},
		{"http://example.com/", "must use https (http only to localhost"},
		{"http://127.0.0.2/", "must use https"},
		{"https://user:pw@example.com/", "credentials"},
		{"https://example.com/" + strings.Repeat("x", 2048), "at most 2048"},
	} {
		_, err := f.svc.CreateBillingPortalSession(f.ctx, tm.owner, tm.ws.Slug, service.BillingPortalSessionInput{ReturnURL: c.url})
		e := wantCode(t, err, platform.CodeInvalidArgument, c.reason)
		if len(e.Details) != 1 || e.Details[0].Field != "return_url" {
			t.Errorf("%q: %+v", c.url, e.Details)
		}
	}
	for _, ok := range []string{"https://example.com/back?x=1", "http://localhost:3000/", "http://127.0.0.1/", "http://[::1]:8080/x"} {
		if _, err := f.svc.CreateBillingPortalSession(f.ctx, tm.owner, tm.ws.Slug, service.BillingPortalSessionInput{ReturnURL: ok}); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	_, err := f.svc.CreateBillingPortalSession(f.ctx, tm.member, tm.ws.Slug, service.BillingPortalSessionInput{ReturnURL: "https://example.com/"})
	wantCode(t, err, platform.CodePermissionDenied, "billing.manage")

	before := len(f.storedAuditEvents(tm.ws.ID))
	s, err := f.svc.CreateBillingPortalSession(f.ctx, tm.admin, tm.ws.Slug, service.BillingPortalSessionInput{ReturnURL: "https://example.com/back"})
	must(t, err)
	if !s.ExpiresAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("expires_at: %v", s.ExpiresAt)
	}
	events := f.storedAuditEvents(tm.ws.ID)
	if len(events) != before+1 || events[len(events)-1].Action != "billing_portal_session.create" ||
		events[len(events)-1].Actor != tm.admin.UserID || strings.Contains(events[len(events)-1].Target, "http") {
		t.Errorf("audit: %+v", events[len(events)-1])
	}
	// The URL is signed: it verifies as issued, not once changed, not after it expired.
	u, err := url.Parse(s.URL)
	must(t, err)
	q := u.Query()
	exp, err := strconv.ParseInt(q.Get("expires"), 10, 64)
	must(t, err)
	wsID := strings.TrimPrefix(u.Path, "/billing-portal/")
	if u.Scheme != "https" || wsID != tm.ws.ID || q.Get("return_url") != "https://example.com/back" {
		t.Errorf("url: %s", s.URL)
	}
	must(t, f.svc.VerifyBillingPortalSession(wsID, time.Unix(exp, 0), q.Get("return_url"), q.Get("signature")))
	wantCode(t, f.svc.VerifyBillingPortalSession(wsID, time.Unix(exp, 0), "https://evil.example.com/", q.Get("signature")),
		platform.CodeUnauthenticated, "invalid signature")
	wantCode(t, f.svc.VerifyBillingPortalSession(wsID, time.Unix(exp+3600, 0), q.Get("return_url"), q.Get("signature")),
		platform.CodeUnauthenticated, "invalid signature")
	f.clock.Advance(time.Hour)
	wantCode(t, f.svc.VerifyBillingPortalSession(wsID, time.Unix(exp, 0), q.Get("return_url"), q.Get("signature")),
		platform.CodeUnauthenticated, "expired")
	// A dry run: validated and authorized the same, nothing recorded.
	before = len(f.storedAuditEvents(tm.ws.ID))
	_, err = f.svc.CreateBillingPortalSession(service.WithValidateOnly(f.ctx), tm.owner, tm.ws.Slug, service.BillingPortalSessionInput{ReturnURL: "https://example.com/"})
	must(t, err)
	if len(f.storedAuditEvents(tm.ws.ID)) != before {
		t.Error("a dry run recorded an audit event")
	}
}

// A push for a workspace that is not full is accepted and starts no deployment.
func TestGitHubWebhook_NoDeploymentUnlessFull(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := f.pushSetup()
	for i, status := range []platform.SubscriptionStatus{platform.SubscriptionPastDue, platform.SubscriptionCanceled} {
		f.setStatus(p.tm.ws, status)
		res, err := p.hook.GitHubWebhook(f.ctx, pushDelivery(testWebhookSecret, "delivery-state-"+string(status), 4242, "acme/web", "main", sha(i+1)))
		must(t, err)
		if res.Deployments != 0 {
			t.Errorf("%s: %+v", status, res)
		}
	}
	f.setStatus(p.tm.ws, platform.SubscriptionActive)
	before := f.revisions(p)
	res, err := p.hook.GitHubWebhook(f.ctx, pushDelivery(testWebhookSecret, "delivery-state-full", 4242, "acme/web", "main", sha(9)))
	must(t, err)
	if res.Deployments != 2 || f.revisions(p)[p.webMain.Name] != before[p.webMain.Name]+1 {
		t.Errorf("full again: %+v", res)
	}
}
