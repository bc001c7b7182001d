package platform

import (
	"errors"
	"fmt"
	"strings"
)

// Code is the machine-readable error code of the API contract (docs/platform.md section 7).
// Adapters map codes to transport statuses in one table; the domain never knows HTTP.
type Code string

const (
	CodeInvalidArgument     Code = "invalid_argument"
	CodeUnauthenticated     Code = "unauthenticated"
	CodePermissionDenied    Code = "permission_denied"
	CodeNotFound            Code = "not_found"
	CodeAlreadyExists       Code = "already_exists"
	CodeFailedPrecondition  Code = "failed_precondition"
	CodeQuotaExceeded       Code = "quota_exceeded"
	CodeAborted             Code = "aborted"
	CodeIdempotencyMismatch Code = "idempotency_mismatch"
	CodeRateLimited         Code = "rate_limited"
	CodeInternal            Code = "internal"
)

// Codes lists every code, in the order of the API contract's table (docs/platform.md section 7).
var Codes = []Code{CodeInvalidArgument, CodeUnauthenticated, CodePermissionDenied, CodeNotFound, CodeAlreadyExists,
	CodeFailedPrecondition, CodeQuotaExceeded, CodeAborted, CodeIdempotencyMismatch, CodeRateLimited, CodeInternal}

// FieldViolation names one bad field and the rule it broke.
type FieldViolation struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Error is the one error type the domain and the service return to callers.
// Message is safe to show to the caller: it never contains a secret or an internal detail.
type Error struct {
	Code    Code
	Message string
	Details []FieldViolation
}

func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Errorf builds an *Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, or CodeInternal when err is not an *Error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// IsCode reports whether err carries code.
func IsCode(err error, code Code) bool { return err != nil && ErrorCode(err) == code }

// NotFound is the error for a missing (or invisible) object; kind is "project", "workspace", ...
func NotFound(kind, ref string) *Error {
	return Errorf(CodeNotFound, "%s %q not found", kind, ref)
}

// PermissionDenied names the permission the caller lacks.
func PermissionDenied(p Permission) *Error {
	return Errorf(CodePermissionDenied, "missing permission %s", p)
}

// Violations collects field violations so that one request reports every bad field at once.
type Violations []FieldViolation

// Add records that field broke rule.
func (v *Violations) Add(field, reason string) {
	*v = append(*v, FieldViolation{Field: field, Reason: reason})
}

// Addf records a violation with a formatted reason.
func (v *Violations) Addf(field, format string, args ...any) {
	v.Add(field, fmt.Sprintf(format, args...))
}

// Err returns nil when there are no violations, otherwise an invalid_argument *Error
// whose message lists every field and rule.
func (v Violations) Err() error {
	if len(v) == 0 {
		return nil
	}
	parts := make([]string, len(v))
	for i, fv := range v {
		parts[i] = fv.Field + ": " + fv.Reason
	}
	return &Error{
		Code:    CodeInvalidArgument,
		Message: "invalid request: " + strings.Join(parts, "; "),
		Details: append([]FieldViolation(nil), v...),
	}
}

// Count writes n with noun, pluralised by English's regular rule: "1 project", "2 projects".
// Every noun the API counts in messages is regular.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
