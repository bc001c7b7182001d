package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// PlanSession is the answer of GET /v1/plan-sessions/{id}: what the caller's plan session
// plans to delete, so that an apply can act on the whole plan (docs/platform.md, "Plan
// sessions").
type PlanSession struct {
	ID      string                   `json:"id"`
	Deletes []platform.PlannedDelete `json:"deletes"`
	// Creates are the session's dry-run creates that would succeed.
	Creates []platform.PlannedCreate `json:"creates"`
}

// GetPlanSession lists what the caller's plan session id plans to delete and create. A session nobody
// recorded anything in is empty, not missing: the server cannot tell it from a plan that
// deleted nothing.
func (s *Service) GetPlanSession(ctx context.Context, caller *platform.Principal, id string) (*PlanSession, error) {
	if !platform.ValidPlanSessionID(id) {
		return nil, invalid("id", "must be 8-128 letters, digits, '_' or '-'")
	}
	return view(ctx, s, caller, func(t *txn) (*PlanSession, error) { return t.planSession(id) })
}

// planSession is what the caller's plan session id plans.
func (t *txn) planSession(id string) (*PlanSession, error) {
	ds, err := t.ListPlannedDeletes(t.caller.Actor(), id, "")
	if err != nil {
		return nil, err
	}
	cs, err := t.ListPlannedCreates(t.caller.Actor(), id)
	if err != nil {
		return nil, err
	}
	return &PlanSession{ID: id, Deletes: ds, Creates: cs}, nil
}

// PlannedDeletesInput declares deletes that a plan makes without dry-running each
// (POST /v1/plan-sessions/{session}/deletes): objects of one workspace, by kind and id.
type PlannedDeletesInput struct {
	WorkspaceID string          `json:"workspace_id"`
	Deletes     []PlannedTarget `json:"deletes"`
}

// PlannedTarget is one declared delete.
type PlannedTarget struct {
	Kind     string `json:"kind"`
	TargetID string `json:"target_id"`
}

// MaxDeclaredDeletes bounds one declaration.
const MaxDeclaredDeletes = 1000

var plannedKinds = []string{platform.PlannedProject, platform.PlannedProjectMember, platform.PlannedWorkspaceMember,
	platform.PlannedRole, platform.PlannedAPIKey, platform.PlannedRegion, platform.PlannedCluster,
	platform.PlannedProduct, platform.PlannedRelease, platform.PlannedInstallation, platform.PlannedDeployment,
	platform.PlannedSecret, platform.PlannedGitHubInstallation}

// DeclarePlannedDeletes records, in the caller's plan session, deletes that the plan makes in
// one workspace without a dry run of each. A declaration only changes how that session's own
// dry runs are judged (it is the caller's plan, taken at its word), never a real call; the
// workspace must be one the caller can read. A workspace's own deletion is recorded by its dry
// run only. A dry run (validate_only) checks the declaration and records nothing.
func (s *Service) DeclarePlannedDeletes(ctx context.Context, caller *platform.Principal, id string, in PlannedDeletesInput) (*PlanSession, error) {
	var v platform.Violations
	if !platform.ValidPlanSessionID(id) {
		v.Add("id", "must be 8-128 letters, digits, '_' or '-'")
	}
	if len(in.Deletes) == 0 || len(in.Deletes) > MaxDeclaredDeletes {
		v.Addf("deletes", "must hold 1-%d deletes", MaxDeclaredDeletes)
	}
	for i, d := range in.Deletes {
		if !slices.Contains(plannedKinds, d.Kind) {
			v.Addf(fmt.Sprintf("deletes[%d].kind", i), "must be one of %s", strings.Join(plannedKinds, ", "))
		}
		if d.TargetID == "" || len(d.TargetID) > 200 {
			v.Addf(fmt.Sprintf("deletes[%d].target_id", i), "must be 1-200 characters")
		}
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return update(ctx, s, caller, func(t *txn) (*PlanSession, error) {
		// Bookkeeping of the caller's plan, not a change of the workspace: judged as a read, so
		// that a destroy plan can be made for a read-only workspace (its deletes are then judged
		// one by one by their dry runs).
		t.callIs(platform.CallRead)
		w, err := t.workspace(in.WorkspaceID)
		if err != nil {
			return nil, err
		}
		if err := w.require(platform.PermWorkspaceRead); err != nil {
			return nil, err
		}
		for _, d := range in.Deletes {
			if err := t.RecordPlannedDelete(&platform.PlannedDelete{Actor: caller.Actor(), Session: id,
				WorkspaceID: w.ws.ID, Kind: d.Kind, TargetID: d.TargetID, CreatedAt: t.now}); err != nil {
				return nil, err
			}
		}
		if _, err := t.DeletePlannedDeletesBefore(t.now.Add(-platform.PlanSessionTTL)); err != nil {
			return nil, err
		}
		return t.planSession(id)
	})
}

// recordPlannedCreate keeps a dry run's planned create in its session, and forgets sessions
// older than platform.PlanSessionTTL while it is there. A key recorded meanwhile by a
// concurrent dry run of the same session is the duplicate that run was refused for.
func (s *Service) recordPlannedCreate(ctx context.Context, c *platform.PlannedCreate) error {
	return s.store.Update(context.WithoutCancel(ctx), func(tx platform.Tx) error {
		ok, err := tx.RecordPlannedCreate(c)
		if err != nil {
			return err
		}
		if !ok {
			return errPlannedTwice(c.Kind, c.Key, c.Session)
		}
		_, err = tx.DeletePlannedCreatesBefore(c.CreatedAt.Add(-platform.PlanSessionTTL))
		return err
	})
}

// errPlannedTwice refuses a second create of one unique name in one plan session.
func errPlannedTwice(kind, key, session string) error {
	if i := strings.LastIndexByte(key, '/'); i >= 0 {
		key = key[i+1:]
	}
	return platform.Errorf(platform.CodeAlreadyExists, "%s %q is already created by another resource of this plan "+
		"(plan session %s): each must have its own", strings.ReplaceAll(kind, "_", " "), key, session)
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
