package client

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// poll calls check until it reports done or fails, waiting between calls with a growing,
// jittered interval (PollInterval up to PollIntervalMax). It stops when ctx ends; the error
// then says what was awaited and the last state seen, and wraps ctx.Err().
func (cl *Client) poll(ctx context.Context, what string, check func(context.Context) (done bool, state string, err error)) error {
	wait := cl.pollMin
	last := "unknown"
	for {
		done, state, err := check(ctx)
		if err != nil && ctx.Err() != nil {
			// The deadline hit during a poll: report it like one hit between polls.
			return fmt.Errorf("platform client: waiting for %s (last status %q): %w", what, last, ctx.Err())
		}
		if err != nil || done {
			return err
		}
		last = state
		// Up to 20% jitter keeps many waiters from polling in lockstep.
		d := wait + time.Duration(rand.Int64N(int64(wait)/5+1))
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("platform client: waiting for %s (last status %q): %w", what, last, ctx.Err())
		case <-t.C:
		}
		wait = min(wait*3/2, cl.pollMax)
	}
}
