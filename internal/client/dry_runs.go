package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// A plan makes one dry run per planned change, many at once (Terraform plans resources in
// parallel). dryRunBatcher is the step of the client's transport that sends the dry runs of
// one plan session that are waiting while another request of the session is on the wire as
// one POST /v1/plan-sessions/{session}/dry-runs, which the server answers call by call
// exactly as alone and counts once against the rate limit. A dry run with nothing to wait for
// goes out alone, at once: batching never delays a call, it only fills the time a call would
// have waited anyway. Each call gets its own response back, so retries, error decoding and
// logging are unchanged. A server without the batch endpoint (404) turns batching off.

// DryRunCall is one call of a dry-run batch.
type DryRunCall struct {
	Method  string          `json:"method"`
	Path    string          `json:"path"`
	IfMatch string          `json:"if_match,omitempty"`
	Body    json.RawMessage `json:"body,omitempty"`
}

// DryRunBatch is the body of a dry-run batch.
type DryRunBatch struct {
	Calls []DryRunCall `json:"calls"`
}

// DryRunResult is what one call of a batch would have answered alone.
type DryRunResult struct {
	Status    int             `json:"status"`
	RequestID string          `json:"request_id"`
	Body      json.RawMessage `json:"body,omitempty"`
}

// DryRunResults answers a batch, one result per call in the order sent.
type DryRunResults struct {
	Results []DryRunResult `json:"results"`
}

// MaxDryRunCalls bounds one batch (the server's limit).
const MaxDryRunCalls = 100

type dryRunBatcher struct {
	next http.RoundTripper
	base *url.URL

	mu     sync.Mutex
	queues map[string]*dryRunQueue // by session and credentials
	// off is set when the server has no batch endpoint.
	off atomic.Bool
}

type dryRunQueue struct {
	pending []*pendingDryRun
}

type pendingDryRun struct {
	req  *http.Request
	call DryRunCall
	done chan dryRunAnswer // buffered: the sender never blocks on a caller that left
}

type dryRunAnswer struct {
	resp *http.Response
	err  error
}

func newDryRunBatcher(next http.RoundTripper, base *url.URL) *dryRunBatcher {
	if next == nil {
		next = http.DefaultTransport
	}
	return &dryRunBatcher{next: next, base: base, queues: map[string]*dryRunQueue{}}
}

func (b *dryRunBatcher) RoundTrip(req *http.Request) (*http.Response, error) {
	session := req.Header.Get(PlanSessionHeader)
	path, ok := strings.CutPrefix(req.URL.Path, strings.TrimSuffix(b.base.Path, "/"))
	if b.off.Load() || session == "" || req.URL.Query().Get("validate_only") != "true" || !ok ||
		(req.Method != http.MethodPost && req.Method != http.MethodPut && req.Method != http.MethodPatch && req.Method != http.MethodDelete) {
		return b.next.RoundTrip(req)
	}
	call := DryRunCall{Method: req.Method, Path: path, IfMatch: req.Header.Get("If-Match")}
	if req.URL.RawQuery != "" {
		call.Path += "?" + req.URL.RawQuery
	}
	if req.Body != nil && req.Body != http.NoBody {
		body, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		call.Body = body
		req.Body = io.NopCloser(bytes.NewReader(body)) // for a call sent alone
	}
	p := &pendingDryRun{req: req, call: call, done: make(chan dryRunAnswer, 1)}
	key := session + "\x00" + req.Header.Get("Authorization")
	b.mu.Lock()
	q, flying := b.queues[key]
	if !flying {
		q = &dryRunQueue{}
		b.queues[key] = q
	}
	q.pending = append(q.pending, p)
	b.mu.Unlock()
	if !flying {
		go b.fly(key, q)
	}
	select {
	case a := <-p.done:
		return a.resp, a.err
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
}

// fly sends what waits in q, batch after batch, until nothing does.
func (b *dryRunBatcher) fly(key string, q *dryRunQueue) {
	for {
		b.mu.Lock()
		n := min(len(q.pending), MaxDryRunCalls)
		if n == 0 {
			delete(b.queues, key)
			b.mu.Unlock()
			return
		}
		batch := q.pending[:n:n]
		q.pending = q.pending[n:]
		b.mu.Unlock()
		b.send(batch)
	}
}

func (b *dryRunBatcher) send(batch []*pendingDryRun) {
	if len(batch) == 1 || b.off.Load() {
		for _, p := range batch {
			resp, err := b.next.RoundTrip(p.req) //nolint:bodyclose // the caller that waits for it closes it
			p.done <- dryRunAnswer{resp, err}
		}
		return
	}
	first := batch[0].req
	in := DryRunBatch{Calls: make([]DryRunCall, len(batch))}
	for i, p := range batch {
		in.Calls[i] = p.call
	}
	body, err := json.Marshal(in)
	if err != nil {
		b.answerAll(batch, nil, err)
		return
	}
	target := *first.URL
	target.Path = strings.TrimSuffix(b.base.Path, "/") + "/v1/plan-sessions/" + url.PathEscape(first.Header.Get(PlanSessionHeader)) + "/dry-runs"
	target.RawPath, target.RawQuery = "", ""
	// The batch outlives a caller that gives up: the others still wait for it.
	req, err := http.NewRequestWithContext(context.WithoutCancel(first.Context()), http.MethodPost, target.String(), bytes.NewReader(body))
	if err != nil {
		b.answerAll(batch, nil, err)
		return
	}
	for _, h := range []string{"Authorization", "User-Agent", "Accept"} {
		req.Header.Set(h, first.Header.Get(h))
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.next.RoundTrip(req)
	if err != nil {
		b.answerAll(batch, nil, err)
		return
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	_ = resp.Body.Close()
	if err != nil {
		b.answerAll(batch, nil, err)
		return
	}
	var out DryRunResults
	switch {
	case resp.StatusCode == http.StatusNotFound:
		// A server without batches: send every call alone, from now on.
		b.off.Store(true)
		b.send(batch)
		return
	case resp.StatusCode != http.StatusOK:
		// The batch as a whole was refused (rate limit, credentials, server error): every call
		// gets that answer, and retries on its own as it would have.
		for _, p := range batch {
			p.done <- dryRunAnswer{resp: synthesize(p.req, resp.StatusCode, resp.Header.Clone(), data)} //nolint:bodyclose // the caller closes it
		}
		return
	case json.Unmarshal(data, &out) != nil || len(out.Results) != len(batch):
		b.answerAll(batch, nil, fmt.Errorf("dry-run batch: the answer does not hold %d results (request_id %q)",
			len(batch), resp.Header.Get("X-Request-Id")))
		return
	}
	for i, p := range batch {
		r := out.Results[i]
		h := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {r.RequestID}}
		for _, name := range []string{"RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy"} {
			if v := resp.Header.Get(name); v != "" {
				h.Set(name, v)
			}
		}
		p.done <- dryRunAnswer{resp: synthesize(p.req, r.Status, h, r.Body)} //nolint:bodyclose // the caller closes it
	}
}

func (b *dryRunBatcher) answerAll(batch []*pendingDryRun, resp *http.Response, err error) {
	for _, p := range batch {
		p.done <- dryRunAnswer{resp, err}
	}
}

// synthesize is the response of one call of a batch, as if it had been sent alone.
func synthesize(req *http.Request, status int, h http.Header, body []byte) *http.Response {
	return &http.Response{
		Status: strconv.Itoa(status) + " " + http.StatusText(status), StatusCode: status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: req,
	}
}
