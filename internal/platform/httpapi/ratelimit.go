package httpapi

import (
	"math"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// limiter holds one token bucket per caller. The map is bounded: buckets idle long enough to
// be full again are dropped (a new full bucket is the same thing), and at maxBuckets the
// sweep also drops arbitrary entries, which only ever makes the limit more lenient.
type limiter struct {
	limit rate.Limit
	burst int
	// idle is how long an unused bucket takes to refill completely.
	idle time.Duration

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

const (
	maxBuckets    = 100_000
	sweepInterval = time.Minute
)

func newLimiter(perSecond float64, burst int) *limiter {
	if burst <= 0 {
		burst = max(1, int(math.Ceil(perSecond)))
	}
	idle := time.Duration(float64(burst) / perSecond * float64(time.Second))
	return &limiter{limit: rate.Limit(perSecond), burst: burst, idle: max(idle, time.Second),
		buckets: map[string]*bucket{}, lastSweep: time.Now()}
}

// bucketState is what the rate-limit headers advertise of one bucket after a request.
type bucketState struct {
	remaining int           // whole tokens left
	reset     time.Duration // until the bucket is full again
}

// wait takes one token for key and answers how long to wait when there is none (0: go on),
// and the bucket's state after the request.
func (l *limiter) wait(key string, now time.Time) (time.Duration, bucketState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) >= sweepInterval || len(l.buckets) >= maxBuckets {
		l.sweep(now)
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if !r.OK() {
		return time.Second, l.state(b, now)
	}
	d := r.DelayFrom(now)
	if d > 0 {
		r.CancelAt(now) // a refused request does not consume future tokens
	}
	return d, l.state(b, now)
}

func (l *limiter) state(b *bucket, now time.Time) bucketState {
	tokens := b.lim.TokensAt(now)
	missing := float64(l.burst) - tokens
	return bucketState{
		remaining: max(0, int(math.Floor(tokens))),
		reset:     time.Duration(missing / float64(l.limit) * float64(time.Second)),
	}
}

// policy is the RateLimit-Policy value "<quota>;w=<seconds>" (draft-ietf-httpapi-ratelimit-headers-06)
// from which a client derives the refill rate, quota/w: "<bucket size>;w=<seconds an empty
// bucket takes to fill>" when that is whole seconds (the defaults: "100;w=2"), otherwise the
// sustained rate over the shortest whole window that expresses it exactly ("5;w=2" for 2.5/s),
// rounded down past a minute so a client pacing by it never goes faster than the limit.
func (l *limiter) policy() string {
	perSecond := float64(l.limit)
	whole := func(x float64) bool { return math.Abs(x-math.Round(x)) < 1e-9 }
	quota, window := float64(l.burst), float64(l.burst)/perSecond
	if !whole(window) {
		for window = 1; window < 60 && !whole(perSecond*window); window++ {
		}
		quota = math.Max(1, math.Floor(perSecond*window+1e-9))
	}
	return strconv.Itoa(int(quota)) + ";w=" + strconv.Itoa(int(math.Round(window)))
}

func (l *limiter) sweep(now time.Time) {
	l.lastSweep = now
	for k, b := range l.buckets {
		if now.Sub(b.seen) >= l.idle {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) < maxBuckets*9/10 {
			break
		}
		delete(l.buckets, k)
	}
}

func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// rateLimit refuses the call with 429 and Retry-After (whole seconds, at least 1) when the
// bucket of key is empty. Every answer it lets through or refuses advertises the bucket:
// RateLimit-Limit (its size), RateLimit-Remaining (whole requests left now),
// RateLimit-Reset (whole seconds until it is full again) and RateLimit-Policy (see policy).
func (c *call) rateLimit(key string) error {
	if c.limiter == nil || isSubCall(c.ctx) {
		return nil // a batch's calls were counted as their batch
	}
	d, st := c.limiter.wait(key, time.Now())
	h := c.w.Header()
	h.Set("RateLimit-Limit", strconv.Itoa(c.limiter.burst))
	h.Set("RateLimit-Remaining", strconv.Itoa(st.remaining))
	h.Set("RateLimit-Reset", strconv.Itoa(int(math.Ceil(st.reset.Seconds()))))
	h.Set("RateLimit-Policy", c.limiter.policy())
	if d <= 0 {
		return nil
	}
	secs := max(1, int(math.Ceil(d.Seconds())))
	h.Set("Retry-After", strconv.Itoa(secs))
	return platform.Errorf(platform.CodeRateLimited, "rate limit exceeded: retry after %d second(s)", secs)
}
