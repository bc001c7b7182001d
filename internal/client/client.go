// Package client is a typed Go client for the platform's HTTP API (docs/platform.md sections 7-8).
//
// It is the API as its users see it: it has its own types and imports nothing of the server.
// Every call takes a context, retries transient failures (429, 502, 503, 504 and connection
// errors) with go-retryablehttp, and sends an Idempotency-Key on every POST so that a create
// whose response was lost is replayed by the server rather than duplicated. All calls of one
// Client are paced by the server's rate-limit headers so that they do not provoke 429s.
//
//	c, err := client.New(client.Config{Endpoint: "https://platform.example.com", Token: tok})
//	prj, err := c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"})
package client

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Version is the client's version, sent in the default User-Agent. Release builds set it with
// -ldflags "-X github.com/platform-iac/terraform-provider-platform/internal/client.Version=...".
var Version = "dev"

// Defaults applied by New to zero Config fields.
const (
	DefaultRequestTimeout  = 30 * time.Second
	DefaultMaxRetries      = 5
	DefaultRetryWaitMin    = 500 * time.Millisecond
	DefaultRetryWaitMax    = 15 * time.Second
	DefaultMaxRetryAfter   = 30 * time.Second
	DefaultPollInterval    = 500 * time.Millisecond
	DefaultPollIntervalMax = 10 * time.Second
)

// Config configures a Client. Only Endpoint and Token are required.
type Config struct {
	// Endpoint is the server's base URL, e.g. "https://platform.example.com". A trailing "/v1"
	// is accepted and ignored, so both the server root and the API root work.
	Endpoint string
	// Token is a user token or an API key, sent as "Authorization: Bearer <token>". It never
	// appears in errors or log lines.
	Token string
	// UserAgent defaults to "terraform-provider-platform/<Version>".
	UserAgent string

	// RequestTimeout bounds each attempt (not the whole call, which the context bounds).
	// Default 30s; negative means no per-attempt timeout.
	RequestTimeout time.Duration
	// MaxRetries is how many times a failed attempt is retried. Default 5; negative disables
	// retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the jittered exponential backoff between attempts.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// MaxRetryAfter caps how long a server's Retry-After can make the client wait. Default 30s.
	MaxRetryAfter time.Duration

	// PollInterval and PollIntervalMax bound the backoff of the waiters (clusters, operations).
	PollInterval    time.Duration
	PollIntervalMax time.Duration

	// BatchReadTTL is how long a list page read by a Refresh method answers later Refresh
	// calls (see batch_read.go). Default DefaultBatchReadTTL; negative makes every Refresh a
	// plain Get.
	BatchReadTTL time.Duration

	// Logger receives one line per attempt, retry and failure. Nil means no logging.
	Logger Logger
	// HTTPClient is the base client (transport, proxies, TLS). It is copied, never modified.
	HTTPClient *http.Client
}

// Client talks to the platform API. It is safe for concurrent use.
type Client struct {
	base      *url.URL
	token     string
	userAgent string
	logger    Logger
	logging   bool // false with no Logger: the hooks then skip building their fields
	http      *retryablehttp.Client

	maxRetryAfter time.Duration
	pollMin       time.Duration
	pollMax       time.Duration
	reads         *batchReads // shared list pages of the Refresh methods

	Me                    *MeService
	Tokens                *TokensService
	Organizations         *OrganizationsService
	OrganizationMembers   *OrganizationMembersService
	Workspaces            *WorkspacesService
	WorkspaceMembers      *WorkspaceMembersService
	Projects              *ProjectsService
	ProjectMembers        *ProjectMembersService
	Roles                 *RolesService
	APIKeys               *APIKeysService
	Regions               *RegionsService
	Clusters              *ClustersService
	Installations         *InstallationsService
	Operations            *OperationsService
	Deployments           *DeploymentsService
	Usage                 *UsageService
	AuditEvents           *AuditEventsService
	KubernetesVersions    *KubernetesVersionsService
	PlanSessions          *PlanSessionsService
	Products              *ProductsService
	Releases              *ReleasesService
	Marketplace           *MarketplaceService
	Secrets               *SecretsService
	GitHubInstallations   *GitHubInstallationsService
	Subscriptions         *SubscriptionsService
	AccessStates          *AccessStatesService
	BillingPortalSessions *BillingPortalSessionsService
	StripeAccounts        *StripeAccountsService
}

// New validates cfg and returns a Client. Errors name the bad setting and never contain the token.
func New(cfg Config) (*Client, error) {
	base, err := parseEndpoint(cfg.Endpoint)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("platform client: token is required")
	}
	if strings.ContainsFunc(cfg.Token, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		// Checked here so that net/http never gets to report an invalid header value.
		return nil, errors.New("platform client: token contains whitespace or control characters")
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-platform/" + Version
	}
	switch {
	case cfg.RequestTimeout == 0:
		cfg.RequestTimeout = DefaultRequestTimeout
	case cfg.RequestTimeout < 0:
		cfg.RequestTimeout = 0
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	cfg.RetryWaitMin = orDefault(cfg.RetryWaitMin, DefaultRetryWaitMin)
	cfg.RetryWaitMax = orDefault(cfg.RetryWaitMax, DefaultRetryWaitMax)
	cfg.MaxRetryAfter = orDefault(cfg.MaxRetryAfter, DefaultMaxRetryAfter)
	cfg.PollInterval = orDefault(cfg.PollInterval, DefaultPollInterval)
	cfg.PollIntervalMax = orDefault(cfg.PollIntervalMax, DefaultPollIntervalMax)
	cfg.BatchReadTTL = orDefault(cfg.BatchReadTTL, DefaultBatchReadTTL)
	switch {
	case cfg.RetryWaitMin < 0 || cfg.RetryWaitMax < 0 || cfg.MaxRetryAfter < 0 || cfg.PollInterval < 0 || cfg.PollIntervalMax < 0:
		return nil, errors.New("platform client: durations must not be negative")
	case cfg.RetryWaitMin > cfg.RetryWaitMax:
		return nil, fmt.Errorf("platform client: retry_wait_min (%s) is larger than retry_wait_max (%s)", cfg.RetryWaitMin, cfg.RetryWaitMax)
	case cfg.PollInterval > cfg.PollIntervalMax:
		return nil, fmt.Errorf("platform client: poll interval (%s) is larger than its maximum (%s)", cfg.PollInterval, cfg.PollIntervalMax)
	}
	logging := cfg.Logger != nil
	if !logging {
		cfg.Logger = nopLogger{}
	}

	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	if cfg.HTTPClient != nil {
		copied := *cfg.HTTPClient
		hc = &copied
	}
	if cfg.RequestTimeout > 0 {
		hc.Timeout = cfg.RequestTimeout
	}
	next := hc.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	// Batches of dry runs above pacing: the pacer sees what goes on the wire.
	hc.Transport = newDryRunBatcher(&pacedTransport{next: next, p: &pacer{}}, base)
	// The API never redirects. Following one would turn a POST into a GET or send the call
	// somewhere unexpected, so a redirect is reported to the caller instead.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	c := &Client{
		base:          base,
		token:         cfg.Token,
		userAgent:     cfg.UserAgent,
		logger:        cfg.Logger,
		logging:       logging,
		maxRetryAfter: cfg.MaxRetryAfter,
		pollMin:       cfg.PollInterval,
		pollMax:       cfg.PollIntervalMax,
		reads:         newBatchReads(cfg.BatchReadTTL),
	}
	c.http = &retryablehttp.Client{
		HTTPClient:      hc,
		Logger:          nil, // we log ourselves, through hooks that know what is safe to log
		RetryWaitMin:    cfg.RetryWaitMin,
		RetryWaitMax:    cfg.RetryWaitMax,
		RetryMax:        cfg.MaxRetries,
		CheckRetry:      c.checkRetry,
		Backoff:         c.backoff,
		ErrorHandler:    c.giveUp,
		RequestLogHook:  c.logAttempt,
		ResponseLogHook: c.logResponse,
	}

	c.Me = &MeService{c}
	c.Tokens = &TokensService{c}
	c.Organizations = &OrganizationsService{c}
	c.OrganizationMembers = &OrganizationMembersService{c}
	c.Workspaces = &WorkspacesService{c}
	c.WorkspaceMembers = &WorkspaceMembersService{c}
	c.Projects = &ProjectsService{c}
	c.ProjectMembers = &ProjectMembersService{c}
	c.Roles = &RolesService{c}
	c.APIKeys = &APIKeysService{c}
	c.Regions = &RegionsService{c}
	c.Clusters = &ClustersService{c}
	c.Installations = &InstallationsService{c}
	c.Operations = &OperationsService{c}
	c.Deployments = &DeploymentsService{c}
	c.Usage = &UsageService{c}
	c.AuditEvents = &AuditEventsService{c}
	c.KubernetesVersions = &KubernetesVersionsService{c}
	c.Secrets = &SecretsService{c}
	c.GitHubInstallations = &GitHubInstallationsService{c}
	c.StripeAccounts = &StripeAccountsService{c}
	c.PlanSessions = &PlanSessionsService{c}
	c.Products = &ProductsService{c}
	c.Releases = &ReleasesService{c}
	c.Marketplace = &MarketplaceService{c}
	c.Subscriptions = &SubscriptionsService{c}
	c.AccessStates = &AccessStatesService{c}
	c.BillingPortalSessions = &BillingPortalSessionsService{c}
	return c, nil
}

// Endpoint is the base URL the client calls (without "/v1").
func (c *Client) Endpoint() string { return c.base.String() }

func orDefault(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

// parseEndpoint accepts http(s)://host[:port][/base/path][/v1] and returns it without "/v1"
// and without a trailing slash.
func parseEndpoint(s string) (*url.URL, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("platform client: endpoint is required (e.g. https://platform.example.com)")
	}
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		// url.Parse errors quote the input; an endpoint is not a secret, but user info could
		// be, so the message is ours.
		return nil, fmt.Errorf("platform client: endpoint is not a valid URL (expected e.g. https://platform.example.com)")
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, fmt.Errorf("platform client: endpoint scheme must be http or https, got %q", u.Scheme)
	case u.Host == "" || u.Hostname() == "":
		return nil, errors.New("platform client: endpoint has no host (expected e.g. https://platform.example.com)")
	case u.User != nil:
		return nil, errors.New("platform client: endpoint must not contain user info; pass credentials as the token")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, errors.New("platform client: endpoint must not have a query or fragment")
	}
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/v1")
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// Ptr returns a pointer to v, for the optional fields of update options.
func Ptr[T any](v T) *T { return &v }

// String returns a pointer to s, for the optional fields of update options.
func String(s string) *string { return &s }

// Meta is carried by every resource.
type Meta struct {
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Version grows by one on every change; pass it as IfVersion to update or delete only the
	// version you read (optimistic concurrency, If-Match).
	Version int64 `json:"version"`
}

// ObjectVersion returns Version: it lets generic code read the version of any resource.
func (m Meta) ObjectVersion() int64 { return m.Version }

// Secret is a credential shown once (API key and user token secrets). It formats as
// "[redacted]" with fmt and log/slog so that printing a struct that holds one cannot leak it;
// call Reveal for the value.
type Secret string

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

func (s Secret) String() string   { return "[redacted]" }
func (s Secret) GoString() string { return `"[redacted]"` }

// LogValue keeps the secret out of log/slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue("[redacted]") }
