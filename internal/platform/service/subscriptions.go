package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// A workspace's subscription (docs/platform.md section 12, "Subscription, access state and
// billing portal"): created with the workspace, its plan changed through the one code path
// (saveWorkspace) that PATCH /v1/workspaces/{ws} uses too, its status set by the platform
// administrator standing in for the payment processor.

// SubscriptionPatch changes a subscription; nil fields stay.
type SubscriptionPatch struct {
	Plan              *platform.Plan `json:"plan,omitempty"`
	CancelAtPeriodEnd *bool          `json:"cancel_at_period_end,omitempty"`
}

// SubscriptionStatusInput is the platform administrator's status change.
type SubscriptionStatusInput struct {
	Status platform.SubscriptionStatus `json:"status"`
}

// systemActor is the audit events' actor of changes nobody asked for at that moment (a period
// that ends).
const systemActor = "system"

// GetSubscription reads the workspace's subscription (workspace.read; in every access state).
func (s *Service) GetSubscription(ctx context.Context, caller *platform.Principal, ref string) (*platform.Subscription, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Subscription, error) {
		t.callIs(platform.CallBilling)
		w, err := t.workspaceRequiring(ref, platform.PermWorkspaceRead)
		if err != nil {
			return nil, err
		}
		return t.subscription(w.ws)
	})
}

// UpdateSubscription changes the plan (section 3's rules, exactly as PATCH workspace plan) and
// cancel_at_period_end (billing.manage; in every access state). ifVersion is the subscription's.
func (s *Service) UpdateSubscription(ctx context.Context, caller *platform.Principal, ref string, in SubscriptionPatch, ifVersion int64) (*platform.Subscription, error) {
	return update(ctx, s, caller, func(t *txn) (*platform.Subscription, error) {
		t.callIs(platform.CallBilling)
		w, err := t.workspaceRequiring(ref, platform.PermBillingManage)
		if err != nil {
			return nil, err
		}
		// If-Match names the version the caller read: the stored one, before a period end that
		// passed since is written (readers derive it without a new version).
		if w.ws.Subscription != nil {
			if err := checkVersion("subscription", w.ws.Subscription.Version, ifVersion); err != nil {
				return nil, err
			}
		}
		cur, err := t.currentSubscription(w.ws)
		if err != nil {
			return nil, err
		}
		ws := *w.ws
		setIf(&ws.Plan, in.Plan)
		if err := t.saveWorkspace(w.ws, &ws, cur, func(sub *platform.Subscription) {
			setIf(&sub.CancelAtPeriodEnd, in.CancelAtPeriodEnd)
		}); err != nil {
			return nil, err
		}
		return ws.Subscription, nil
	})
}

// saveWorkspace writes a patched workspace ws (before: as read) and, when cur is not nil, its
// subscription (cur: as it stands now) patched by patchSub: the one code path of PATCH
// /v1/workspaces/{ws} and PATCH /v1/workspaces/{ws}/subscription, so that a plan change follows
// the same rules, writes the same rows and records the same events whichever endpoint made it.
// A plan change is checked against section 3 (every quota and downgrade violation listed,
// custom roles only on enterprise, paid listed products only on a paid plan) and moves both
// versions, the plan being a field of each. What did not change is not written (no version, no
// event). On success ws.Subscription is the subscription as saved.
func (t *txn) saveWorkspace(before, ws *platform.Workspace, cur *platform.Subscription, patchSub ...func(*platform.Subscription)) error {
	ws.Subscription = before.Subscription
	planChange := ws.Plan != before.Plan
	if planChange && cur == nil {
		return platform.Errorf(platform.CodeInternal, "plan change of workspace %s without its subscription", ws.ID)
	}
	var sub *platform.Subscription
	if cur != nil {
		c := *cur
		sub = &c
		for _, patch := range patchSub {
			patch(sub)
		}
		sub.Plan = ws.Plan
	}
	wsChange := !unchanged(ws, before)
	subChange := sub != nil && !unchanged(sub, cur)
	if wsChange || subChange {
		if err := ws.Validate(); err != nil {
			return err
		}
	}
	if planChange {
		u, err := t.usage(ws)
		if err != nil {
			return err
		}
		if err := platform.CheckPlanChange(ws.Plan, u); err != nil {
			return err
		}
	}
	if wsChange {
		ws.Touch(t.now)
		if err := t.UpdateWorkspace(ws); err != nil {
			return err
		}
		if err := t.audit(ws.ID, "", "workspace.update", ws.ID); err != nil {
			return err
		}
	}
	if subChange {
		sub.Touch(t.now)
		if err := t.UpdateSubscription(sub); err != nil {
			return err
		}
		if err := t.audit(ws.ID, "", "subscription.update", ws.ID); err != nil {
			return err
		}
	}
	if sub != nil {
		ws.Subscription = sub
	}
	return nil
}

// SetSubscriptionStatus is the platform administrator standing in for the payment processor:
// it sets the subscription's status (active, past_due, canceled), which decides the workspace's
// access state. Reactivating a canceled subscription starts a new period from now. Audited in
// the workspace's trail as subscription.status (actor: the administrator).
func (s *Service) SetSubscriptionStatus(ctx context.Context, caller *platform.Principal, ref string, in SubscriptionStatusInput) (*platform.Subscription, error) {
	if caller.IsAPIKey() || !caller.PlatformAdmin {
		return nil, platform.Errorf(platform.CodePermissionDenied,
			"only the platform administrator may set a subscription's status (it simulates the payment processor)")
	}
	var v platform.Violations
	platform.ValidateEnum(&v, "status", in.Status, platform.SubscriptionStatuses...)
	if err := v.Err(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*platform.Subscription, error) {
		ws, err := t.workspaceByRef(ref)
		if err != nil {
			return nil, err
		}
		cur, err := t.currentSubscription(ws)
		if err != nil {
			return nil, err
		}
		if cur.Status == in.Status {
			return cur, nil
		}
		sub := *cur
		if sub.Status == platform.SubscriptionCanceled {
			sub.CurrentPeriodEnd, sub.CancelAtPeriodEnd = platform.SubscriptionPeriod(t.now), false
		}
		sub.Status, sub.StatusChangedAt = in.Status, t.now
		sub.Touch(t.now)
		if err := t.UpdateSubscription(&sub); err != nil {
			return nil, err
		}
		return &sub, t.audit(ws.ID, "", "subscription.status", ws.ID)
	})
}

// GetAccessState answers the workspace's access state (workspace.read; in every access state).
func (s *Service) GetAccessState(ctx context.Context, caller *platform.Principal, ref string) (*platform.WorkspaceAccessState, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.WorkspaceAccessState, error) {
		t.callIs(platform.CallBilling)
		w, err := t.workspaceRequiring(ref, platform.PermWorkspaceRead)
		if err != nil {
			return nil, err
		}
		sub, err := t.subscription(w.ws)
		if err != nil {
			return nil, err
		}
		state, reason := sub.AccessState()
		return &platform.WorkspaceAccessState{State: state, Reason: reason, Since: sub.StatusChangedAt}, nil
	})
}

// subscription is ws's subscription as it stands now (platform.Subscription.At), read with the
// workspace: no query.
func (t *txn) subscription(ws *platform.Workspace) (*platform.Subscription, error) {
	if ws.Subscription == nil {
		// Every workspace gets one in the transaction that creates it (and migration 00006).
		return nil, platform.Errorf(platform.CodeInternal, "workspace %s has no subscription", ws.ID)
	}
	sub, _ := ws.Subscription.At(t.now)
	sub.Plan = ws.Plan
	return &sub, nil
}

// currentSubscription is subscription for a call that changes it: a period end that passed
// since it was stored is written first (and a cancellation audited, as the worker would have),
// so that the change applies to the subscription as it stands.
func (t *txn) currentSubscription(ws *platform.Workspace) (*platform.Subscription, error) {
	if ws.Subscription == nil {
		return t.subscription(ws)
	}
	stored := *ws.Subscription
	sub, moved := stored.At(t.now)
	sub.Plan = ws.Plan
	if moved {
		if err := t.catchUp(&stored, &sub); err != nil {
			return nil, err
		}
	}
	return &sub, nil
}

// catchUp writes what At derived from the stored subscription stored: renewed periods (no
// event: nothing anybody decided) and a cancellation at the period's end (subscription.status,
// actor system). sub is updated to the written version.
func (t *txn) catchUp(stored, sub *platform.Subscription) error {
	canceled := sub.Status != stored.Status
	sub.Version = stored.Version
	sub.Touch(t.now)
	if err := t.UpdateSubscription(sub); err != nil {
		return err
	}
	if canceled {
		return t.auditAs(systemActor, sub.WorkspaceID, "subscription.status", sub.WorkspaceID)
	}
	return nil
}

// maxDueSubscriptions bounds one pass of AdvanceSubscriptions.
const maxDueSubscriptions = 500

// AdvanceSubscriptions writes the periods that ended: renewals, and cancellations of
// subscriptions canceled at their period's end (audited then, actor system). The server's worker
// calls it with AdvanceOperations. Reads never wait for it: they derive the same result from the
// stored row and the clock (platform.Subscription.At). It returns how many subscriptions changed.
func (s *Service) AdvanceSubscriptions(ctx context.Context) (int, error) {
	due, err := view(ctx, s, nil, func(t *txn) ([]platform.Subscription, error) {
		return t.ListSubscriptionsDue(t.now, maxDueSubscriptions)
	})
	if err != nil {
		return 0, err
	}
	changed := 0
	for i := range due {
		if err := ctx.Err(); err != nil {
			return changed, err
		}
		ws := due[i].WorkspaceID
		done, err := update(ctx, s, nil, func(t *txn) (bool, error) {
			stored, err := t.GetSubscription(ws)
			if platform.IsCode(err, platform.CodeNotFound) {
				return false, nil // the workspace went meanwhile
			}
			if err != nil {
				return false, err
			}
			sub, moved := stored.At(t.now)
			if !moved {
				return false, nil
			}
			return true, t.catchUp(stored, &sub)
		})
		if platform.IsCode(err, platform.CodeAborted) {
			continue // changed by a caller meanwhile; the next pass sees the new state
		}
		if err != nil {
			return changed, err
		}
		if done {
			changed++
		}
	}
	return changed, nil
}
