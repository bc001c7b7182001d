package client

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
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

// waitForStatus polls get until the object's status (state(x)) is one of want and returns the
// object. When it turns failed instead (and that was not awaited), it returns the object and an
// error wrapping errFailed. what names the kind ("cluster"), ref the object as the caller named it.
func waitForStatus[T any](ctx context.Context, cl *Client, what, ref string, want []string, get func(context.Context) (*T, error),
	state func(*T) (name, id, status string), failed string, errFailed error) (*T, error) {
	if len(want) == 0 {
		return nil, fmt.Errorf("platform client: WaitForStatus needs at least one status: %w", ErrInvalidArgument)
	}
	awaited := strings.Join(want, " or ")
	var last *T
	err := cl.poll(ctx, fmt.Sprintf("%s %s to be %s", what, ref, awaited), func(ctx context.Context) (bool, string, error) {
		x, err := get(ctx)
		if err != nil {
			return false, "", err
		}
		last = x
		name, id, status := state(x)
		switch {
		case slices.Contains(want, status):
			return true, status, nil
		case status == failed:
			return false, status, fmt.Errorf("platform client: %s %s (%s) is %s while waiting for %s: %w", what, name, id, status, awaited, errFailed)
		}
		return false, status, nil
	})
	return last, err
}

// waitUntilGone polls get until the server no longer has the object (404); status(x) is what
// it shows meanwhile.
func waitUntilGone[T any](ctx context.Context, cl *Client, what, ref string, get func(context.Context) (*T, error), status func(*T) string) error {
	return cl.poll(ctx, fmt.Sprintf("%s %s to be deleted", what, ref), func(ctx context.Context) (bool, string, error) {
		x, err := get(ctx)
		if errors.Is(err, ErrNotFound) {
			return true, "deleted", nil
		}
		if err != nil {
			return false, "", err
		}
		return false, status(x), nil
	})
}
