package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// wireCounter counts the requests that reach the wire; the first is held back a little so that
// concurrent calls find it in flight. With noBatches it answers the batch endpoint 404, as a
// server without it would.
type wireCounter struct {
	next      http.RoundTripper
	requests  atomic.Int64
	batches   atomic.Int64
	noBatches bool
	once      sync.Once
}

func (w *wireCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	w.requests.Add(1)
	w.once.Do(func() { time.Sleep(100 * time.Millisecond) })
	if strings.HasSuffix(req.URL.Path, "/dry-runs") {
		w.batches.Add(1)
		if w.noBatches {
			return &http.Response{StatusCode: http.StatusNotFound, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
		}
	}
	return w.next.RoundTrip(req)
}

// Concurrent dry runs of one plan session travel in batches, and each call gets exactly the
// answer it would have had alone: objects, quota refusals over the whole plan, duplicates.
func TestDryRunBatches(t *testing.T) {
	t.Parallel()
	for _, noBatches := range []bool{false, true} {
		t.Run(fmt.Sprintf("server_without_batches=%v", noBatches), func(t *testing.T) {
			t.Parallel()
			e := setup(t, "") // free: 3 projects
			wire := &wireCounter{next: http.DefaultTransport, noBatches: noBatches}
			cfg := fastConfig(e.srv.URL, e.token, e.log)
			cfg.HTTPClient = &http.Client{Transport: wire}
			c := newClient(t, cfg)
			dry := client.WithPlanSession(client.WithValidateOnly(ctx(t)), "plan-batch-client-1")

			const n = 12
			errs := make([]error, n)
			var wg sync.WaitGroup
			for i := range n {
				wg.Go(func() {
					slug := fmt.Sprintf("prj-%02d", i)
					if i == n-1 {
						slug = "prj-00" // claims the first one's slug
					}
					p, err := c.Projects.Create(dry, "acme", client.ProjectCreateOptions{Slug: slug, Name: slug})
					if err == nil && (p.Slug != slug || p.ID != "") {
						err = fmt.Errorf("dry-run answer %+v for %s", p, slug)
					}
					errs[i] = err
				})
			}
			wg.Wait()
			ok, quota, dup := 0, 0, 0
			for i, err := range errs {
				var apiErr *client.APIError
				switch {
				case err == nil:
					ok++
				case errors.Is(err, client.ErrQuotaExceeded) && strings.Contains(err.Error(), "4 in all"):
					quota++
				case errors.Is(err, client.ErrAlreadyExists) && strings.Contains(err.Error(), "another resource of this plan"):
					dup++
				default:
					t.Errorf("call %d: %v", i, err)
				}
				if errors.As(err, &apiErr) && apiErr.RequestID == "" {
					t.Errorf("call %d: no request id in %v", i, err)
				}
			}
			// Three fit the free plan; every other create is refused for the plan's total, or as the
			// duplicate of prj-00 (when prj-00 was judged first and fit).
			if ok != 3 || quota+dup != n-3 || dup > 1 {
				t.Errorf("ok=%d quota=%d duplicate=%d, want 3 ok and the rest refused", ok, quota, dup)
			}
			switch got := wire.requests.Load(); {
			case noBatches && got != n+1:
				t.Errorf("%d requests on the wire, want %d: every call alone after one refused batch", got, n+1)
			case !noBatches && (got >= n/2 || wire.batches.Load() == 0):
				t.Errorf("%d requests (%d batches) on the wire for %d concurrent dry runs, want batches", got, wire.batches.Load(), n)
			}
			// Nothing was created; real calls are never batched.
			if _, err := c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "real", Name: "Real"}); err != nil {
				t.Fatal(err)
			}
			if s := must(c.PlanSessions.Get(ctx(t), "plan-batch-client-1"))(t); len(s.Creates) != 3 {
				t.Errorf("session creates: %+v", s.Creates)
			}
		})
	}
}

func TestDryRunBatchLimitMatchesServer(t *testing.T) {
	if client.MaxDryRunCalls != httpapi.MaxDryRunCalls {
		t.Errorf("client.MaxDryRunCalls = %d, server %d", client.MaxDryRunCalls, httpapi.MaxDryRunCalls)
	}
}
