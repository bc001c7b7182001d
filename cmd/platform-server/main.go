// Command platform-server is the reference server of the platform API (docs/platform.md section 9).
//
//	platform-server [--addr 127.0.0.1:8080] [--data-dir ./data] [--db path|postgres://...]
//	                [--full-sync] [--cluster-delay 2s] [--rate-limit 50] [--rate-burst 100]
//	                [--github-webhook-secret s] [--log-format text|json]
//
// On first start with an empty database it creates the bootstrap user (PLATFORM_BOOTSTRAP_EMAIL,
// default admin@localhost) with the token in PLATFORM_BOOTSTRAP_TOKEN, or generates one and
// prints it once on stdout. Logs go to stderr. SIGINT or SIGTERM shut it down gracefully; a
// second signal stops it at once.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/server"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, restore the default handling so a second one kills the process.
	go func() { <-ctx.Done(); stop() }()
	os.Exit(run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr))
}

// run is the whole program, with its environment passed in: it returns the exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("platform-server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		cfg         server.Config
		logFormat   string
		logLevel    slog.Level
		showVersion bool
	)
	fs.StringVar(&cfg.Addr, "addr", server.DefaultAddr, "listen address (host:port; port 0 picks a free one)")
	fs.StringVar(&cfg.DataDir, "data-dir", server.DefaultDataDir, "directory of the embedded SQLite database and the server's key")
	fs.StringVar(&cfg.DB, "db", "", "database: empty for "+server.DefaultDBFile+" in --data-dir, a SQLite file path, or a postgres:// URL")
	fs.BoolVar(&cfg.FullSync, "full-sync", false, "fsync every SQLite commit, so acknowledged writes survive an OS crash or power loss too (by default they survive a process crash)")
	fs.DurationVar(&cfg.ClusterDelay, "cluster-delay", server.DefaultClusterDelay, "how long cluster provisioning, updating and deleting take (and installations and deployments)")
	fs.StringVar(&cfg.PublicHost, "public-host", "", "host name clients reach the server by, for installations' repository URLs and deployments' URLs (default: the host of --addr, localhost for a wildcard)")
	fs.StringVar(&cfg.GitHubWebhookSecret, "github-webhook-secret", "", "secret GitHub signs push webhook deliveries with (POST /v1/github/webhook; default $"+server.EnvGitHubWebhookSecret+"; without one the webhook refuses every delivery)")
	fs.Float64Var(&cfg.RateLimit, "rate-limit", 50, "requests per second allowed per caller (0 disables rate limiting)")
	fs.IntVar(&cfg.RateBurst, "rate-burst", 100, "burst of requests allowed per caller above --rate-limit")
	fs.StringVar(&logFormat, "log-format", "text", "log format: text or json")
	fs.TextVar(&logLevel, "log-level", slog.LevelInfo, "log level: debug, info, warn or error")
	fs.BoolVar(&showVersion, "version", false, "print the version and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: platform-server [flags]\n\nEnvironment: %s (token of the bootstrap user on first start; generated and printed when unset), %s (its e-mail, default %s), %s (the GitHub webhook secret, unless --github-webhook-secret is given).\n\nFlags:\n",
			server.EnvBootstrapToken, server.EnvBootstrapEmail, server.DefaultBootstrapEmail, server.EnvGitHubWebhookSecret)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "platform-server: unexpected arguments: %v\n", fs.Args())
		return 2
	}
	if showVersion {
		fmt.Fprintln(stdout, "platform-server", buildVersion())
		return 0
	}

	var handler slog.Handler
	opts := &slog.HandlerOptions{Level: logLevel}
	switch logFormat {
	case "text":
		handler = slog.NewTextHandler(stderr, opts)
	case "json":
		handler = slog.NewJSONHandler(stderr, opts)
	default:
		fmt.Fprintf(stderr, "platform-server: --log-format must be text or json, not %q\n", logFormat)
		return 2
	}
	log := slog.New(handler)
	cfg.Logger = log
	cfg.BootstrapEmail = getenv(server.EnvBootstrapEmail)
	cfg.BootstrapToken = getenv(server.EnvBootstrapToken)
	if cfg.GitHubWebhookSecret == "" {
		cfg.GitHubWebhookSecret = getenv(server.EnvGitHubWebhookSecret)
	}

	if err := serve(ctx, cfg, stdout); err != nil {
		log.Error("platform-server stopped", "error", err)
		return 1
	}
	log.Info("platform-server stopped")
	return 0
}

func serve(ctx context.Context, cfg server.Config, stdout io.Writer) error {
	log := cfg.Logger
	log.Info("starting platform-server", "version", buildVersion(), "data_dir", cfg.DataDir, "cluster_delay", cfg.ClusterDelay,
		"github_webhook", cfg.GitHubWebhookSecret != "")
	// Listen first: if the address is taken, fail before a bootstrap token is generated that
	// could then never be shown.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	srv, err := server.Open(ctx, cfg)
	if err != nil {
		return errors.Join(err, ln.Close())
	}
	if tok := srv.BootstrapToken(); tok != "" {
		// Shown exactly once, on stdout rather than in the logs, which are often collected.
		fmt.Fprintf(stdout, "bootstrap token for %s: %s\n", srv.BootstrapEmail(), tok)
	}
	// The real address matters when --addr ends in :0.
	log.Info("listening", "addr", ln.Addr().String(), "url", "http://"+ln.Addr().String())
	return srv.Serve(ctx, ln)
}

// buildVersion is the -ldflags version, or the module version / VCS revision Go recorded.
func buildVersion() string {
	if version != "dev" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return version + "+" + s.Value[:12]
		}
	}
	return version
}
