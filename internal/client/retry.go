package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// retryableStatus: the answers that say "try again later". 500 is not among them: the server
// reports bugs with it, and repeating the call would not help.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableResponse adds to retryableStatus the one conflict that is transient: the server
// answers a POST whose Idempotency-Key is still being processed by an earlier attempt (say,
// one the client gave up on after its per-attempt timeout) with 409 and Retry-After. Waiting
// and repeating then yields the replay of that attempt. Other 409s (already_exists,
// quota_exceeded, failed_precondition) carry no Retry-After and are final.
func retryableResponse(resp *http.Response) bool {
	return retryableStatus(resp.StatusCode) ||
		resp.StatusCode == http.StatusConflict && resp.Header.Get("Retry-After") != "" &&
			resp.Request != nil && resp.Request.Header.Get("Idempotency-Key") != ""
}

// checkRetry is the retry policy: transient statuses and connection errors are retried,
// everything else (every other 4xx, 500, TLS and redirect problems) is final, and an ended
// context stops at once.
func (cl *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctxErr := ctx.Err(); ctxErr != nil {
		if err == nil && resp != nil && !retryableResponse(resp) {
			return false, nil // a final answer arrived; report it rather than the cancellation
		}
		return false, ctxErr
	}
	st := stateOf(ctx)
	fields := map[string]any{}
	if st != nil {
		fields["method"], fields["path"], fields["attempt"] = st.method, st.path, st.attempt
	}
	if err != nil {
		if !retryableTransportError(err) {
			return false, err
		}
		fields["error"] = err.Error()
		cl.logger.Warn(ctx, cl.retryMessage(st, "platform API request failed"), fields)
		return true, nil
	}
	if !retryableResponse(resp) {
		return false, nil
	}
	fields["status"] = resp.StatusCode
	fields["request_id"] = resp.Header.Get("X-Request-Id")
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		fields["retry_after"] = ra
	}
	cl.logger.Warn(ctx, cl.retryMessage(st, "platform API answered with a transient error"), fields)
	return true, nil
}

// retryMessage says whether a retryable failure will be retried: the library asks checkRetry
// before it looks at the attempts left.
func (cl *Client) retryMessage(st *callState, what string) string {
	if st != nil && st.attempt > cl.http.RetryMax {
		return what + ", giving up (no retries left)"
	}
	return what + ", retrying"
}

// retryableTransportError: a failed round trip is worth repeating unless it is a problem that
// a repeat cannot fix (certificates, redirects, a malformed request).
func retryableTransportError(err error) bool {
	var (
		certErr     *tls.CertificateVerificationError
		unknownAuth x509.UnknownAuthorityError
		hostErr     x509.HostnameError
		invalidCert x509.CertificateInvalidError
	)
	if errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) || errors.As(err, &invalidCert) {
		return false
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		msg := uerr.Err.Error()
		if strings.Contains(msg, "stopped after") || strings.Contains(msg, "unsupported protocol scheme") ||
			strings.Contains(msg, "invalid header") {
			return false
		}
	}
	return true
}

// backoff picks the wait before retry number attempt+1: the server's Retry-After when it sent
// one (capped at MaxRetryAfter so a server cannot park the client for hours), otherwise a
// jittered exponential wait between min and max. Jitter spreads out clients that failed
// together so they do not retry together.
func (cl *Client) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, cl.maxRetryAfter)
		}
	}
	return jitteredBackoff(minWait, maxWait, attempt)
}

func jitteredBackoff(minWait, maxWait time.Duration, attempt int) time.Duration {
	if maxWait <= minWait {
		return minWait
	}
	ceiling := maxWait
	if attempt < 32 {
		if c := minWait << uint(attempt+1); c > 0 && c < maxWait {
			ceiling = c
		}
	}
	return minWait + rand.N(ceiling-minWait+1)
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 10.2.3).
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second) // avoids overflow; the cap applies anyway
		}
		return time.Duration(secs) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// giveUp runs when the client stops retrying. The library's default would drop the last
// response; keeping it lets the caller see the server's real error (code, message, request id).
func (cl *Client) giveUp(resp *http.Response, err error, attempts int) (*http.Response, error) {
	if resp != nil && err == nil {
		return resp, nil
	}
	if resp != nil {
		resp.Body.Close()
	}
	if err == nil {
		err = errors.New("no response")
	}
	ctxErr := errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
	if ctxErr || attempts <= 1 {
		return nil, err
	}
	return nil, fmt.Errorf("giving up after %d attempts: %w", attempts, err)
}
