package service

import (
	"context"
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Operations are asynchronous changes stored as data (docs/platform.md sections 6 and 11): the
// generic part lives here; each entity finishes its own kinds ("<entity>.<change>").

// maxUnfinished bounds one pass over unfinished operations.
const maxUnfinished = 500

// GetOperation reads an operation; it is visible to whoever can read what it changes.
func (s *Service) GetOperation(ctx context.Context, caller *platform.Principal, id string) (*platform.Operation, error) {
	return view(ctx, s, caller, func(t *txn) (*platform.Operation, error) {
		op, err := t.GetOperation(id)
		if platform.IsCode(err, platform.CodeNotFound) {
			return nil, platform.NotFound("operation", id)
		}
		if err != nil {
			return nil, err
		}
		if operationEntity(op.Kind) == "stripe_account" {
			t.callIs(platform.CallBilling) // billing answers in every access state, its onboarding too
		}
		w, err := t.workspace(op.WorkspaceID)
		if platform.IsCode(err, platform.CodeNotFound) {
			return nil, platform.NotFound("operation", id)
		}
		if err != nil {
			return nil, err
		}
		visible, err := t.operationVisible(w, op)
		if err != nil {
			return nil, err
		}
		if !visible {
			return nil, platform.NotFound("operation", id)
		}
		return op, nil
	})
}

// AdvanceOperations moves every unfinished operation one step: pending ones start running, and
// running ones whose delay has passed finish. The server's worker calls it periodically; since
// operations are data, a restarted server resumes where it stopped. It returns how many
// operations changed.
func (s *Service) AdvanceOperations(ctx context.Context) (int, error) {
	ops, err := view(ctx, s, nil, func(t *txn) ([]platform.Operation, error) { return t.ListUnfinishedOperations(maxUnfinished) })
	if err != nil {
		return 0, err
	}
	changed := 0
	for i := range ops {
		if err := ctx.Err(); err != nil {
			return changed, err
		}
		id := ops[i].ID
		done, err := update(ctx, s, nil, func(t *txn) (bool, error) { return s.advance(t, id) })
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

// startOperation records an asynchronous change of the object targetID in workspace ws, with
// target (the entity) as its desired state, due after the operation delay.
func (s *Service) startOperation(t *txn, kind, ws, targetID string, target any) (*platform.Operation, error) {
	op := &platform.Operation{ID: platform.NewID(platform.PrefixOperation), WorkspaceID: ws, Kind: kind,
		TargetID: targetID, Status: platform.OpPending, DueAt: t.now.Add(s.clusterDelay)}
	if err := op.SetTarget(target); err != nil {
		return nil, err
	}
	op.Stamp(t.now)
	return op, t.CreateOperation(op)
}

// operationEntity is the entity an operation kind changes: "cluster" of "cluster.create".
func operationEntity(kind string) string {
	entity, _, _ := strings.Cut(kind, ".")
	return entity
}

// operationVisible tells whether the caller may read op: the permission that reads its object.
func (t *txn) operationVisible(w *wsScope, op *platform.Operation) (bool, error) {
	switch operationEntity(op.Kind) {
	case "cluster":
		return w.access.Permissions.Has(platform.PermClustersRead), nil
	case "installation":
		return w.access.Permissions.Has(platform.PermInstallationsRead), nil
	case "stripe_account":
		// Onboarding is as visible as the account itself (it holds an e-mail).
		return w.access.Permissions.Has(platform.PermBillingManage), nil
	case "deployment":
		// A deployment belongs to a project: its operations are as visible as it is. The target
		// names the project even after the deployment is gone.
		var d platform.Deployment
		if ok, err := op.DecodeTarget(&d); !ok || err != nil {
			return false, err
		}
		p, err := t.GetProject(w.ws.ID, d.ProjectID)
		if platform.IsCode(err, platform.CodeNotFound) {
			// The project went after the deployment: what the workspace role grants on any project.
			access, ok := platform.ResolveProjectAccess(w.access, "", 0)
			return ok && access.Permissions.Has(platform.PermDeploymentsRead), nil
		}
		if err != nil {
			return false, err
		}
		var userID string
		if !t.caller.IsAPIKey() {
			userID = t.caller.UserID
		}
		access, ok, err := t.projectAccess(w.ws, w.access, p, userID)
		return ok && access.Permissions.Has(platform.PermDeploymentsRead), err
	}
	return false, nil
}

// advance moves one operation a step: a pending one starts running; a running one whose delay
// has passed is finished by its entity.
func (s *Service) advance(t *txn, id string) (bool, error) {
	op, err := t.GetOperation(id)
	if err != nil {
		return false, err
	}
	switch op.Status {
	case platform.OpPending:
		op.Status = platform.OpRunning
		op.Touch(t.now)
		return true, t.UpdateOperation(op)
	case platform.OpRunning:
		if t.now.Before(op.DueAt) {
			return false, nil
		}
	default:
		return false, nil
	}
	switch operationEntity(op.Kind) {
	case "cluster":
		return s.finishClusterOperation(t, op)
	case "installation":
		return s.finishInstallationOperation(t, op)
	case "deployment":
		return s.finishDeploymentOperation(t, op)
	case "stripe_account":
		return s.finishStripeAccountOperation(t, op)
	}
	return true, t.failOperation(op, "unknown operation kind "+op.Kind)
}

// failOperation ends op as failed with reason.
func (t *txn) failOperation(op *platform.Operation, reason string) error {
	op.Status, op.Error = platform.OpFailed, reason
	op.Touch(t.now)
	return t.UpdateOperation(op)
}
