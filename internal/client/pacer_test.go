package client_test

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

// rateCounter counts the answers by status and the POST attempts, and can hide the rate-limit headers from the
// client (a server that does not send them).
type rateCounter struct {
	next        http.RoundTripper
	hideHeaders bool
	mu          sync.Mutex
	byStatus    map[int]int
	posts       atomic.Int64
}

func (s *rateCounter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPost {
		s.posts.Add(1)
	}
	resp, err := s.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.byStatus[resp.StatusCode]++
	s.mu.Unlock()
	if s.hideHeaders {
		for _, h := range []string{"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"} {
			resp.Header.Del(h)
		}
	}
	return resp, nil
}

// burstOfCreates creates n projects from workers goroutines with one client, through counter.
func burstOfCreates(t *testing.T, e *env, counter *rateCounter, n, workers int) []error {
	t.Helper()
	cfg := fastConfig(e.srv.URL, e.token, nil)
	cfg.HTTPClient = &http.Client{Transport: counter}
	cfg.MaxRetryAfter = 0 // the default (30s): honour the server's Retry-After
	c := newClient(t, cfg)
	jobs := make(chan int)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range jobs {
				_, errs[i] = c.Projects.Create(ctx(t), e.ws.Slug, client.ProjectCreateOptions{
					Slug: fmt.Sprintf("p-%d", i), Name: fmt.Sprintf("Project %d", i)})
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return errs
}

// Many concurrent creates through one client against a server limited to 20 requests/s
// (bucket of 20): paced by the server's headers, none is refused with 429, and each create is
// sent exactly once. Two and a half times the bucket cannot go through unpaced without a 429
// (TestNoPacingWithoutHeaders).
func TestPacingAvoids429(t *testing.T) {
	e := setup(t, client.PlanEnterprise, servertest.WithRateLimit(20, 20))
	counter := &rateCounter{next: http.DefaultTransport, byStatus: map[int]int{}}
	const n = 50
	for i, err := range burstOfCreates(t, e, counter, n, 8) {
		if err != nil {
			t.Fatalf("create %d: %v", i, err)
		}
	}
	if got := counter.byStatus[http.StatusTooManyRequests]; got != 0 {
		t.Errorf("%d answers were 429, want none (statuses %v)", got, counter.byStatus)
	}
	if got := counter.posts.Load(); got != n {
		t.Errorf("%d POST attempts for %d creates, want one each", got, n)
	}
	list, err := e.c.Projects.List(ctx(t), e.ws.Slug, client.ListOptions{PageSize: 100})
	if err != nil || len(list.Items) != n {
		t.Fatalf("projects after the burst: %v, %v; want %d", list, err, n)
	}
}

// The same burst against the same server, but with the headers hidden from the client: no
// pacing, so the server refuses some attempts (which the client retries after Retry-After).
// This is what TestPacingAvoids429 would see if pacing did nothing.
func TestNoPacingWithoutHeaders(t *testing.T) {
	e := setup(t, client.PlanEnterprise, servertest.WithRateLimit(20, 20))
	counter := &rateCounter{next: http.DefaultTransport, byStatus: map[int]int{}, hideHeaders: true}
	burstOfCreates(t, e, counter, 50, 8)
	if counter.byStatus[http.StatusTooManyRequests] == 0 {
		t.Errorf("no 429 without pacing (statuses %v): the burst does not exceed the limit", counter.byStatus)
	}
}
