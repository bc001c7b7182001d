package client

import (
	"context"
	"sync"
	"time"
)

// DefaultBatchReadTTL is how long a list page answers batched reads (Config.BatchReadTTL).
const DefaultBatchReadTTL = 30 * time.Second

// batchReads serves the Refresh methods, which a provider calls once per resource when it
// refreshes its state (docs/platform.md section 7, Decision "batched refresh"). Reads of one
// list (one kind of object in one workspace or project, keyed by the list's path) share its
// pages:
//
//   - The first Refresh of a list is a plain GET, so refreshing one object costs what Get does.
//   - Later ones sweep the list, page_size MaxPageSize, one page at a time and only as far as
//     some caller still looks for its object; every caller waits for the page that holds it.
//   - An object absent from the whole list is read with a GET: lists may show only what the
//     caller can see, so absent does not prove deleted, and deleted objects are rare.
//   - Every write this client makes (any non-GET call that is not a dry run) forgets every
//     list once it returns, and a page answers only the Refresh calls that begin within
//     BatchReadTTL of asking for it (later ones sweep the list again): a Refresh never answers
//     from a read older than this client's last write or than the TTL.
//   - A failed page makes every caller of that sweep fall back to its GET.
type batchReads struct {
	ttl    time.Duration // <= 0: every Refresh is a GET
	mu     sync.Mutex
	sweeps map[string]any // list path -> *sweep[T]
}

// sweep is what one list's reads share. Its fields are guarded by batchReads.mu.
type sweep[T any] struct {
	reads int // Refresh calls that used this list since it was last forgotten
	items map[string]listed[T]
	next  string        // page token of the next page
	done  bool          // the last page is in, or a page failed
	busy  chan struct{} // closed when the page in flight is in; nil when none is
}

// listed is an object as a page answered it, and when that page was asked for.
type listed[T any] struct {
	obj *T
	at  time.Time
}

func newBatchReads(ttl time.Duration) *batchReads {
	return &batchReads{ttl: ttl, sweeps: map[string]any{}}
}

// forget drops every list read so far: called after each write.
func (b *batchReads) forget() {
	b.mu.Lock()
	defer b.mu.Unlock()
	clear(b.sweeps)
}

// sweepAt returns the sweep of the list at key, a new one (that has counted reads before it)
// when there is none. b.mu must be held.
func sweepAt[T any](b *batchReads, key string, reads int) *sweep[T] {
	s, _ := b.sweeps[key].(*sweep[T])
	if s == nil {
		s = &sweep[T]{items: map[string]listed[T]{}, reads: reads}
		b.sweeps[key] = s
	}
	return s
}

// lookup finds the object with key id in the list at key, reading pages as needed. ok is
// false when the caller must GET: it is the list's first read, the object is not in the list,
// or the list could not be read.
func lookup[T any](ctx context.Context, b *batchReads, key, id string,
	list func(context.Context, ListOptions) (*Page[T], error), keys func(*T) []string) (obj *T, ok bool) {
	// Pages asked for since oldest answer this read; later pages, asked for while it waits, too.
	oldest := time.Now().Add(-b.ttl)
	b.mu.Lock()
	defer b.mu.Unlock()
	s := sweepAt[T](b, key, 0)
	if s.reads++; s.reads == 1 {
		return nil, false
	}
	for {
		if x, found := s.items[id]; found {
			if !x.at.Before(oldest) {
				cp := *x.obj // callers own what they get
				return &cp, true
			}
			// The page is too old: sweep the list again.
			if b.sweeps[key] == any(s) {
				delete(b.sweeps, key)
			}
			s = sweepAt[T](b, key, s.reads)
			continue
		}
		if s.done {
			return nil, false
		}
		if s.busy != nil { // another caller reads the next page: wait for it
			busy := s.busy
			b.mu.Unlock()
			select {
			case <-busy:
			case <-ctx.Done():
			}
			b.mu.Lock()
			if ctx.Err() != nil {
				return nil, false
			}
			continue
		}
		busy, token, at := make(chan struct{}), s.next, time.Now()
		s.busy = busy
		b.mu.Unlock()
		page, err := list(ctx, ListOptions{PageSize: MaxPageSize, PageToken: token})
		b.mu.Lock()
		s.busy = nil
		close(busy)
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, false // this caller gave up; a waiting one reads the page instead
		case err != nil:
			s.done = true
			return nil, false
		}
		for i := range page.Items {
			for _, k := range keys(&page.Items[i]) {
				if k != "" {
					s.items[k] = listed[T]{&page.Items[i], at}
				}
			}
		}
		// A repeated token would loop forever; it ends the sweep (absent objects are GETs).
		s.done = page.NextPageToken == "" || page.NextPageToken == token
		s.next = page.NextPageToken
	}
}

// refresh is a Refresh method: the object with key id in the list at listPath, read through
// the client's batched reads (see batchReads), or with get.
func refresh[T any](ctx context.Context, cl *Client, listPath string, err error, id string,
	keys func(*T) []string, get func() (*T, error)) (*T, error) {
	if err != nil {
		return nil, err
	}
	if cl.reads.ttl <= 0 {
		return get()
	}
	list := func(ctx context.Context, o ListOptions) (*Page[T], error) {
		return listPage[T](ctx, cl, listPath, nil, o)
	}
	if obj, ok := lookup(ctx, cl.reads, listPath, id, list, keys); ok {
		return obj, nil
	}
	return get()
}
