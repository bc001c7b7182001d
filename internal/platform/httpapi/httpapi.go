package httpapi

import (
	"crypto/cipher"
	"crypto/rand"
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
}

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
	// lastPurge is the unix-nano time of the last idempotency purge, so that at most one
	// request a minute pays for it.
	lastPurge atomic.Int64
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

// ServeHTTP wraps every request: request id, panic recovery and the access log.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rw := &responseWriter{ResponseWriter: w, requestID: platform.NewID("req_")}
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
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", rw.status),
			slog.Duration("duration", time.Since(start)),
			slog.String("request_id", rw.requestID),
			slog.String("caller", rw.caller),
			slog.String("remote", remoteIP(r)),
		)
	}()
	s.mux.ServeHTTP(rw, r)
}

// responseWriter records what the access log and the recovery need.
type responseWriter struct {
	http.ResponseWriter
	requestID   string
	caller      string // user id or API key id: never a secret
	status      int
	wroteHeader bool
}

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
