package client

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error codes of the API contract (docs/platform.md section 7).
const (
	CodeInvalidArgument     = "invalid_argument"
	CodeUnauthenticated     = "unauthenticated"
	CodePermissionDenied    = "permission_denied"
	CodeNotFound            = "not_found"
	CodeAlreadyExists       = "already_exists"
	CodeFailedPrecondition  = "failed_precondition"
	CodeQuotaExceeded       = "quota_exceeded"
	CodeAborted             = "aborted"
	CodeIdempotencyMismatch = "idempotency_mismatch"
	CodeRateLimited         = "rate_limited"
	CodeInternal            = "internal"
)

// codeError is the type of the sentinels: an error that stands for one API error code.
type codeError struct{ code string }

func (e *codeError) Error() string { return "platform: " + e.code }

// Sentinels for errors.Is: errors.Is(err, client.ErrNotFound) holds for an *APIError whose
// Code is "not_found". Use errors.As with *APIError for the message, details and request id.
var (
	ErrInvalidArgument     error = &codeError{CodeInvalidArgument}
	ErrUnauthenticated     error = &codeError{CodeUnauthenticated}
	ErrPermissionDenied    error = &codeError{CodePermissionDenied}
	ErrNotFound            error = &codeError{CodeNotFound}
	ErrAlreadyExists       error = &codeError{CodeAlreadyExists}
	ErrFailedPrecondition  error = &codeError{CodeFailedPrecondition}
	ErrQuotaExceeded       error = &codeError{CodeQuotaExceeded}
	ErrAborted             error = &codeError{CodeAborted}
	ErrIdempotencyMismatch error = &codeError{CodeIdempotencyMismatch}
	ErrRateLimited         error = &codeError{CodeRateLimited}
	ErrInternal            error = &codeError{CodeInternal}
)

// FieldError names one bad field of a request and the rule it broke.
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// APIError is an error answer of the API: {"error": {code, message, details, request_id}}.
type APIError struct {
	StatusCode int
	Code       string
	Message    string
	Details    []FieldError
	RequestID  string
	// Attempts is how many attempts the call made (more than 1 when retries gave up).
	Attempts int
}

func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("platform: ")
	if e.Code != "" {
		b.WriteString(e.Code)
		b.WriteString(" ")
	}
	b.WriteString("(HTTP ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	b.WriteString(")")
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.RequestID != "" {
		b.WriteString(" [request_id ")
		b.WriteString(e.RequestID)
		b.WriteString("]")
	}
	if e.Attempts > 1 {
		b.WriteString(" after ")
		b.WriteString(strconv.Itoa(e.Attempts))
		b.WriteString(" attempts")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrNotFound) and friends work by code.
func (e *APIError) Is(target error) bool {
	t, ok := target.(*codeError)
	return ok && e.Code == t.code
}

// envelope is the error body of the API.
type envelope struct {
	Error *struct {
		Code      string       `json:"code"`
		Message   string       `json:"message"`
		Details   []FieldError `json:"details"`
		RequestID string       `json:"request_id"`
	} `json:"error"`
}

// parseError builds an *APIError from a non-2xx answer. A body that is not the API's error
// envelope (a proxy's page, say) still yields a code derived from the status.
func (cl *Client) parseError(resp *http.Response, body []byte, attempts int) *APIError {
	e := &APIError{StatusCode: resp.StatusCode, RequestID: resp.Header.Get("X-Request-Id"), Attempts: attempts}
	var env envelope
	if json.Unmarshal(body, &env) == nil && env.Error != nil && env.Error.Code != "" {
		e.Code, e.Message, e.Details = env.Error.Code, env.Error.Message, env.Error.Details
		if env.Error.RequestID != "" {
			e.RequestID = env.Error.RequestID
		}
		return e
	}
	e.Code = codeForStatus(resp.StatusCode)
	e.Message = http.StatusText(resp.StatusCode)
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		e.Message = "unexpected redirect to " + resp.Header.Get("Location") + " (check the endpoint)"
	} else if snippet := cl.scrub(body, 200); snippet != "" {
		e.Message += ": " + snippet
	}
	return e
}

func codeForStatus(status int) string {
	switch status {
	case http.StatusBadRequest:
		return CodeInvalidArgument
	case http.StatusUnauthorized:
		return CodeUnauthenticated
	case http.StatusForbidden:
		return CodePermissionDenied
	case http.StatusNotFound:
		return CodeNotFound
	case http.StatusPreconditionFailed:
		return CodeAborted
	case http.StatusUnprocessableEntity:
		return CodeIdempotencyMismatch
	case http.StatusTooManyRequests:
		return CodeRateLimited
	}
	if status >= 500 {
		return CodeInternal
	}
	return ""
}

// secretPattern matches the platform's credential formats (pk_..._xxxxxx API keys and
// pt_..._xxxxxx user tokens).
var secretPattern = regexp.MustCompile(`p[kt]_[0-9A-Za-z]{16,}(_[0-9A-Za-z]{6})?`)

// scrub turns a foreign response body into a short printable snippet with the client's token
// and anything that looks like a platform secret removed: such bodies go into error strings.
func (cl *Client) scrub(body []byte, max int) string {
	s := strings.ToValidUTF8(string(body), "")
	if cl.token != "" {
		s = strings.ReplaceAll(s, cl.token, "[redacted]")
	}
	s = secretPattern.ReplaceAllString(s, "[redacted]")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}
