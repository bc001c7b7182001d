// Command e2ebench is `make bench-e2e`: with the real terraform CLI against the reference
// server, it times apply, a refreshing plan and destroy of N platform_project resources, and of
// N floor_item resources of a framework provider that does no I/O (./floorprovider), on the
// same machine in the same run, and prints each step's ratio to that floor. It also counts the
// API requests of the refreshing plan: at most one per resource is the goal.
//
// It is a benchmark, not a test: it fails only when a step fails, never on a ratio.
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
)

func main() {
	n := flag.Int("n", 200, "resources per configuration")
	runs := flag.Int("runs", 3, "runs of each step (the median is reported)")
	dir := flag.String("dir", ".build/bench-e2e", "working directory (wiped first)")
	tf := flag.String("terraform", "", "terraform or tofu binary (default: terraform, else tofu, on PATH)")
	parallelism := flag.Int("parallelism", 10, "terraform -parallelism")
	flag.Parse()
	if err := run(*n, *runs, *dir, *tf, *parallelism); err != nil {
		fmt.Fprintln(os.Stderr, "bench-e2e:", err)
		os.Exit(1)
	}
}

type step struct {
	name string
	args []string
}

var steps = []step{
	{"apply", []string{"apply", "-auto-approve", "-input=false"}},
	{"plan (refresh)", []string{"plan", "-input=false", "-detailed-exitcode"}},
	{"destroy", []string{"destroy", "-auto-approve", "-input=false"}},
}

func run(n, runs int, dir, tf string, parallelism int) error {
	if tf == "" {
		for _, name := range []string{"terraform", "tofu"} {
			if p, err := exec.LookPath(name); err == nil {
				tf = p
				break
			}
		}
		if tf == "" {
			return errors.New("no terraform or tofu on PATH; pass -terraform")
		}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	mirror := filepath.Join(dir, "mirror")
	platformAddr, floorAddr := "registry.terraform.io/platform-iac/platform", "registry.terraform.io/bench/floor"
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

	// The reference server in-process, with a request counter in front. Rate limiting is off:
	// this measures the provider and the server, not the limiter (which would make a parallel
	// apply of 200 resources wait for 429 Retry-After by design).
	srv, err := server.Open(context.Background(), server.Config{
		DataDir: filepath.Join(dir, "data"), BootstrapToken: bootstrapToken,
		Logger: slog.New(slog.DiscardHandler),
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	var requests atomic.Int64
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	hs := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		srv.Handler().ServeHTTP(w, r)
	}), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	defer hs.Close()
	endpoint := "http://" + ln.Addr().String()

	c, err := client.New(client.Config{Endpoint: endpoint, Token: bootstrapToken})
	if err != nil {
		return err
	}
	ctx := context.Background()
	if _, err := c.Workspaces.Create(ctx, client.WorkspaceCreateOptions{Slug: workspaceSlug, Name: "Bench", Plan: client.PlanEnterprise}); err != nil {
		return fmt.Errorf("create the workspace: %w", err)
	}

	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"PLATFORM_ENDPOINT="+endpoint, "PLATFORM_TOKEN="+bootstrapToken, "PLATFORM_WORKSPACE="+workspaceSlug)
	configs := []struct {
		name, hcl string
	}{
		{"floor_item", fmt.Sprintf(`terraform {
  required_providers {
    floor = { source = %q }
  }
}

resource "floor_item" "p" {
  count       = %d
  name        = "Project ${count.index}"
  description = "Benchmark project ${count.index}."
}
`, floorAddr, n)},
		{"platform_project", fmt.Sprintf(`terraform {
  required_providers {
    platform = { source = %q }
  }
}

provider "platform" {
  max_retries = 0
}

resource "platform_project" "p" {
  count       = %d
  slug        = "project-${count.index}"
  name        = "Project ${count.index}"
  description = "Benchmark project ${count.index}."
}
`, platformAddr, n)},
	}

	times := map[string]map[string][]time.Duration{} // config -> step -> runs
	var planRequests []int64
	for _, cfg := range configs {
		work := filepath.Join(dir, cfg.name)
		if err := os.MkdirAll(work, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(work, "main.tf"), []byte(cfg.hcl), 0o644); err != nil {
			return err
		}
		if _, err := terraform(tf, work, env, "init", "-input=false", "-no-color"); err != nil {
			return err
		}
		times[cfg.name] = map[string][]time.Duration{}
		for r := 1; r <= runs; r++ {
			for _, s := range steps {
				args := append(slices.Clone(s.args), "-no-color", fmt.Sprintf("-parallelism=%d", parallelism))
				before := requests.Load()
				d, err := terraform(tf, work, env, args...)
				if err != nil {
					return fmt.Errorf("%s, run %d: %w", cfg.name, r, err)
				}
				times[cfg.name][s.name] = append(times[cfg.name][s.name], d)
				if cfg.name == "platform_project" && s.name == "plan (refresh)" {
					planRequests = append(planRequests, requests.Load()-before)
				}
				fmt.Printf("  %-16s run %d  %-15s %8.2fs\n", cfg.name, r, s.name, d.Seconds())
			}
		}
	}

	fmt.Printf("\n%d resources, median of %d runs, %s, -parallelism=%d, %d CPUs\n\n", n, runs, filepath.Base(tf), parallelism, runtime.NumCPU())
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "step\tfloor_item\tplatform_project\tratio\tgoal <= 1.5\t")
	for _, s := range steps {
		floor, platform := median(times["floor_item"][s.name]), median(times["platform_project"][s.name])
		ratio := platform.Seconds() / floor.Seconds()
		verdict := "met"
		if ratio > 1.5 {
			verdict = "NOT met"
		}
		fmt.Fprintf(w, "%s\t%.2fs\t%.2fs\t%.2fx\t%s\t\n", s.name, floor.Seconds(), platform.Seconds(), ratio, verdict)
	}
	_ = w.Flush()
	maxReq := slices.Max(planRequests)
	fmt.Printf("\nAPI requests of a refreshing plan: %v for %d resources (%.2f per resource; goal <= 1)\n",
		planRequests, n, float64(maxReq)/float64(n))
	return nil
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

// terraform runs one command in dir and returns how long it took.
func terraform(tf, dir string, env []string, args ...string) (time.Duration, error) {
	cmd := exec.Command(tf, args...)
	cmd.Dir = dir
	cmd.Env = env
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

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
