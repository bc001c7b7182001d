package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"runtime/debug"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// statusOf is the one code -> status table (docs/platform.md section 7). Aborted is the failed
// If-Match precondition (and a lost optimistic-concurrency race), hence 412.
var statusOf = map[platform.Code]int{
	platform.CodeInvalidArgument:     http.StatusBadRequest,
	platform.CodeUnauthenticated:     http.StatusUnauthorized,
	platform.CodePermissionDenied:    http.StatusForbidden,
	platform.CodeNotFound:            http.StatusNotFound,
	platform.CodeAlreadyExists:       http.StatusConflict,
	platform.CodeFailedPrecondition:  http.StatusConflict,
	platform.CodeQuotaExceeded:       http.StatusConflict,
	platform.CodeAborted:             http.StatusPreconditionFailed,
	platform.CodeIdempotencyMismatch: http.StatusUnprocessableEntity,
	platform.CodeRateLimited:         http.StatusTooManyRequests,
	platform.CodeInternal:            http.StatusInternalServerError,
}

// internalError is all a caller ever learns about a failure that is not theirs.
var internalError = &platform.Error{Code: platform.CodeInternal, Message: "internal error"}

type errorEnvelope struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Code      platform.Code             `json:"code"`
	Message   string                    `json:"message"`
	Details   []platform.FieldViolation `json:"details"`
	RequestID string                    `json:"request_id"`
}

// public turns any error into what the caller may see. Anything but a *platform.Error with a
// known, non-internal code is logged in full and answered as a bare "internal error".
//
// A request whose client has gone away is the exception: its failure is most likely the
// cancelled work itself (a transaction that could not start, a body cut short), not a fault of
// the server. It is marked gone, so the access log says 499 and client_gone, and its error is
// logged at debug level only. The answer is still written (and an idempotency record settled as
// usual), though nobody reads it.
func (s *server) public(w *responseWriter, err error) *platform.Error {
	gone := w.clientGone()
	if gone {
		w.gone = true
	}
	var pe *platform.Error
	if errors.As(err, &pe) && pe.Code != platform.CodeInternal {
		if _, ok := statusOf[pe.Code]; ok {
			return pe
		}
	}
	if gone {
		s.log.Debug("request abandoned by its client", "request_id", w.requestID, "caller", w.caller, "error", err.Error())
		return internalError
	}
	s.log.Error("internal error", "request_id", w.requestID, "caller", w.caller, "error", err.Error())
	return internalError
}

// encodeError renders the envelope and its status.
func encodeError(e *platform.Error, requestID string) (int, []byte) {
	details := e.Details
	if details == nil {
		details = []platform.FieldViolation{} // a stable shape: details is always an array
	}
	body, err := json.Marshal(errorEnvelope{Error: errorBody{Code: e.Code, Message: e.Message, Details: details, RequestID: requestID}})
	if err != nil { // cannot happen for these types; never answer without a body
		body = []byte(`{"error":{"code":"internal","message":"internal error","details":[],"request_id":""}}`)
	}
	return statusOf[e.Code], body
}

// writeError answers with the envelope of an already public error.
func (s *server) writeError(w *responseWriter, e *platform.Error) {
	status, body := encodeError(e, w.requestID)
	if e.Code == platform.CodeUnauthenticated {
		w.Header().Set("WWW-Authenticate", `Bearer realm="platform"`)
	}
	writeJSON(w, status, body)
}

// fail answers err: the one exit for every error of a request.
func (s *server) fail(w *responseWriter, err error) {
	s.writeError(w, s.public(w, err))
}

func writeJSON(w http.ResponseWriter, status int, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// invalid is a 400 naming one field (a JSON field, a query parameter or a header).
func invalid(field, reason string) error {
	var v platform.Violations
	v.Add(field, reason)
	return v.Err()
}

func stack() string { return string(debug.Stack()) }
