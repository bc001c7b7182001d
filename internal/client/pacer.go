package client

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// pacedTransport is the step of the client's transport that paces every request put on the
// wire (below the dry-run batcher, so that a batch is one request, as the server counts it):
// it waits for the pacer, then lets the pacer learn the answer's rate-limit headers.
type pacedTransport struct {
	next http.RoundTripper
	p    *pacer
}

func (t *pacedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	seq := t.p.wait(req.Context())
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	if resp != nil {
		t.p.observe(seq, resp.Header)
	}
	return resp, err
}

// pacer keeps all requests of one Client (one provider process) under the server's rate limit
// so that they do not provoke 429s. It mirrors the caller's token bucket on the server: size
// from RateLimit-Limit, refill rate from RateLimit-Policy ("<quota>;w=<seconds>": quota/w
// per second; its quota is the size when RateLimit-Limit is missing), and the level lowered
// to what RateLimit-Remaining reports, less the attempts the server had not counted yet when
// it answered. Every attempt, retries included, takes a token before it is sent. Until an
// answer carries both headers nothing waits: a server that does not send them sees exactly
// the requests it saw before pacing existed.
//
// Pacing only delays attempts; it never adds one, so a create is sent once per attempt with
// its one Idempotency-Key as before.
type pacer struct {
	mu      sync.Mutex
	lim     *rate.Limiter // nil until an answer carries a policy
	policy  string        // the RateLimit-Limit and -Policy lim follows
	sent    uint64        // attempts sent so far; an attempt's number is its seq
	waiting int           // attempts holding a token they have not used yet
}

// wait blocks until a token is available or ctx ends (the attempt then fails with ctx's error
// as it would have without pacing), and numbers the attempt.
func (p *pacer) wait(ctx context.Context) (seq uint64) {
	p.mu.Lock()
	if lim := p.lim; lim != nil {
		r := lim.Reserve() // never refused: one token is at most the bucket size
		p.waiting++
		p.mu.Unlock()
		if d := r.Delay(); d > 0 {
			t := time.NewTimer(d)
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				r.Cancel() // the attempt will not be sent: give the token back
			}
		}
		p.mu.Lock()
		p.waiting--
	}
	p.sent++
	seq = p.sent
	p.mu.Unlock()
	return seq
}

// observe takes in the rate-limit headers of the answer to attempt seq.
func (p *pacer) observe(seq uint64, h http.Header) {
	policy, limit := h.Get("RateLimit-Policy"), h.Get("RateLimit-Limit")
	remaining, err := strconv.Atoi(strings.TrimSpace(h.Get("RateLimit-Remaining")))
	if policy == "" || err != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if key := limit + "|" + policy; key != p.policy {
		size, perSecond, ok := parsePolicy(policy)
		if !ok {
			return
		}
		if n, err := strconv.Atoi(strings.TrimSpace(limit)); err == nil && n > 0 {
			size = n // the bucket size, when the policy's quota is a rate over a window
		}
		if p.lim == nil {
			p.lim = rate.NewLimiter(perSecond, size)
		} else {
			p.lim.SetBurst(size)
			p.lim.SetLimit(perSecond)
		}
		p.policy = key
	}
	// The server counts an attempt when it arrives. Attempts sent after this one may not have
	// been counted in what it reports, and those waiting for a token already hold one of the
	// mirror's; attempts sent before it are taken as counted. Refills since the server
	// answered are not added, so the mirror errs on the slow side.
	target := float64(remaining) - float64(p.sent-seq) - float64(p.waiting)
	now := time.Now()
	if excess := p.lim.TokensAt(now) - target; excess > 0 {
		p.lim.ReserveN(now, min(int(math.Ceil(excess)), p.lim.Burst()))
	}
}

// parsePolicy reads RateLimit-Policy: comma-separated "<quota>;w=<seconds>" items (other
// parameters ignored). The slowest item wins; its quota is the bucket size.
func parsePolicy(v string) (size int, perSecond rate.Limit, ok bool) {
	for item := range strings.SplitSeq(v, ",") {
		params := strings.Split(strings.TrimSpace(item), ";")
		q, err := strconv.Atoi(strings.TrimSpace(params[0]))
		if err != nil || q <= 0 {
			continue
		}
		for _, p := range params[1:] {
			name, val, _ := strings.Cut(strings.TrimSpace(p), "=")
			if name != "w" {
				continue
			}
			if w, err := strconv.Atoi(val); err == nil && w > 0 {
				if r := rate.Limit(float64(q) / float64(w)); !ok || r < perSecond {
					size, perSecond, ok = q, r, true
				}
			}
		}
	}
	return size, perSecond, ok
}
