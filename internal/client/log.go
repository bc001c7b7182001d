package client

import (
	"context"
	"net/http"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Logger receives the client's log lines as a message and structured fields. The provider
// adapts it to tflog; the context is the call's, so such an adapter can find its logger.
//
// Nothing the client logs contains the token, a request body or a response body: only the
// method, the path, the attempt, the status, error codes and messages, and request ids.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Info(ctx context.Context, msg string, fields map[string]any)
	Warn(ctx context.Context, msg string, fields map[string]any)
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Info(context.Context, string, map[string]any)  {}
func (nopLogger) Warn(context.Context, string, map[string]any)  {}

// logAttempt runs before every attempt (retryablehttp's RequestLogHook).
func (cl *Client) logAttempt(_ retryablehttp.Logger, req *http.Request, retry int) {
	ctx := req.Context()
	st := stateOf(ctx)
	if st == nil {
		return
	}
	st.attempt = retry + 1
	st.attemptStart = time.Now()
	if !cl.logging {
		return
	}
	fields := map[string]any{"method": st.method, "path": st.path, "attempt": st.attempt}
	if k := req.Header.Get("Idempotency-Key"); k != "" {
		fields["idempotency_key"] = k // a de-duplication handle, not a credential
	}
	cl.logger.Debug(ctx, "platform API request", fields)
}

// logResponse runs after every attempt that got an answer (retryablehttp's ResponseLogHook).
// It logs the status line only: bodies may hold secrets (create and rotate answers).
func (cl *Client) logResponse(_ retryablehttp.Logger, resp *http.Response) {
	if resp.Request == nil {
		return
	}
	ctx := resp.Request.Context()
	st := stateOf(ctx)
	if st == nil || !cl.logging {
		return
	}
	fields := map[string]any{
		"method": st.method, "path": st.path, "attempt": st.attempt, "status": resp.StatusCode,
		"request_id": resp.Header.Get("X-Request-Id"), "duration_ms": time.Since(st.attemptStart).Milliseconds(),
	}
	if resp.Header.Get("Idempotent-Replayed") == "true" {
		fields["replayed"] = true
	}
	cl.logger.Debug(ctx, "platform API response", fields)
}
