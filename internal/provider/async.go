package provider

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// Waiting for the asynchronous changes of clusters and installations (operations, docs/platform.md
// sections 6 and 11): the resource saves the object to the state before waiting, then waits
// within its timeout and reports a failure with the operation's message.

// operationWait is one wait for an object to reach a status after a change.
type operationWait struct {
	typeName  string // platform_cluster
	action    string // create, update
	label     string // `cluster "prod-eu" (cls_...)`
	status    string // the awaited status: running
	opID      string // the change's operation
	errFailed error  // what poll's error wraps when the object failed (client.ErrClusterFailed)
	failed    string // what became of the failed object, and what to do
	slow      string // what to do when it takes longer than the timeout
}

// wait runs poll (which waits for the status and saves what it saw last to the state) within
// timeout, and reports why it did not succeed. A failure is reported with its operation's
// message (one extra GET, only then).
func (w operationWait) wait(ctx context.Context, c *client.Client, timeout time.Duration, poll func(ctx context.Context) error,
	diags *diag.Diagnostics) {
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	err := poll(waitCtx)
	if err == nil {
		return
	}
	summary := fmt.Sprintf("Could not %s %s", w.action, w.typeName)
	switch {
	case errors.Is(err, w.errFailed):
		reason := "the server gave no reason"
		if op, opErr := c.Operations.Get(ctx, w.opID); opErr == nil && op.Error != "" {
			reason = op.Error
		}
		diags.AddError(summary, fmt.Sprintf("%s failed (operation %s): %s\n\n%s", capitalized(w.label), w.opID, reason, w.failed))
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		diags.AddError(summary, fmt.Sprintf("%s was not %s within the %s timeout (%s): %s\n\n%s",
			capitalized(w.label), w.status, w.action, timeout, err, w.slow))
	default:
		diags.AddError(summary, fmt.Sprintf("Waiting for %s to be %s (operation %s): %s", w.label, w.status, w.opID, apiErrorDetail(err)))
	}
}

// capitalized is s with its first letter in upper case, to start a sentence.
func capitalized(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// deleteAndWait is the Delete of an asynchronously deleted resource: unless the plan that
// scheduled it says otherwise (planTracker.beforeDelete), it starts the deletion with d.del,
// then waits, within timeout, until gone says the object no longer exists. An object already
// gone counts as deleted.
func deleteAndWait(ctx context.Context, data *providerData, d deletion, private privateGetter, timeout time.Duration,
	diags *diag.Diagnostics, gone func(ctx context.Context) error) {
	if data.plans.beforeDelete(ctx, data.client, private, &d, diags) {
		return
	}
	err := d.del(ctx)
	if isNotFound(err) {
		return
	}
	if err != nil {
		addAPIError(diags, d.typeName, "delete", err)
		return
	}
	waitCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := gone(waitCtx); err != nil {
		diags.AddError("Could not delete "+d.typeName, fmt.Sprintf("%s did not finish deleting within the delete timeout (%s): %s",
			capitalized(d.label), timeout, apiErrorDetail(err)))
	}
}
