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

// wait takes one token for key and answers how long to wait when there is none (0: go on).
func (l *limiter) wait(key string, now time.Time) time.Duration {
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
		return time.Second
	}
	d := r.DelayFrom(now)
	if d > 0 {
		r.CancelAt(now) // a refused request does not consume future tokens
	}
	return d
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
// bucket of key is empty.
func (c *call) rateLimit(key string) error {
	if c.limiter == nil || isSubCall(c.ctx) {
		return nil // a batch's calls were counted as their batch
	}
	d := c.limiter.wait(key, time.Now())
	if d <= 0 {
		return nil
	}
	secs := max(1, int(math.Ceil(d.Seconds())))
	c.w.Header().Set("Retry-After", strconv.Itoa(secs))
	return platform.Errorf(platform.CodeRateLimited, "rate limit exceeded: retry after %d second(s)", secs)
}
