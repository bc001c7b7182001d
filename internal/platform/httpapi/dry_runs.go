package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// A plan is many dry runs. POST /v1/plan-sessions/{session}/dry-runs sends several in one
// request (docs/platform.md, "Plan sessions"): each call is served exactly as the same request
// sent alone with ?validate_only=true and the session's Platform-Plan-Session header, in the
// order given, and answered with its own status and body. The batch counts as one request
// against the rate limit: dry runs write nothing, and a plan's checks should not cost its
// apply the budget.

// MaxDryRunCalls bounds one batch.
const MaxDryRunCalls = 100

// DryRunBatch is the body of a batch (exported for the OpenAPI generator and the client's sync test).
type DryRunBatch struct {
	Calls []DryRunCall `json:"calls"`
}

// DryRunCall is one call of a batch: a POST, PUT, PATCH or DELETE of the API, path with its query.
type DryRunCall struct {
	Method  string          `json:"method"`
	Path    string          `json:"path"`
	IfMatch string          `json:"if_match,omitempty"`
	Body    json.RawMessage `json:"body,omitempty"`
}

// DryRunResults answers a batch, one result per call in the order sent.
type DryRunResults struct {
	Results []DryRunResult `json:"results"`
}

// DryRunResult is one call's answer: the status and body it would have had alone.
type DryRunResult struct {
	Status    int             `json:"status"`
	RequestID string          `json:"request_id"`
	Body      json.RawMessage `json:"body,omitempty"`
}

type subCallKey struct{}

// isSubCall reports whether r is a call of a dry-run batch (already counted by its batch).
func isSubCall(ctx context.Context) bool { return ctx.Value(subCallKey{}) != nil }

func dryRuns(c *call) (any, error) {
	if isSubCall(c.ctx) {
		return nil, invalid("path", "a dry-run batch cannot contain another batch")
	}
	var in DryRunBatch
	if err := c.decode(&in); err != nil {
		return nil, err
	}
	session := c.path("session")
	var v platform.Violations
	if !platform.ValidPlanSessionID(session) {
		v.Add("session", "must be 8-128 letters, digits, '_' or '-'")
	}
	if len(in.Calls) == 0 || len(in.Calls) > MaxDryRunCalls {
		v.Addf("calls", "must hold 1-%d calls", MaxDryRunCalls)
	}
	targets := make([]*url.URL, len(in.Calls))
	for i, call := range in.Calls {
		field := fmt.Sprintf("calls[%d]", i)
		switch call.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		default:
			v.Add(field+".method", "must be POST, PUT, PATCH or DELETE")
		}
		u, err := url.Parse(call.Path)
		if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/v1/") ||
			strings.HasPrefix(u.Path, "/v1/plan-sessions/") {
			v.Add(field+".path", "must be a path of the API under /v1/ (not /v1/plan-sessions/), with its query")
			continue
		}
		q := u.Query()
		q.Set("validate_only", "true")
		u.RawQuery = q.Encode()
		targets[i] = u
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	out := DryRunResults{Results: make([]DryRunResult, len(in.Calls))}
	ctx := context.WithValue(c.ctx, subCallKey{}, true)
	for i, call := range in.Calls {
		out.Results[i] = c.serveDryRun(ctx, session, call, targets[i])
	}
	return json.RawMessage(mustJSON(out)), nil
}

// serveDryRun serves one call of a batch through the API's own routes, with the batch's
// credentials.
func (c *call) serveDryRun(ctx context.Context, session string, call DryRunCall, target *url.URL) DryRunResult {
	var body *bytes.Reader
	if len(call.Body) > 0 {
		body = bytes.NewReader(call.Body)
	} else {
		body = bytes.NewReader(nil)
	}
	r, err := http.NewRequestWithContext(ctx, call.Method, target.String(), body)
	if err != nil {
		return DryRunResult{Status: http.StatusBadRequest}
	}
	r.RemoteAddr = c.r.RemoteAddr
	r.Header.Set("Authorization", c.r.Header.Get("Authorization"))
	r.Header.Set(PlanSessionHeader, session)
	if len(call.Body) > 0 {
		r.Header.Set("Content-Type", "application/json")
	}
	if call.IfMatch != "" {
		r.Header.Set("If-Match", call.IfMatch)
	}
	mem := &memoryWriter{header: http.Header{}}
	rw := &responseWriter{ResponseWriter: mem, requestID: platform.NewID("req_"), ctx: ctx}
	c.mux.ServeHTTP(rw, r)
	status := mem.status
	if status == 0 {
		status = http.StatusOK
	}
	res := DryRunResult{Status: status, RequestID: rw.requestID}
	if b := bytes.TrimSpace(mem.body.Bytes()); len(b) > 0 {
		res.Body = b
	}
	return res
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // results are plain data
	}
	return b
}

// memoryWriter keeps a sub-call's answer.
type memoryWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (m *memoryWriter) Header() http.Header { return m.header }

func (m *memoryWriter) WriteHeader(status int) {
	if m.status == 0 {
		m.status = status
	}
}

func (m *memoryWriter) Write(b []byte) (int, error) {
	if m.status == 0 {
		m.status = http.StatusOK
	}
	return m.body.Write(b)
}
