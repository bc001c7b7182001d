package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxResponseBytes bounds how much of a response body is read, so a misbehaving server or
// proxy cannot exhaust memory.
const maxResponseBytes = 16 << 20

// seg is a caller-supplied path segment (an id, slug, name or e-mail), escaped when joined.
type seg struct{ what, value string }

// path joins literal segments and caller-supplied segs under /v1, escaping the latter. An
// empty ref is refused: it would silently address the collection instead of one object.
func path(parts ...any) (string, error) {
	var b strings.Builder
	b.WriteString("/v1")
	for _, p := range parts {
		b.WriteByte('/')
		switch p := p.(type) {
		case string:
			b.WriteString(p)
		case seg:
			switch strings.TrimSpace(p.value) {
			case "":
				return "", fmt.Errorf("platform client: %s must not be empty: %w", p.what, ErrInvalidArgument)
			case ".", "..":
				return "", fmt.Errorf("platform client: %s %q is not a valid reference: %w", p.what, p.value, ErrInvalidArgument)
			}
			b.WriteString(url.PathEscape(p.value))
		default:
			panic(fmt.Sprintf("client.path: unexpected %T", p))
		}
	}
	return b.String(), nil
}

// call describes one logical API call; retries of it share everything here.
type call struct {
	method    string
	path      string
	query     url.Values
	body      any   // marshalled as JSON when non-nil
	ifVersion int64 // sent as If-Match when non-zero
}

type ctxKey int

const (
	validateOnlyKey ctxKey = iota
	idempotencyKeyKey
	planSessionKey
	callStateKey
)

// WithValidateOnly makes every POST, PUT, PATCH and DELETE made with ctx a dry run
// (?validate_only=true): the server checks everything the real call would and writes nothing.
func WithValidateOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, validateOnlyKey, true)
}

// WithIdempotencyKey makes every POST (and PUT) made with ctx use key instead of a random one, so a
// caller can make a create idempotent across process restarts. Keys are scoped to the caller
// and at most 255 characters.
func WithIdempotencyKey(ctx context.Context, key string) context.Context {
	return context.WithValue(ctx, idempotencyKeyKey, key)
}

// callState follows one logical call through its attempts, for logs and errors.
type callState struct {
	method, path string
	attempt      int // 1-based number of the attempt in flight
	attemptStart time.Time
}

func stateOf(ctx context.Context) *callState {
	st, _ := ctx.Value(callStateKey).(*callState)
	return st
}

// do performs c and decodes a successful JSON answer into out (when non-nil).
func (cl *Client) do(ctx context.Context, c call, out any) error {
	if ctx == nil {
		return errors.New("platform client: nil context")
	}
	// c.path is already escaped, so it is appended to the string form: putting it in
	// url.URL.Path would escape its '%' a second time.
	target := cl.base.String() + c.path
	q := c.query
	if c.method != http.MethodGet {
		if v, _ := ctx.Value(validateOnlyKey).(bool); v {
			q = cloneValues(q)
			q.Set("validate_only", "true")
		} else if !strings.HasPrefix(c.path, "/v1/plan-sessions") {
			// A write may change any list (cascades too), whatever its outcome (a failed
			// attempt may have committed): batched reads forget every list once it returns,
			// so no later Refresh answers from a list read before it. Plan sessions hold no
			// objects.
			defer cl.reads.forget()
		}
	}
	if len(q) > 0 {
		target += "?" + q.Encode()
	}

	var body any // nil for retryablehttp means no body
	if c.body != nil {
		b, err := json.Marshal(c.body)
		if err != nil {
			return fmt.Errorf("platform client: encoding %s %s request: %w", c.method, c.path, err)
		}
		// A []byte body is re-read from the start on every retry, so every attempt (and the
		// server's idempotency check) sees the identical request.
		body = b
	}

	st := &callState{method: c.method, path: c.path}
	ctx = context.WithValue(ctx, callStateKey, st)
	req, err := retryablehttp.NewRequestWithContext(ctx, c.method, target, body)
	if err != nil {
		return fmt.Errorf("platform client: building %s %s request: %w", c.method, c.path, err)
	}
	req.Header.Set("Authorization", "Bearer "+cl.token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", cl.userAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.ifVersion != 0 {
		req.Header.Set("If-Match", `"`+strconv.FormatInt(c.ifVersion, 10)+`"`)
	}
	if s, _ := ctx.Value(planSessionKey).(string); s != "" {
		req.Header.Set(PlanSessionHeader, s)
	}
	if c.method == http.MethodPost || c.method == http.MethodPut {
		// One key per logical call, reused by every retry: if an attempt's response is lost
		// after the server committed, the retry is answered with a replay, not a duplicate
		// (a PUT may create: the Stripe account).
		key, _ := ctx.Value(idempotencyKeyKey).(string)
		if key == "" {
			key = rand.Text()
		}
		req.Header.Set("Idempotency-Key", key)
	}

	resp, err := cl.http.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
			err = fmt.Errorf("%w (%v)", ctxErr, err)
		}
		err = fmt.Errorf("platform client: %s %s: %w", c.method, c.path, err)
		cl.logger.Warn(ctx, "platform API call failed", map[string]any{
			"method": c.method, "path": c.path, "attempts": st.attempt, "error": err.Error(),
		})
		return err
	}
	if st.attempt > 1 {
		cl.logger.Info(ctx, "platform API call answered after retries", map[string]any{
			"method": c.method, "path": c.path, "attempts": st.attempt, "status": resp.StatusCode,
		})
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return fmt.Errorf("platform client: %s %s: reading response: %w", c.method, c.path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := cl.parseError(resp, data, st.attempt)
		cl.logger.Debug(ctx, "platform API error", map[string]any{
			"method": c.method, "path": c.path, "status": resp.StatusCode,
			"code": apiErr.Code, "message": apiErr.Message, "request_id": apiErr.RequestID,
		})
		return apiErr
	}
	if out == nil || resp.StatusCode == http.StatusNoContent || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		// json errors name types and fields, never string values, so a secret in the body
		// cannot leak through them.
		hint := ""
		if !strings.Contains(resp.Header.Get("Content-Type"), "json") {
			hint = " (the answer is not JSON: is the endpoint the platform API?)"
		}
		return fmt.Errorf("platform client: %s %s: decoding %d response (request_id %q)%s: %w",
			c.method, c.path, resp.StatusCode, resp.Header.Get("X-Request-Id"), hint, err)
	}
	return nil
}

func cloneValues(q url.Values) url.Values {
	out := make(url.Values, len(q)+1)
	for k, v := range q {
		out[k] = v
	}
	return out
}

// getJSON, sendJSON: small generic wrappers so each endpoint is one line.
func getJSON[T any](ctx context.Context, cl *Client, p string, err error, q url.Values) (*T, error) {
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := cl.do(ctx, call{method: http.MethodGet, path: p, query: q}, out); err != nil {
		return nil, err
	}
	return out, nil
}

func sendJSON[T any](ctx context.Context, cl *Client, method, p string, err error, body any, ifVersion int64) (*T, error) {
	if err != nil {
		return nil, err
	}
	out := new(T)
	if err := cl.do(ctx, call{method: method, path: p, body: body, ifVersion: ifVersion}, out); err != nil {
		return nil, err
	}
	return out, nil
}

func deleteCall(ctx context.Context, cl *Client, p string, err error, q url.Values, ifVersion int64) error {
	if err != nil {
		return err
	}
	return cl.do(ctx, call{method: http.MethodDelete, path: p, query: q, ifVersion: ifVersion}, nil)
}
