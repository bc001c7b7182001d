// Package server wires the reference server: it opens and migrates the store, bootstraps the
// platform administrator, builds the HTTP handler and runs the operations worker. The
// platform-server command and the in-process test server (package servertest) both use it, so
// tests exercise exactly what the binary runs.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/sqlite"
)

// Environment variables read by the platform-server command (not by Open: a library that reads
// the environment would make in-process test servers depend on the developer's shell).
const (
	EnvBootstrapToken = "PLATFORM_BOOTSTRAP_TOKEN"
	EnvBootstrapEmail = "PLATFORM_BOOTSTRAP_EMAIL"
	// EnvGitHubWebhookSecret is the secret GitHub signs webhook deliveries with (when the
	// --github-webhook-secret flag is not given).
	EnvGitHubWebhookSecret = "PLATFORM_GITHUB_WEBHOOK_SECRET"
)

// Defaults of Config.
const (
	DefaultAddr            = "127.0.0.1:8080"
	DefaultDataDir         = "./data"
	DefaultDBFile          = "platform.db"
	DefaultClusterDelay    = 2 * time.Second
	DefaultBootstrapEmail  = "admin@localhost"
	DefaultShutdownTimeout = 15 * time.Second
	// PageTokenKeyFile holds the key that protects page tokens, next to the database file, so
	// that a page token handed out before a restart still works after it.
	PageTokenKeyFile = "page-token.key"
	// SecretKeyFile holds the server's secret key, next to the database file and never in it:
	// credentials an operator chose are stored as keyed hashes under it, and idempotency records
	// holding secrets are sealed with keys salted by it. A copy of the database alone therefore
	// yields no credential. Losing the file invalidates chosen tokens (generated ones keep
	// working) and sealed records.
	SecretKeyFile = "server.key"
	// SecretsKeyFile holds the key that seals secret values (AES-256-GCM), next to the database
	// file and never in it: a copy of the database alone opens no secret value. Losing the file
	// loses the values (each secret then needs a new value); the rest keeps working.
	SecretsKeyFile = "secrets.key"
)

// transportMaxHeaderBytes bounds what the http.Server reads of a request's headers; see Serve.
const transportMaxHeaderBytes = 1 << 20

// ErrPostgresNotAvailable is returned for a postgres:// database URL until that backend exists.
var ErrPostgresNotAvailable = errors.New("PostgreSQL backend not available yet: use the embedded SQLite store (leave --db empty or give a file path)")

// Config configures a Server. The zero value is usable: every field has a default.
type Config struct {
	// Addr is where the platform-server command listens (Serve takes a listener, so Open does
	// not use it). Default 127.0.0.1:8080.
	Addr string
	// DataDir holds the SQLite database (when DB is empty) and the page token key. Default ./data.
	DataDir string
	// DB selects the store: "" is the SQLite file platform.db in DataDir, a path is that SQLite
	// file, a postgres:// URL selects PostgreSQL (not available yet).
	DB string
	// FullSync fsyncs every commit of the SQLite store, so acknowledged writes survive an OS
	// crash or power loss too; by default they survive a kill of the process.
	FullSync bool
	// ClusterDelay is how long cluster provisioning, updating and deleting take. Default 2s.
	ClusterDelay time.Duration
	// PublicHost is the host name clients reach the server by, used in installations'
	// repository URLs and deployments' URLs. Default: the host of Addr, or localhost when that
	// is a wildcard address.
	PublicHost string
	// GitHubWebhookSecret verifies the signatures of GitHub's push webhook deliveries
	// (POST /v1/github/webhook). Empty: the webhook refuses every delivery. Never logged.
	GitHubWebhookSecret string
	// BootstrapEmail and BootstrapToken create the platform administrator on an empty database.
	// An empty token makes Open generate one (see Server.BootstrapToken). Default e-mail
	// admin@localhost.
	BootstrapEmail, BootstrapToken string
	// RateLimit is the per-caller request rate (requests per second) and RateBurst its bucket
	// size, passed to the HTTP API unchanged (see httpapi.Options).
	RateLimit float64
	RateBurst int
	// Logger receives structured logs. Default slog.Default().
	Logger *slog.Logger
	// WorkerInterval is how often the operations worker advances operations. Default
	// ClusterDelay/10 clamped to 10ms-100ms, so short test delays stay accurate and the default
	// delay does not poll the database needlessly.
	WorkerInterval time.Duration
	// ShutdownTimeout bounds how long Serve waits for in-flight requests when it stops. Default 15s.
	ShutdownTimeout time.Duration
}

// hostOf is the host of a listen address, localhost for a wildcard or missing one.
func hostOf(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		return "localhost"
	}
	return host
}

func (c *Config) setDefaults() {
	if c.Addr == "" {
		c.Addr = DefaultAddr
	}
	if c.DataDir == "" {
		c.DataDir = DefaultDataDir
	}
	if c.ClusterDelay <= 0 {
		c.ClusterDelay = DefaultClusterDelay
	}
	if c.PublicHost == "" {
		c.PublicHost = hostOf(c.Addr)
	}
	if c.BootstrapEmail == "" {
		c.BootstrapEmail = DefaultBootstrapEmail
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.WorkerInterval <= 0 {
		c.WorkerInterval = min(100*time.Millisecond, max(c.ClusterDelay/10, 10*time.Millisecond))
	}
	if c.ShutdownTimeout <= 0 {
		c.ShutdownTimeout = DefaultShutdownTimeout
	}
}

// Server is one running instance of the reference server: store, service, handler and worker.
type Server struct {
	cfg            Config
	log            *slog.Logger
	store          platform.Store
	svc            *service.Service
	handler        http.Handler
	bootstrapEmail string
	bootstrapToken string
	unlock         func() // releases the database lock (see lockDatabase)

	// closing ends every worker when Close is called, whatever context they were started with.
	closing   context.Context
	stopAll   context.CancelFunc
	workers   sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// Open opens (creating and migrating) the store, bootstraps the platform administrator on an
// empty database and builds the HTTP handler. The caller must Close the server.
func Open(ctx context.Context, cfg Config) (*Server, error) {
	cfg.setDefaults()
	store, keyDir, unlock, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	s, err := build(ctx, cfg, store, keyDir)
	if err != nil {
		_ = store.Close()
		unlock()
		return nil, err
	}
	s.unlock = unlock
	return s, nil
}

func build(ctx context.Context, cfg Config, store platform.Store, keyDir string) (*Server, error) {
	// Everything that can fail comes before the bootstrap: a generated token that is never
	// handed out would lock the administrator out for good.
	key, err := loadOrCreateKey(filepath.Join(keyDir, PageTokenKeyFile))
	if err != nil {
		return nil, err
	}
	secretKey, err := loadOrCreateKey(filepath.Join(keyDir, SecretKeyFile))
	if err != nil {
		return nil, err
	}
	secretsKey, err := loadOrCreateKey(filepath.Join(keyDir, SecretsKeyFile))
	if err != nil {
		return nil, err
	}
	svc := service.New(store, service.Options{ClusterDelay: cfg.ClusterDelay, SecretKey: secretKey,
		PublicHost: cfg.PublicHost, GitHubWebhookSecret: []byte(cfg.GitHubWebhookSecret), SecretsKey: secretsKey})
	res, err := svc.Bootstrap(ctx, cfg.BootstrapEmail, cfg.BootstrapToken)
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	switch {
	case res.Created:
		// The token is never logged: a generated one is handed to the caller (BootstrapToken),
		// a supplied one is the operator's.
		cfg.Logger.Info("created the bootstrap user", "email", res.Email, "generated_token", res.Token != "")
	case cfg.BootstrapToken != "":
		cfg.Logger.Info("database already initialised: bootstrap token and e-mail ignored")
	}
	closing, stopAll := context.WithCancel(context.Background())
	s := &Server{
		cfg: cfg, log: cfg.Logger, store: store, svc: svc, bootstrapEmail: res.Email, bootstrapToken: res.Token,
		closing: closing, stopAll: stopAll,
	}
	s.handler = httpapi.New(svc, store, httpapi.Options{
		Logger:       cfg.Logger,
		RateLimit:    cfg.RateLimit,
		RateBurst:    cfg.RateBurst,
		PageTokenKey: key,
		SecretKey:    secretKey,
		OpenAPI:      httpapi.OpenAPIDocument,
		// The server holds the database's exclusive lock (lockDatabase) from before the store
		// is opened: an idempotency record left in flight was left by a process that is gone,
		// and a retry takes it over at once instead of waiting out a minute.
		ExclusiveStore: true,
	})
	return s, nil
}

// openStore opens the configured store and returns the directory that keeps the server's other
// state (the page token key) beside the database, and the release of the database's lock.
func openStore(ctx context.Context, cfg Config) (platform.Store, string, func(), error) {
	path := cfg.DB
	if strings.Contains(path, "://") {
		u, err := url.Parse(path)
		if err != nil {
			// The URL may carry a password: name the problem, not the value.
			return nil, "", nil, errors.New("database: not a valid URL")
		}
		switch u.Scheme {
		case "postgres", "postgresql":
			return nil, "", nil, ErrPostgresNotAvailable
		default:
			return nil, "", nil, fmt.Errorf("database: unsupported URL scheme %q (want a SQLite file path or a postgres:// URL)", u.Scheme)
		}
	}
	if path == "" {
		path = filepath.Join(cfg.DataDir, DefaultDBFile)
	}
	dir := filepath.Dir(path)
	// 0700: the database holds credential hashes and the key files secrets.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", nil, fmt.Errorf("create data directory: %w", err)
	}
	if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm()&0o077 != 0 {
		// The files are 0600 whatever the directory's mode; say so, and that the directory
		// lets others see which files there are (and replace them, if writable).
		cfg.Logger.Warn("the data directory is open to other users: its files are created 0600, but consider chmod 700",
			"dir", dir, "mode", fi.Mode().Perm().String())
	}
	unlock, err := lockDatabase(path)
	if err != nil {
		return nil, "", nil, err
	}
	var opts []sqlite.Option
	if cfg.FullSync {
		opts = append(opts, sqlite.WithFullSync())
	}
	store, err := sqlite.Open(ctx, path, opts...)
	if err != nil {
		unlock()
		return nil, "", nil, err
	}
	return store, dir, unlock, nil
}

// Handler is the HTTP API (every route of docs/platform.md section 8).
func (s *Server) Handler() http.Handler { return s.handler }

// Service is the use-case layer on the server's store.
func (s *Server) Service() *service.Service { return s.svc }

// Store is the server's store. Tests use it to put objects in place directly.
func (s *Server) Store() platform.Store { return s.store }

// BootstrapEmail is the bootstrap user's e-mail as configured, normalised (lower case).
func (s *Server) BootstrapEmail() string { return s.bootstrapEmail }

// BootstrapToken is the bootstrap user's token when Open generated it (to be shown once), ""
// when the operator supplied one or the database was already initialised.
func (s *Server) BootstrapToken() string { return s.bootstrapToken }

// StartWorker advances asynchronous operations (and subscription periods) in the background every WorkerInterval until ctx
// ends or the server is closed. Errors are logged and retried on the next tick: operations are
// rows in the database, so nothing is lost by waiting.
func (s *Server) StartWorker(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(s.closing, cancel)
	s.workers.Add(1)
	go func() {
		defer s.workers.Done()
		defer stop()
		defer cancel()
		t := time.NewTicker(s.cfg.WorkerInterval)
		defer t.Stop()
		for {
			// Run at once on start, so operations left by a previous run resume immediately.
			if n, err := s.svc.AdvanceOperations(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("advancing operations", "error", err)
			} else if n > 0 {
				s.log.Debug("advanced operations", "count", n)
			}
			// Subscription periods that ended: renewals and cancellations at the period's end.
			if n, err := s.svc.AdvanceSubscriptions(ctx); err != nil && ctx.Err() == nil {
				s.log.Error("advancing subscriptions", "error", err)
			} else if n > 0 {
				s.log.Debug("advanced subscriptions", "count", n)
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Serve answers HTTP requests on ln and runs the operations worker until ctx ends. Then it shuts
// down gracefully: it stops accepting connections, lets in-flight requests finish (at most
// ShutdownTimeout), stops the worker and closes the store. It returns nil after a clean
// shutdown. Serve closes the server in every case.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler: s.handler,
		// Slow clients must not hold connections (and goroutines) forever.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		// Well above the API's own limit (httpapi.MaxHeaderBytes, 64 KiB), which the handler
		// enforces with the error envelope and a request id; past this one (plus net/http's
		// 4 KiB of slack) net/http answers a plain-text 431 before the handler runs.
		MaxHeaderBytes: transportMaxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		// Request contexts deliberately do not derive from ctx: cancelling ctx starts the
		// shutdown, and in-flight requests must still complete their transactions.
	}
	workerCtx, stopWorker := context.WithCancel(context.Background())
	defer stopWorker()
	s.StartWorker(workerCtx)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	var err error
	select {
	case err = <-served:
		// The listener failed; there is nothing to drain.
	case <-ctx.Done():
		s.log.Info("shutting down: waiting for in-flight requests", "timeout", s.cfg.ShutdownTimeout)
		shutdownCtx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
		err = srv.Shutdown(shutdownCtx)
		cancel()
		if err != nil {
			err = fmt.Errorf("graceful shutdown: %w", err)
			_ = srv.Close() // cut the stragglers; their transactions either committed or roll back
		}
		if serr := <-served; !errors.Is(serr, http.ErrServerClosed) {
			err = errors.Join(err, serr)
		}
	}
	stopWorker()
	return errors.Join(err, s.Close())
}

// Close stops the workers, waits for them and closes the store. It is safe to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.stopAll()
		s.workers.Wait() // the store must outlive every worker pass
		s.closeErr = s.store.Close()
		if s.unlock != nil {
			s.unlock()
		}
	})
	return s.closeErr
}
