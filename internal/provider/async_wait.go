package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Waits of the resources whose changes finish asynchronously (clusters, deployments): the API
// answers 202 with an operation, the resource saves the object to the state, then waits with
// the client's waiter within the resource's timeouts, and reports a failure the same way.

// asyncWait describes one wait and how its failure reads.
type asyncWait struct {
	typeName string        // platform_cluster
	kind     string        // "cluster", in messages
	name, id string        // the object waited for
	opID     string        // the operation finishing the change
	action   string        // create, update or delete
	timeout  time.Duration // from the timeouts block
	awaited  string        // "running", in messages
	work     string        // "provisioning", in the timeout hint
	// failed is the client's error of an object that failed (client.ErrClusterFailed, ...);
	// afterFailure says what that leaves ("The cluster is kept in the state ...").
	failed       error
	afterFailure string
	// failedDetail, when set, explains a failure instead of the operation's reason: for an
	// outcome that the object itself tells (a restricted Stripe account).
	failedDetail string
}

func (w asyncWait) title() string { return strings.ToUpper(w.kind[:1]) + w.kind[1:] }

// waitUntil runs wait (the client's waiter) within w.timeout, hands what it saw last to save
// (which stores it in the state) and reports a failure: a failed object with its operation's
// reason (one extra GET, only then), a timeout naming the timeouts attribute to raise, anything
// else with the API's detail.
func waitUntil[T any](ctx context.Context, c *client.Client, w asyncWait, wait func(context.Context) (*T, error), save func(*T),
	diags *diag.Diagnostics) {
	waitCtx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	obj, err := wait(waitCtx)
	if obj != nil {
		save(obj)
	}
	if err == nil {
		return
	}
	summary := fmt.Sprintf("Could not %s %s", w.action, w.typeName)
	switch {
	case errors.Is(err, w.failed) && w.failedDetail != "":
		diags.AddError(summary, w.failedDetail+"\n\n"+w.afterFailure)
	case errors.Is(err, w.failed):
		reason := "the server gave no reason"
		if op, opErr := c.Operations.Get(ctx, w.opID); opErr == nil && op.Error != "" {
			reason = op.Error
		}
		diags.AddError(summary, fmt.Sprintf("%s %s (%s) failed (operation %s): %s\n\n%s",
			w.title(), w.name, w.id, w.opID, reason, w.afterFailure))
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		diags.AddError(summary, fmt.Sprintf("%s %s (%s) was not %s within the %s timeout (%s): %s\n\n"+
			"Raise timeouts.%s if %s takes longer.", w.title(), w.name, w.id, w.awaited, w.action, w.timeout, err, w.action, w.work))
	default:
		diags.AddError(summary, fmt.Sprintf("Waiting for %s %s (%s) to be %s (operation %s): %s",
			w.kind, w.name, w.id, w.awaited, w.opID, apiErrorDetail(err)))
	}
}

// destroyAndWait is the Delete of a resource whose deletion finishes asynchronously: unless the
// plan that scheduled it says otherwise (planTracker.beforeDelete), it starts the deletion d (an
// object already gone counts as deleted), then waits with gone (the client's WaitUntilDeleted)
// within w.timeout. busy, when not nil, tells whether a refused delete is only one already
// under way: then the wait follows as well.
func (r *workspaceScopedResource) destroyAndWait(ctx context.Context, private privateGetter, d deletion, w asyncWait,
	gone func(context.Context) error, busy func(context.Context, error) bool, diags *diag.Diagnostics) {
	r.data.startApply()
	if r.data.plans.beforeDelete(ctx, r.client(), private, &d, diags) {
		return
	}
	err := d.del(ctx)
	if isNotFound(err) {
		return
	}
	if err != nil && (busy == nil || !busy(ctx, err)) {
		addAPIError(diags, d.typeName, "delete", err)
		return
	}
	waitCtx, cancel := context.WithTimeout(ctx, w.timeout)
	defer cancel()
	if err := gone(waitCtx); err != nil {
		diags.AddError("Could not delete "+w.typeName,
			fmt.Sprintf("%s %s (%s) did not finish deleting within the delete timeout (%s): %s",
				w.title(), w.name, w.id, w.timeout, apiErrorDetail(err)))
	}
}
