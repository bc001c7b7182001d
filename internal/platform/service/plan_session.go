package service

import (
	"context"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// PlanSession is the answer of GET /v1/plan-sessions/{id}: what the caller's plan session
// plans to delete, so that an apply can act on the whole plan (docs/platform.md, "Plan
// sessions").
type PlanSession struct {
	ID      string                   `json:"id"`
	Deletes []platform.PlannedDelete `json:"deletes"`
}

// GetPlanSession lists what the caller's plan session id plans to delete. A session nobody
// recorded anything in is empty, not missing: the server cannot tell it from a plan that
// deleted nothing.
func (s *Service) GetPlanSession(ctx context.Context, caller *platform.Principal, id string) (*PlanSession, error) {
	if !platform.ValidPlanSessionID(id) {
		return nil, invalid("id", "must be 8-128 letters, digits, '_' or '-'")
	}
	return view(ctx, s, caller, func(t *txn) (*PlanSession, error) {
		ds, err := t.ListPlannedDeletes(caller.Actor(), id, "")
		if err != nil {
			return nil, err
		}
		return &PlanSession{ID: id, Deletes: ds}, nil
	})
}

// recordPlannedDelete keeps a dry run's planned delete in its session, and forgets sessions
// older than platform.PlanSessionTTL while it is there.
func (s *Service) recordPlannedDelete(ctx context.Context, d *platform.PlannedDelete) error {
	return s.store.Update(context.WithoutCancel(ctx), func(tx platform.Tx) error {
		if err := tx.RecordPlannedDelete(d); err != nil {
			return err
		}
		_, err := tx.DeletePlannedDeletesBefore(d.CreatedAt.Add(-platform.PlanSessionTTL))
		return err
	})
}
