package service

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Authentication is a lookup on every request, and most requests are reads: this cache lets a
// repeated credential skip it while staying exact. An entry is used only if no transaction has
// committed through this Service since the lookup that filled it began (deleting a token or
// key, rotating, expiring or removing a user are all such writes), and only before the
// credential's own expiry. So the cache never accepts a credential that the database would
// refuse at that moment. It assumes this Service is the only writer of its store, which is how
// the server runs (one process per database); see docs/design.md.
type authCache struct {
	writes atomic.Uint64 // committed update transactions; bumped after each commit

	mu      sync.RWMutex
	entries map[string]authEntry // by secret hash
}

// maxAuthEntries bounds the cache; when full it starts over (credentials in active use come
// back on their next request).
const maxAuthEntries = 10_000

type authEntry struct {
	principal  platform.Principal
	generation uint64
	validUntil time.Time // zero: does not expire
}

// generation is read before a lookup starts; an entry filled from that lookup is valid while
// no write has committed since.
func (c *authCache) generation() uint64 { return c.writes.Load() }

// committed records that an update transaction committed.
func (c *authCache) committed() { c.writes.Add(1) }

func (c *authCache) get(hash string, now time.Time) (*platform.Principal, bool) {
	c.mu.RLock()
	e, ok := c.entries[hash]
	c.mu.RUnlock()
	if !ok || e.generation != c.writes.Load() || (!e.validUntil.IsZero() && !now.Before(e.validUntil)) {
		return nil, false
	}
	p := e.principal
	return &p, true
}

func (c *authCache) put(hash string, e authEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= maxAuthEntries {
		c.entries = make(map[string]authEntry)
	}
	c.entries[hash] = e
}

// earliest returns the earlier of two optional expiries (zero: none).
func earliest(a time.Time, b *time.Time) time.Time {
	if b == nil || (!a.IsZero() && a.Before(*b)) {
		return a
	}
	return *b
}
