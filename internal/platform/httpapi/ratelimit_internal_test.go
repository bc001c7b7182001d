package httpapi

import (
	"strconv"
	"testing"
	"time"
)

// The limiter map must stay bounded whatever the number of callers.
func TestLimiterIsBounded(t *testing.T) {
	l := newLimiter(10, 10)
	now := time.Now()
	for i := range maxBuckets + 5000 {
		if d, _ := l.wait("k"+strconv.Itoa(i), now); d != 0 {
			t.Fatalf("a new caller waits %v", d)
		}
	}
	if n := l.size(); n > maxBuckets {
		t.Fatalf("limiter holds %d buckets, more than %d", n, maxBuckets)
	}
	// Idle buckets (full again) are dropped at the next sweep.
	l.wait("fresh", now.Add(2*sweepInterval))
	if n := l.size(); n != 1 {
		t.Fatalf("after the idle sweep: %d buckets, want 1", n)
	}
}

func TestLimiterRetryAfter(t *testing.T) {
	l := newLimiter(0.5, 1) // one request every two seconds
	now := time.Now()
	if d, _ := l.wait("a", now); d != 0 {
		t.Fatalf("first request waits %v", d)
	}
	d, _ := l.wait("a", now)
	if d <= time.Second || d > 2*time.Second {
		t.Fatalf("second request: wait %v, want about 2s", d)
	}
	// A refused request does not push the next slot further out.
	if d2, _ := l.wait("a", now); d2 != d {
		t.Fatalf("refusals consume tokens: %v then %v", d, d2)
	}
	if d, _ := l.wait("a", now.Add(2*time.Second)); d != 0 {
		t.Fatalf("after the wait: %v", d)
	}
}
