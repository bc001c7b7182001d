package httpapi

import (
	"context"
	"crypto/cipher"
	"crypto/rand"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// Options configure the handler. The zero value is usable.
type Options struct {
	// Logger receives access logs and internal errors; nil discards them.
	Logger *slog.Logger
	// RateLimit is the sustained requests per second allowed per caller; 0 means unlimited.
	RateLimit float64
	// RateBurst is the bucket size; 0 means max(1, ceil(RateLimit)).
	RateBurst int
	// PageTokenKey signs page tokens; nil means a random key per process (tokens then do not
	// survive a restart, which only restarts a listing).
	PageTokenKey []byte
	// MaxBodyBytes bounds request bodies; 0 means 1 MiB.
	MaxBodyBytes int64
	// OpenAPI is served at GET /v1/openapi.json when non-nil.
	OpenAPI []byte
	// IdempotencyTTL is how long idempotency records are kept; 0 means 24h.
	IdempotencyTTL time.Duration
	// SecretKey is the server's secret key (kept outside the database), the salt of the keys
	// that seal idempotency records holding secrets. Default: a random key for this handler
	// only, so sealed records are not replayed after a restart.
	SecretKey []byte
	// ExclusiveStore says that this handler is the only user of the store's idempotency
	// records, as when the server holds the database's exclusive lock. An in-flight record
	// that none of this handler's requests is running was then left by a process that died,
	// and a retry with its key takes it over at once. Without it, such a record is taken over
	// only after a minute, since another process might still be running it. Never set it for
	// two handlers on one store.
	ExclusiveStore bool
}

// MaxHeaderBytes is the most request headers may total: the request line plus the length of
// every header's name and value (the Host header included, line endings and ": " not). A
// request beyond it is answered 400 invalid_argument on field "headers". The http.Server in
// front of the handler must let such requests through (its MaxHeaderBytes well above this),
// or net/http refuses them itself with a plain-text 431.
const MaxHeaderBytes = 64 << 10

// PlanSessionHeader names the plan session of a dry run (docs/platform.md, "Plan sessions").
const PlanSessionHeader = "Platform-Plan-Session"

const (
	defaultMaxBody        = 1 << 20
	defaultIdempotencyTTL = 24 * time.Hour
)

type server struct {
	svc     *service.Service
	store   platform.Store
	log     *slog.Logger
	mux     *http.ServeMux
	maxBody int64
	openAPI []byte
	pageKey []byte
	// pageAEAD seals page tokens (pagetoken.go), with a key derived from pageKey.
	pageAEAD cipher.AEAD
	limiter  *limiter // nil when unlimited
	idemTTL  time.Duration
	// secretKey salts the sealing of idempotency records.
	secretKey []byte
	// requestKey keys the request hashes of idempotency records (derived from secretKey).
	requestKey []byte
	// lastPurge is the unix-nano time of the last idempotency purge, so that at most one
	// request a minute pays for it.
	lastPurge atomic.Int64
	// running holds the idempotency keys this handler's requests are running; nil unless
	// Options.ExclusiveStore.
	running *runningKeys
}

// New returns the HTTP handler of the API on svc. store is used only for idempotency records,
// which must be written in the service's own transactions (see service.WithCommitHook).
func New(svc *service.Service, store platform.Store, opts Options) http.Handler {
	s := &server{
		svc: svc, store: store, log: opts.Logger, maxBody: opts.MaxBodyBytes,
		openAPI: opts.OpenAPI, pageKey: opts.PageTokenKey, idemTTL: opts.IdempotencyTTL, secretKey: opts.SecretKey,
	}
	if len(s.secretKey) == 0 {
		s.secretKey = make([]byte, 32)
		_, _ = rand.Read(s.secretKey)
	}
	s.requestKey = requestHashKey(s.secretKey)
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxBody <= 0 {
		s.maxBody = defaultMaxBody
	}
	if s.idemTTL <= 0 {
		s.idemTTL = defaultIdempotencyTTL
	}
	if len(s.pageKey) == 0 {
		s.pageKey = make([]byte, 32)
		_, _ = rand.Read(s.pageKey) // crypto/rand.Read never fails on supported platforms
	}
	s.pageAEAD = newPageAEAD(s.pageKey)
	if opts.ExclusiveStore {
		s.running = &runningKeys{keys: map[string]struct{}{}}
	}
	if opts.RateLimit > 0 {
		s.limiter = newLimiter(opts.RateLimit, opts.RateBurst)
	}
	s.mux = http.NewServeMux()
	for i := range routes {
		rt := &routes[i]
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.endpoint(rt))
	}
	// Anything else (unknown path, or a known path with another method) gets the JSON
	// envelope rather than ServeMux's plain-text 404/405.
	s.mux.Handle("/", s.endpoint(&notFoundRoute))
	return s
}

// ServeHTTP wraps every request: request id, panic recovery, the header limit and the access
// log.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rw := &responseWriter{ResponseWriter: w, requestID: platform.NewID("req_"), ctx: r.Context()}
	rw.Header().Set("X-Request-Id", rw.requestID)
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p) // the handler asked net/http to abort the connection
			}
			s.log.Error("panic in handler", "request_id", rw.requestID, "panic", p, "stack", stack())
			if !rw.wroteHeader {
				s.writeError(rw, internalError)
			}
		}
		status := rw.status
		if rw.gone {
			// As nginx logs it: the client closed the request before it was answered. No
			// answer was read, whatever was written.
			status = statusClientClosedRequest
		}
		attrs := []slog.Attr{
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", rw.requestID),
			slog.String("caller", rw.caller),
			slog.String("remote", remoteIP(r)),
		}
		if rw.gone {
			attrs = append(attrs, slog.Bool("client_gone", true))
		}
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	}()
	if n := headerBytes(r); n > MaxHeaderBytes {
		s.fail(rw, invalid("headers", fmt.Sprintf(
			"must total at most %d bytes (request line, header names and values), not %d", MaxHeaderBytes, n)))
		return
	}
	s.mux.ServeHTTP(rw, r)
}

// statusClientClosedRequest is the status the access log gives a request whose client went
// away before the answer (nginx's 499). It is never sent.
const statusClientClosedRequest = 499

// headerBytes is the size of a request's headers as MaxHeaderBytes counts it.
func headerBytes(r *http.Request) int {
	uri := r.RequestURI
	if uri == "" {
		uri = r.URL.RequestURI()
	}
	n := len(r.Method) + len(uri) + len(r.Proto)
	if r.Host != "" {
		n += len("Host") + len(r.Host) // net/http moves it out of r.Header
	}
	for name, values := range r.Header {
		for _, v := range values {
			n += len(name) + len(v)
		}
	}
	return n
}

// responseWriter records what the access log and the recovery need.
type responseWriter struct {
	http.ResponseWriter
	requestID   string
	caller      string // user id or API key id: never a secret
	status      int
	wroteHeader bool
	// ctx is the request's context: cancelled when the client goes away.
	ctx context.Context
	// gone: the request failed after its client went away (see server.public).
	gone bool
}

// clientGone reports whether the request's client has gone away: it closed the connection or
// cancelled the request (or, at the end of a shutdown that timed out, the server cut it).
func (w *responseWriter) clientGone() bool { return w.ctx != nil && w.ctx.Err() != nil }

func (w *responseWriter) WriteHeader(status int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *responseWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *responseWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
