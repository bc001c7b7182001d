package client_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/servertest"
)

// TestNoDuplicateCreatesUnderFaults is the acceptance test: 200 project creates
// through a transport that fails ~30% of attempts (503, 429, and POSTs whose answer is lost
// after the server committed). Every create must succeed exactly once, and the server must
// hold exactly 200 projects. Products and their releases go through the same faults (60
// products, then a release of each), and 200 secrets, whose bodies carry a value (each must
// be held at its first value); then 60 installations and 60 deployments.
func TestNoDuplicateCreatesUnderFaults(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanEnterprise)
	ft := newFaultyTransport(http.DefaultTransport, randomFaults(42, map[fault]float64{
		answer503: 0.10, answer429: 0.08, dropAfterCommit: 0.12,
	}))
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetries = 12 // 0.3^13: a create exhausting its retries would be a one-in-millions event
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)

	const n = 200
	created := createUnderFaults(t, n, func(i int) (string, string, error) {
		p, err := c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{
			Slug: fmt.Sprintf("prj-%03d", i), Name: fmt.Sprintf("Project %d", i),
		})
		if err != nil {
			return "", "", err
		}
		return p.ID, p.Slug, nil
	})
	// What the server holds, read without faults.
	listed, err := client.Collect(e.c.Projects.All(ctx(t), "acme"))
	if err != nil {
		t.Fatal(err)
	}
	held := map[string]string{}
	for _, p := range listed {
		held[p.ID] = p.Slug
	}
	wantHeld(t, "projects", created, held, func(i int) string { return fmt.Sprintf("prj-%03d", i) })

	const products = 60
	createdProducts := createUnderFaults(t, products, func(i int) (string, string, error) {
		p, err := c.Products.Create(ctx(t), "acme", client.ProductCreateOptions{
			Slug: fmt.Sprintf("prod-%03d", i), Name: fmt.Sprintf("Product %d", i), Visibility: client.VisibilityListed,
		})
		if err != nil {
			return "", "", err
		}
		return p.ID, p.Slug, nil
	})
	held = map[string]string{}
	for p, err := range e.c.Products.All(ctx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		held[p.ID] = p.Slug
	}
	wantHeld(t, "products", createdProducts, held, func(i int) string { return fmt.Sprintf("prod-%03d", i) })

	createdReleases := createUnderFaults(t, products, func(i int) (string, string, error) {
		r, err := c.Releases.Create(ctx(t), "acme", fmt.Sprintf("prod-%03d", i), client.ReleaseCreateOptions{
			Tag: fmt.Sprintf("1.%d.0", i), Chart: fmt.Sprintf("oci://charts.example.com/prod-%03d:1.%d.0", i, i),
		})
		if err != nil {
			return "", "", err
		}
		return r.ID, r.Tag, nil
	})
	held = map[string]string{}
	for i := range products {
		rels, err := client.Collect(e.c.Releases.All(ctx(t), "acme", fmt.Sprintf("prod-%03d", i)))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rels {
			held[r.ID] = r.Tag
		}
	}
	wantHeld(t, "releases", createdReleases, held, func(i int) string { return fmt.Sprintf("1.%d.0", i) })
	// The marketplace shows each product once, with its one release.
	market, err := client.Collect(e.c.Marketplace.All(ctx(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(market) != products {
		t.Errorf("marketplace lists %d products, want %d", len(market), products)
	}
	for _, p := range market {
		if len(p.Releases) != 1 {
			t.Errorf("marketplace product %s has %d releases, want 1", p.Slug, len(p.Releases))
		}
	}

	createdSecrets := createUnderFaults(t, n, func(i int) (string, string, error) {
		sec, err := c.Secrets.Create(ctx(t), "acme", client.SecretCreateOptions{
			Name: fmt.Sprintf("S_%03d", i), Value: client.Secret(fmt.Sprintf("value %d", i)),
		})
		if err != nil {
			return "", "", err
		}
		return sec.ID, sec.Name, nil
	})
	held = map[string]string{}
	for sec, err := range e.c.Secrets.All(ctx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		if sec.ValueVersion != 1 || sec.Version != 1 {
			t.Errorf("secret %s is not at its first value: value_version %d, version %d", sec.Name, sec.ValueVersion, sec.Version)
		}
		held[sec.ID] = sec.Name
	}
	wantHeld(t, "secrets", createdSecrets, held, func(i int) string { return fmt.Sprintf("S_%03d", i) })

	// Installations and deployments are asynchronous: a retried create must not start a second
	// install or deployment (one per cluster and namespace, one per project and name).
	const apps = 60
	cls := e.runningCluster(t, "apps")
	createdInstallations := createUnderFaults(t, apps, func(i int) (string, string, error) {
		in, _, err := c.Installations.Create(ctx(t), "acme", client.InstallationCreateOptions{
			Name: fmt.Sprintf("inst-%03d", i), ClusterID: cls.ID,
			Source: client.InstallationSource{Chart: fmt.Sprintf("oci://charts.example.com/app-%03d:1.0.0", i)},
		})
		if err != nil {
			return "", "", err
		}
		return in.ID, in.Name, nil
	})
	held = map[string]string{}
	for in, err := range e.c.Installations.All(ctx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		held[in.ID] = in.Name
	}
	wantHeld(t, "installations", createdInstallations, held, func(i int) string { return fmt.Sprintf("inst-%03d", i) })

	createdDeployments := createUnderFaults(t, apps, func(i int) (string, string, error) {
		d, _, err := c.Deployments.Create(ctx(t), "acme", "prj-000", client.DeploymentCreateOptions{
			Name: fmt.Sprintf("dep-%03d", i), ClusterID: cls.ID, Image: fmt.Sprintf("ghcr.io/acme/app-%03d:1.0.0", i),
		})
		if err != nil {
			return "", "", err
		}
		return d.ID, d.Name, nil
	})
	held = map[string]string{}
	for d, err := range e.c.Deployments.All(ctx(t), "acme", "prj-000") {
		if err != nil {
			t.Fatal(err)
		}
		if d.Revision != 1 {
			t.Errorf("deployment %s is at revision %d, want 1", d.Name, d.Revision)
		}
		held[d.ID] = d.Name
	}
	wantHeld(t, "deployments", createdDeployments, held, func(i int) string { return fmt.Sprintf("dep-%03d", i) })

	creates := map[string]int{}
	for ev, err := range e.c.AuditEvents.All(ctx(t), "acme") {
		if err != nil {
			t.Fatal(err)
		}
		creates[ev.Action]++
	}
	for action, want := range map[string]int{"project.create": n, "product.create": products, "release.create": products,
		"secret.create": n, "secret.update": 0, "installation.create": apps, "deployment.create": apps} {
		if creates[action] != want {
			t.Errorf("audit trail has %d %s events, want %d", creates[action], action, want)
		}
	}
	// The faults really happened, and lost answers were replayed rather than re-executed.
	if ft.count(dropAfterCommit) == 0 || ft.count(answer503) == 0 || ft.count(answer429) == 0 || ft.replays.Load() == 0 {
		t.Errorf("fault injection too weak: %s", ft)
	}
	if got := e.log.count("retrying"); got == 0 {
		t.Error("retries were not logged")
	}
}

// createUnderFaults runs n creates on 8 workers; each must succeed. It returns each create's
// (id, name) by index.
func createUnderFaults(t *testing.T, n int, create func(i int) (id, name string, err error)) [][2]string {
	t.Helper()
	const workers = 8
	created := make([][2]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				created[i][0], created[i][1], errs[i] = create(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("create %d failed: %v", i, err)
		}
	}
	return created
}

// wantHeld checks that the server holds (id -> name) exactly what the creates returned: one
// object per create, with the name create i asked for.
func wantHeld(t *testing.T, what string, created [][2]string, held map[string]string, name func(i int) string) {
	t.Helper()
	ids := map[string]bool{}
	for i, c := range created {
		if c[1] != name(i) {
			t.Fatalf("%s: create %d returned %q, want %q", what, i, c[1], name(i))
		}
		if held[c[0]] != c[1] {
			t.Fatalf("%s: create %d answered %s (%s), which the server does not hold", what, i, c[0], c[1])
		}
		ids[c[0]] = true
	}
	if len(ids) != len(created) || len(held) != len(created) {
		t.Fatalf("%s: %d distinct ids for %d creates; the server holds %d", what, len(ids), len(created), len(held))
	}
}

// TestLostCreateWithoutIdempotencyKeyIsNotReplayed is the control experiment: with the
// Idempotency-Key stripped, a create whose answer is lost fails on retry (the server ran it
// twice), which is exactly what the key prevents.
func TestLostCreateWithoutIdempotencyKeyIsNotReplayed(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	first := true
	ft := newFaultyTransport(stripIdempotencyKey{http.DefaultTransport}, func(r *http.Request) fault {
		if r.Method == http.MethodPost && first {
			first = false
			return dropAfterCommit
		}
		return pass
	})
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.HTTPClient = &http.Client{Transport: ft}
	_, err := newClient(t, cfg).Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"})
	wantCode(t, err, client.ErrAlreadyExists)
}

type stripIdempotencyKey struct{ next http.RoundTripper }

func (s stripIdempotencyKey) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Del("Idempotency-Key")
	return s.next.RoundTrip(r)
}

// TestLostRotateReturnsTheIssuedSecret: a rotation whose answer is lost is replayed with the
// secret the server actually issued, so the caller never ends up with a dead secret.
func TestLostRotateReturnsTheIssuedSecret(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	key := must(e.c.APIKeys.Create(ctx(t), "acme", client.APIKeyCreateOptions{Name: "ci", Access: client.AccessReadOnly}))(t)
	drops := 0
	ft := newFaultyTransport(http.DefaultTransport, func(r *http.Request) fault {
		if strings.HasSuffix(r.URL.Path, "/rotate") && drops < 2 {
			drops++
			return dropAfterCommit
		}
		return pass
	})
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.HTTPClient = &http.Client{Transport: ft}
	rotated := must(newClient(t, cfg).APIKeys.Rotate(ctx(t), "acme", key.ID, client.APIKeyRotateOptions{}))(t)
	if rotated.Secret == key.Secret || ft.replays.Load() != 1 {
		t.Fatalf("rotation not replayed: %s", ft)
	}
	me := must(newClient(t, fastConfig(e.srv.URL, rotated.Secret.Reveal(), nil)).Me.Get(ctx(t)))(t)
	if me.APIKeyID != key.ID {
		t.Errorf("rotated secret authenticates as %+v", me)
	}
	_, err := newClient(t, fastConfig(e.srv.URL, key.Secret.Reveal(), nil)).Me.Get(ctx(t))
	wantCode(t, err, client.ErrUnauthenticated) // no grace period: the old secret is dead
}

func TestRetryAfterIsHonoured(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	ft := newFaultyTransport(http.DefaultTransport, nil)
	ft.decide = func(*http.Request) fault {
		if ft.attempts.Load() == 1 {
			return answer429
		}
		return pass
	}
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetryAfter = time.Minute
	cfg.HTTPClient = &http.Client{Transport: ft}
	start := time.Now()
	must(newClient(t, cfg).Workspaces.Get(ctx(t), "acme"))(t)
	elapsed := time.Since(start)
	if elapsed < time.Second || elapsed > 3*time.Second || ft.attempts.Load() != 2 {
		t.Errorf("Retry-After: 1 not honoured: %s elapsed, %s", elapsed, ft)
	}
}

func TestRetryAfterIsCapped(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	ft := newFaultyTransport(http.DefaultTransport, nil)
	ft.retryAfter = "3600"
	ft.decide = func(*http.Request) fault {
		if ft.attempts.Load() <= 2 {
			return answer429
		}
		return pass
	}
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetryAfter = 200 * time.Millisecond
	cfg.HTTPClient = &http.Client{Transport: ft}
	start := time.Now()
	must(newClient(t, cfg).Workspaces.Get(ctx(t), "acme"))(t)
	elapsed := time.Since(start)
	if elapsed < 400*time.Millisecond || elapsed > 2*time.Second || ft.attempts.Load() != 3 {
		t.Errorf("Retry-After: 3600 not capped at 200ms: %s elapsed, %s", elapsed, ft)
	}
}

// TestRealRateLimit: the server's own 429 carries Retry-After; without retries it surfaces as
// ErrRateLimited, with retries the client waits it out.
func TestRealRateLimit(t *testing.T) {
	t.Parallel()
	e := setup(t, "", servertest.WithRateLimit(2, 1))
	noRetry := fastConfig(e.srv.URL, e.token, e.log)
	noRetry.MaxRetries = -1
	c := newClient(t, noRetry)
	var err error
	for range 5 {
		if _, err = c.Workspaces.Get(ctx(t), "acme"); err != nil {
			break
		}
	}
	apiErr := wantCode(t, err, client.ErrRateLimited)
	if apiErr.StatusCode != http.StatusTooManyRequests || apiErr.RequestID == "" {
		t.Errorf("rate limit error: %+v", apiErr)
	}
	retrying := fastConfig(e.srv.URL, e.token, e.log)
	retrying.MaxRetryAfter = 5 * time.Second
	c = newClient(t, retrying)
	start := time.Now()
	for i := range 2 {
		if _, err := c.Workspaces.Get(ctx(t), "acme"); err != nil {
			t.Fatalf("call %d with retries: %v", i, err)
		}
	}
	if e.log.count("retry_after") == 0 || time.Since(start) < 500*time.Millisecond {
		t.Errorf("the server's Retry-After was not waited for (%s)", time.Since(start))
	}
}

func TestCancellationStopsRetries(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	ft := newFaultyTransport(http.DefaultTransport, func(*http.Request) fault { return answer429 })
	ft.retryAfter = "30"
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetryAfter = time.Minute
	cfg.MaxRetries = 100
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)

	cctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(150*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Projects.Create(cctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"})
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("cancel took %s to stop the retries", elapsed)
	}
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "POST /v1/workspaces/acme/projects") {
		t.Errorf("error = %v, want the call wrapped around context.Canceled", err)
	}

	dctx, cancel2 := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel2()
	start = time.Now()
	_, err = c.Workspaces.Get(dctx, "acme")
	if elapsed := time.Since(start); elapsed > time.Second || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %s, %v", elapsed, err)
	}
}

// blockingTransport holds every request until its context ends, like a server that hangs.
type blockingTransport struct{ started chan struct{} }

func (b blockingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	b.started <- struct{}{}
	<-r.Context().Done()
	return nil, r.Context().Err()
}

func TestCancellationAbortsInFlightRequest(t *testing.T) {
	t.Parallel()
	bt := blockingTransport{started: make(chan struct{}, 10)}
	cfg := fastConfig("http://127.0.0.1:1", "pt_whatever", nil)
	cfg.HTTPClient = &http.Client{Transport: bt}
	c := newClient(t, cfg)
	cctx, cancel := context.WithCancel(context.Background())
	go func() { <-bt.started; cancel() }()
	start := time.Now()
	_, err := c.Me.Get(cctx)
	if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second || len(bt.started) != 0 {
		t.Errorf("in-flight cancel: %v after %s (%d more attempts)", err, time.Since(start), len(bt.started))
	}
}

// TestWhatIsRetried counts attempts through the transport: 4xx answers of the real server and
// 500 are final; 502, 503, 504 and connection errors are retried until MaxRetries, and the
// last answer's error is kept.
func TestWhatIsRetried(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	must(e.c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	var mode fault
	ft := newFaultyTransport(http.DefaultTransport, func(*http.Request) fault { return mode })
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetries = 3
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)
	badCfg := cfg
	badCfg.Token = "pt_not_a_real_token"
	bad := newClient(t, badCfg)

	final := []struct {
		name     string
		call     func() error
		sentinel error
	}{
		{"400", func() error {
			_, err := c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "-x", Name: "X"})
			return err
		}, client.ErrInvalidArgument},
		{"401", func() error { _, err := bad.Me.Get(ctx(t)); return err }, client.ErrUnauthenticated},
		{"404", func() error { _, err := c.Projects.Get(ctx(t), "acme", "nope"); return err }, client.ErrNotFound},
		{"409", func() error {
			_, err := c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"})
			return err
		}, client.ErrAlreadyExists},
		{"412", func() error {
			_, err := c.Projects.Update(ctx(t), "acme", "web", client.ProjectUpdateOptions{Name: client.String("W"), IfVersion: 99})
			return err
		}, client.ErrAborted},
	}
	for _, tc := range final {
		mode = pass
		before := ft.attempts.Load()
		err := tc.call()
		if !errors.Is(err, tc.sentinel) {
			t.Errorf("%s: error %v, want %v", tc.name, err, tc.sentinel)
		}
		if n := ft.attempts.Load() - before; n != 1 {
			t.Errorf("%s: %d attempts, want 1 (not retried)", tc.name, n)
		}
	}

	for _, tc := range []struct {
		mode     fault
		attempts int64
		status   int
	}{
		{answer500, 1, 500}, {answer502, 4, 502}, {answer503, 4, 503}, {answer504, 4, 504}, {refuse, 4, 0}, {dropAfterCommit, 4, 0},
	} {
		mode = tc.mode
		before := ft.attempts.Load()
		_, err := c.Workspaces.Get(ctx(t), "acme")
		if n := ft.attempts.Load() - before; n != tc.attempts {
			t.Errorf("%s: %d attempts, want %d", faultNames[tc.mode], n, tc.attempts)
		}
		var apiErr *client.APIError
		switch {
		case tc.status == 0:
			if err == nil || errors.As(err, &apiErr) || !strings.Contains(err.Error(), "giving up after 4 attempts") {
				t.Errorf("%s: error %v", faultNames[tc.mode], err)
			}
		case !errors.As(err, &apiErr):
			t.Errorf("%s: error %v is not an *APIError", faultNames[tc.mode], err)
		case apiErr.StatusCode != tc.status || apiErr.Message != fmt.Sprintf("injected %d", tc.status) ||
			apiErr.RequestID != "req_fault" || apiErr.Attempts != int(tc.attempts):
			t.Errorf("%s: the last answer was not kept: %+v", faultNames[tc.mode], apiErr)
		}
	}
	if !errors.Is(func() error { mode = answer500; _, err := c.Workspaces.Get(ctx(t), "acme"); return err }(), client.ErrInternal) {
		t.Error("500 must map to ErrInternal")
	}
}

// TestEveryPostCarriesOneIdempotencyKey: retries reuse the key of their call, and distinct
// calls get distinct keys; GET, PATCH and DELETE carry none.
func TestEveryPostCarriesOneIdempotencyKey(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	var mu sync.Mutex
	keys := map[string][]string{} // method -> keys in order
	n := 0
	rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		mu.Lock()
		keys[r.Method] = append(keys[r.Method], r.Header.Get("Idempotency-Key"))
		n++
		drop := r.Method == http.MethodPost && n%2 == 1 // lose every first answer
		mu.Unlock()
		if drop {
			return newFaultyTransport(http.DefaultTransport, func(*http.Request) fault { return dropAfterCommit }).RoundTrip(r)
		}
		return http.DefaultTransport.RoundTrip(r)
	})
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.HTTPClient = &http.Client{Transport: rt}
	c := newClient(t, cfg)
	a := must(c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "aaa", Name: "A"}))(t)
	b := must(c.Projects.Create(ctx(t), "acme", client.ProjectCreateOptions{Slug: "bbb", Name: "B"}))(t)
	must(c.Projects.Update(ctx(t), "acme", a.Slug, client.ProjectUpdateOptions{Name: client.String("A2"), IfVersion: a.Version}))(t)
	if err := c.Projects.Delete(ctx(t), "acme", b.ID, b.Version); err != nil {
		t.Fatal(err)
	}
	post := keys[http.MethodPost]
	if len(post) != 4 || post[0] == "" || post[0] != post[1] || post[2] != post[3] || post[1] == post[2] {
		t.Errorf("POST keys: %q", post)
	}
	for _, m := range []string{http.MethodGet, http.MethodPatch, http.MethodDelete} {
		if slices.ContainsFunc(keys[m], func(k string) bool { return k != "" }) {
			t.Errorf("%s carried an Idempotency-Key", m)
		}
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestExplicitIdempotencyKey: a caller-chosen key replays across calls (and processes), and
// reusing it for another body is idempotency_mismatch.
func TestExplicitIdempotencyKey(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	kctx := client.WithIdempotencyKey(ctx(t), "create-web-1")
	a := must(e.c.Projects.Create(kctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	b := must(e.c.Projects.Create(kctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(t)
	if a.ID != b.ID || e.log.count("replayed:true") != 1 {
		t.Errorf("replay gave %s then %s", a.ID, b.ID)
	}
	_, err := e.c.Projects.Create(kctx, "acme", client.ProjectCreateOptions{Slug: "svc", Name: "Svc"})
	apiErr := wantCode(t, err, client.ErrIdempotencyMismatch)
	if apiErr.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("status %d", apiErr.StatusCode)
	}
}

// statusCounter counts the statuses the real server answers.
type statusCounter struct {
	mu     sync.Mutex
	counts map[int]int
}

func (s *statusCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err == nil {
		s.mu.Lock()
		s.counts[resp.StatusCode]++
		s.mu.Unlock()
	}
	return resp, err
}

// TestConcurrentAttemptsWithOneKey: when a retry reaches the server while an earlier attempt
// with the same Idempotency-Key is still running, the server answers 409 with Retry-After;
// the client waits and gets the replay. Many concurrent calls sharing a key (the worst case of
// an attempt abandoned by its timeout) must all end with the same single project.
func TestConcurrentAttemptsWithOneKey(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	sc := &statusCounter{counts: map[int]int{}}
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetries = 20
	cfg.MaxRetryAfter = 5 * time.Millisecond
	cfg.HTTPClient = &http.Client{Transport: sc}
	c := newClient(t, cfg)
	for k := range 5 {
		kctx := client.WithIdempotencyKey(ctx(t), fmt.Sprintf("same-key-%d", k))
		opts := client.ProjectCreateOptions{Slug: fmt.Sprintf("shared-%d", k), Name: "Shared"}
		ids := make([]string, 8)
		errs := make([]error, 8)
		var wg sync.WaitGroup
		for i := range ids {
			wg.Go(func() {
				var p *client.Project
				if p, errs[i] = c.Projects.Create(kctx, "acme", opts); p != nil {
					ids[i] = p.ID
				}
			})
		}
		wg.Wait()
		for i := range ids {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("key %d call %d: %s, %v (first %s)", k, i, ids[i], errs[i], ids[0])
			}
		}
	}
	if all := must(client.Collect(e.c.Projects.All(ctx(t), "acme")))(t); len(all) != 5 {
		t.Errorf("server holds %d projects, want 5", len(all))
	}
	t.Logf("server answers: %v (409 = attempt still in progress, retried)", sc.counts)
}
