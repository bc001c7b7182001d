// Command e2ebench is `make bench-e2e`: with the real terraform CLI against the reference
// server, in one run on one machine, it reports
//   - apply, a refreshing plan and destroy of N platform_project, with the server's rate limit
//     off and at its default (50 requests/s, burst 100), each step's ratio to the same steps of
//     N floor_item of a framework provider that does no I/O (./floorprovider);
//   - the API requests of a refreshing plan of N and of NLarge platform_project;
//   - the 429 answers and the time of an apply of N platform_project against a server limited to
//     30 requests/s (burst 30), against the minimum that limit allows (its requests / 30 s).
//
// Every configuration gets its own in-process server, with a handler in front that counts the
// requests and the 429 answers. It is a benchmark, not a test: it fails only when a step fails,
// never on a ratio; goals are printed next to the values.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/server"
)

const (
	providerVersion = "0.0.1"
	bootstrapToken  = "e2e-bench-bootstrap-token-0123456789"
	workspaceSlug   = "bench"
	platformAddr    = "registry.terraform.io/platform-iac/platform"
	floorAddr       = "registry.terraform.io/bench/floor"

	// The server's default limit (cmd/platform-server) and the tight one of the pacing goal. The
	// tight one's burst is one second of requests, so the minimum time is about requests / rate.
	defaultRate, defaultBurst = 50, 100
	tightRate, tightBurst     = 30, 30

	goalOff, goalDefault, goalTight = 1.25, 1.5, 1.15
	goalLargeRequests               = 10
)

type options struct {
	n, nLarge, runs, runsExtra int
	dir, tf                    string
	parallelism, parLarge      int
}

func main() {
	var o options
	flag.IntVar(&o.n, "n", 200, "resources per configuration")
	flag.IntVar(&o.nLarge, "n-large", 1000, "resources of the large refreshing plan (0 skips it)")
	flag.IntVar(&o.runs, "runs", 3, "runs of each step of the floor and of the unlimited server (the median is reported)")
	flag.IntVar(&o.runsExtra, "runs-extra", 1, "runs of each step under the default rate limit")
	flag.StringVar(&o.dir, "dir", ".build/bench-e2e", "working directory (wiped first)")
	flag.StringVar(&o.tf, "terraform", "", "terraform or tofu binary (default: terraform, else tofu, on PATH)")
	flag.IntVar(&o.parallelism, "parallelism", 10, "terraform -parallelism")
	flag.IntVar(&o.parLarge, "parallelism-large", 50, "terraform -parallelism of the (untimed) apply of the large configuration")
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench-e2e:", err)
		os.Exit(1)
	}
}

type step struct {
	name string
	args []string
}

var (
	apply   = step{"apply", []string{"apply", "-auto-approve", "-input=false"}}
	plan    = step{"plan (refresh)", []string{"plan", "-input=false", "-detailed-exitcode"}}
	destroy = step{"destroy", []string{"destroy", "-auto-approve", "-input=false"}}
	steps   = []step{apply, plan, destroy}
)

func run(o options) error {
	if o.tf == "" {
		for _, name := range []string{"terraform", "tofu"} {
			if p, err := exec.LookPath(name); err == nil {
				o.tf = p
				break
			}
		}
		if o.tf == "" {
			return errors.New("no terraform or tofu on PATH; pass -terraform")
		}
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	mirror := filepath.Join(dir, "mirror")
	fmt.Printf("Building the providers into %s ...\n", mirror)
	if err := buildProvider(mirror, platformAddr, "terraform-provider-platform", "."); err != nil {
		return err
	}
	if err := buildProvider(mirror, floorAddr, "terraform-provider-floor", "./internal/e2ebench/floorprovider"); err != nil {
		return err
	}
	cliConfig := filepath.Join(dir, "terraformrc")
	if err := os.WriteFile(cliConfig, []byte(fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = [%q, %q]
  }
  direct {
    exclude = [%q, %q]
  }
}
`, mirror, platformAddr, floorAddr, platformAddr, floorAddr)), 0o600); err != nil {
		return err
	}
	b := &bench{o: o, dir: dir, baseEnv: append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")}

	// The floor, then the same steps against an unlimited server and one at the default limit.
	floor, err := b.workdir("floor_item", floorHCL(o.n), nil)
	if err != nil {
		return err
	}
	floorTimes, _, err := b.steps(floor, o.runs)
	if err != nil {
		return err
	}
	offTimes, offPlanRequests, err := b.platformSteps("limit_off", 0, 0, o.runs)
	if err != nil {
		return err
	}
	defTimes, _, err := b.platformSteps("limit_default", defaultRate, defaultBurst, o.runsExtra)
	if err != nil {
		return err
	}
	largeRequests, largeTime, err := b.largePlan()
	if err != nil {
		return err
	}
	tight, err := b.tightApply()
	if err != nil {
		return err
	}

	fmt.Printf("\n%d resources, median of %d runs (%d under the default limit), %s, -parallelism=%d, %d CPUs\n\n",
		o.n, o.runs, o.runsExtra, filepath.Base(o.tf), o.parallelism, runtime.NumCPU())
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "step\tfloor_item\tlimit off\tratio\tgoal <= %.2f\tlimit %d/s burst %d\tratio\tgoal <= %.2f\t\n",
		goalOff, defaultRate, defaultBurst, goalDefault)
	for _, s := range steps {
		fl, off, def := median(floorTimes[s.name]), median(offTimes[s.name]), median(defTimes[s.name])
		rOff, rDef := off.Seconds()/fl.Seconds(), def.Seconds()/fl.Seconds()
		fmt.Fprintf(w, "%s\t%.2fs\t%.2fs\t%.2fx\t%s\t%.2fs\t%.2fx\t%s\t\n", s.name, fl.Seconds(),
			off.Seconds(), rOff, verdict(rOff <= goalOff), def.Seconds(), rDef, verdict(rDef <= goalDefault))
	}
	_ = w.Flush()

	fmt.Println()
	maxReq := slices.Max(offPlanRequests)
	fmt.Printf("API requests of a refreshing plan, %d resources: %d (%.2f per resource)\n",
		o.n, maxReq, float64(maxReq)/float64(o.n))
	if o.nLarge > 0 {
		fmt.Printf("API requests of a refreshing plan, %d resources: %d (%.2f per resource) in %.2fs; goal <= %d: %s\n",
			o.nLarge, largeRequests, float64(largeRequests)/float64(o.nLarge), largeTime.Seconds(),
			goalLargeRequests, verdict(largeRequests <= goalLargeRequests))
	}
	minimum := time.Duration(float64(tight.requests) / tightRate * float64(time.Second))
	ratio := tight.time.Seconds() / minimum.Seconds()
	fmt.Printf("Apply of %d resources under %d requests/s (burst %d): %d requests, %d answered 429 (goal 0: %s); "+
		"%.2fs against the minimum %d/%d = %.2fs: %.2fx (goal <= %.2f: %s)\n",
		o.n, tightRate, tightBurst, tight.requests, tight.limited, verdict(tight.limited == 0),
		tight.time.Seconds(), tight.requests, tightRate, minimum.Seconds(), ratio, goalTight, verdict(ratio <= goalTight))
	return nil
}

func verdict(met bool) string {
	if met {
		return "met"
	}
	return "NOT met"
}

// bench holds what every configuration shares.
type bench struct {
	o       options
	dir     string
	baseEnv []string
}

type workdir struct {
	dir string
	env []string
	srv *apiServer // nil for the floor
}

// workdir writes hcl into a fresh directory and runs terraform init there.
func (b *bench) workdir(name, hcl string, srv *apiServer) (workdir, error) {
	w := workdir{dir: filepath.Join(b.dir, name), env: b.baseEnv, srv: srv}
	if srv != nil {
		w.env = append(slices.Clone(b.baseEnv), "PLATFORM_ENDPOINT="+srv.endpoint, "PLATFORM_TOKEN="+bootstrapToken,
			"PLATFORM_WORKSPACE="+workspaceSlug)
	}
	if err := os.MkdirAll(w.dir, 0o755); err != nil {
		return w, err
	}
	if err := os.WriteFile(filepath.Join(w.dir, "main.tf"), []byte(hcl), 0o644); err != nil {
		return w, err
	}
	_, err := b.terraform(w, "init", "-input=false")
	return w, err
}

// steps runs apply, refreshing plan and destroy runs times in w; it answers the times by step
// and the API requests of each refreshing plan.
func (b *bench) steps(w workdir, runs int) (map[string][]time.Duration, []int64, error) {
	times := map[string][]time.Duration{}
	var planRequests []int64
	for r := 1; r <= runs; r++ {
		for _, s := range steps {
			var before int64
			if w.srv != nil {
				before = w.srv.requests.Load()
			}
			d, err := b.terraform(w, append(slices.Clone(s.args), fmt.Sprintf("-parallelism=%d", b.o.parallelism))...)
			if err != nil {
				return nil, nil, fmt.Errorf("%s, run %d: %w", filepath.Base(w.dir), r, err)
			}
			times[s.name] = append(times[s.name], d)
			if w.srv != nil && s.name == plan.name {
				planRequests = append(planRequests, w.srv.requests.Load()-before)
			}
			fmt.Printf("  %-22s run %d  %-15s %8.2fs\n", filepath.Base(w.dir), r, s.name, d.Seconds())
		}
	}
	return times, planRequests, nil
}

// platformSteps runs the steps on N platform_project against a fresh server with the given
// limit (rate 0: none).
func (b *bench) platformSteps(name string, rate float64, burst, runs int) (map[string][]time.Duration, []int64, error) {
	srv, err := startServer(filepath.Join(b.dir, name+"-data"), rate, burst)
	if err != nil {
		return nil, nil, err
	}
	defer srv.close()
	w, err := b.workdir(name, projectsHCL(b.o.n), srv)
	if err != nil {
		return nil, nil, err
	}
	return b.steps(w, runs)
}

// largePlan applies NLarge platform_project at high parallelism against an unlimited server
// (untimed), then times and counts one refreshing plan of them.
func (b *bench) largePlan() (int64, time.Duration, error) {
	if b.o.nLarge <= 0 {
		return 0, 0, nil
	}
	srv, err := startServer(filepath.Join(b.dir, "large-data"), 0, 0)
	if err != nil {
		return 0, 0, err
	}
	defer srv.close()
	w, err := b.workdir("large", projectsHCL(b.o.nLarge), srv)
	if err != nil {
		return 0, 0, err
	}
	d, err := b.terraform(w, append(slices.Clone(apply.args), fmt.Sprintf("-parallelism=%d", b.o.parLarge))...)
	if err != nil {
		return 0, 0, err
	}
	fmt.Printf("  %-22s        %-15s %8.2fs (-parallelism=%d, untimed)\n", "large", apply.name, d.Seconds(), b.o.parLarge)
	before := srv.requests.Load()
	d, err = b.terraform(w, append(slices.Clone(plan.args), fmt.Sprintf("-parallelism=%d", b.o.parallelism))...)
	if err != nil {
		return 0, 0, err
	}
	fmt.Printf("  %-22s        %-15s %8.2fs\n", "large", plan.name, d.Seconds())
	return srv.requests.Load() - before, d, nil
}

type tightResult struct {
	requests, limited int64
	time              time.Duration
}

// tightApply times one apply of N platform_project against a server limited to tightRate and
// counts its requests and 429 answers.
func (b *bench) tightApply() (tightResult, error) {
	srv, err := startServer(filepath.Join(b.dir, "limit_tight-data"), tightRate, tightBurst)
	if err != nil {
		return tightResult{}, err
	}
	defer srv.close()
	w, err := b.workdir("limit_tight", projectsHCL(b.o.n), srv)
	if err != nil {
		return tightResult{}, err
	}
	// A full bucket to start from, as the minimum assumes (creating the workspace took a token).
	time.Sleep(time.Second)
	req0, lim0 := srv.requests.Load(), srv.limited.Load()
	d, err := b.terraform(w, append(slices.Clone(apply.args), fmt.Sprintf("-parallelism=%d", b.o.parallelism))...)
	if err != nil {
		return tightResult{}, err
	}
	fmt.Printf("  %-22s run 1  %-15s %8.2fs\n", "limit_tight", apply.name, d.Seconds())
	return tightResult{requests: srv.requests.Load() - req0, limited: srv.limited.Load() - lim0, time: d}, nil
}

// terraform runs one command in w and returns how long it took.
func (b *bench) terraform(w workdir, args ...string) (time.Duration, error) {
	args = append(args, "-no-color")
	cmd := exec.Command(b.o.tf, args...)
	cmd.Dir = w.dir
	cmd.Env = w.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	d := time.Since(start)
	if err != nil {
		return d, fmt.Errorf("terraform %s: %w\n%s", strings.Join(args, " "), err, out.String())
	}
	return d, nil
}

// apiServer is an in-process reference server with an enterprise workspace, behind a handler
// that counts the requests and the 429 answers.
type apiServer struct {
	endpoint          string
	requests, limited atomic.Int64
	close             func()
}

func startServer(dataDir string, rate float64, burst int) (*apiServer, error) {
	srv, err := server.Open(context.Background(), server.Config{
		DataDir: dataDir, BootstrapToken: bootstrapToken, Logger: slog.New(slog.DiscardHandler),
		RateLimit: rate, RateBurst: burst,
	})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		return nil, err
	}
	a := &apiServer{endpoint: "http://" + ln.Addr().String()}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.requests.Add(1)
		sw := &statusWriter{ResponseWriter: w}
		srv.Handler().ServeHTTP(sw, r)
		if sw.status == http.StatusTooManyRequests {
			a.limited.Add(1)
		}
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	a.close = func() {
		_ = hs.Close()
		srv.Close()
	}
	c, err := client.New(client.Config{Endpoint: a.endpoint, Token: bootstrapToken})
	if err == nil {
		_, err = c.Workspaces.Create(context.Background(), client.WorkspaceCreateOptions{
			Slug: workspaceSlug, Name: "Bench", Plan: client.PlanEnterprise})
	}
	if err != nil {
		a.close()
		return nil, fmt.Errorf("create the workspace: %w", err)
	}
	return a, nil
}

// statusWriter remembers the status of the answer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(p)
}

func floorHCL(n int) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    floor = { source = %q }
  }
}

resource "floor_item" "p" {
  count       = %d
  name        = "Project ${count.index}"
  description = "Benchmark project ${count.index}."
}
`, floorAddr, n)
}

func projectsHCL(n int) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    platform = { source = %q }
  }
}

resource "platform_project" "p" {
  count       = %d
  slug        = "project-${count.index}"
  name        = "Project ${count.index}"
  description = "Benchmark project ${count.index}."
}
`, platformAddr, n)
}

// buildProvider builds the provider in pkg into the filesystem mirror layout terraform init
// reads: HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION.
func buildProvider(mirror, addr, binary, pkg string) error {
	out := filepath.Join(mirror, filepath.FromSlash(addr), providerVersion, runtime.GOOS+"_"+runtime.GOARCH,
		binary+"_v"+providerVersion)
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", pkg, err, b)
	}
	return nil
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
