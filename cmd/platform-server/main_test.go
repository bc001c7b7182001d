package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The binary is built once per test run, with the go command that runs the tests.
var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	binDir    string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

func binary(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("sends POSIX signals")
	}
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "platform-server-test-")
		if buildErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "platform-server")
		// go test puts its own GOROOT/bin first in PATH, so this is the go running the tests.
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = err
			binPath = string(out)
		}
	})
	if buildErr != nil {
		t.Fatalf("go build ./cmd/platform-server: %v\n%s", buildErr, binPath)
	}
	return binPath
}

// syncBuffer collects a process's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type process struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
	addr           string
	token          string // printed bootstrap token, if any
	exited         chan struct{}
	waitErr        error
}

// start runs the binary on dataDir with --addr 127.0.0.1:0 and JSON logs, and waits until it
// logs its address (and, when wantToken, prints a bootstrap token).
func start(t *testing.T, dataDir string, env []string, wantToken bool, args ...string) *process {
	t.Helper()
	args = append([]string{"--addr", "127.0.0.1:0", "--data-dir", dataDir, "--log-format", "json", "--cluster-delay", "50ms"}, args...)
	p := &process{cmd: exec.Command(binary(t), args...), exited: make(chan struct{})}
	// The test's own environment must not leak a bootstrap token or e-mail (or a webhook
	// secret) into the server.
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PLATFORM_BOOTSTRAP_") && !strings.HasPrefix(kv, "PLATFORM_GITHUB_WEBHOOK_SECRET=") {
			p.cmd.Env = append(p.cmd.Env, kv)
		}
	}
	p.cmd.Env = append(p.cmd.Env, env...)
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	addrc, tokenc := make(chan string, 1), make(chan string, 1)
	var readers sync.WaitGroup
	readers.Add(2)
	go func() {
		defer readers.Done()
		sc := bufio.NewScanner(io.TeeReader(stderr, &p.stderr))
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addrc <- line.Addr
			}
		}
	}()
	go func() {
		defer readers.Done()
		sc := bufio.NewScanner(io.TeeReader(stdout, &p.stdout))
		for sc.Scan() {
			if _, tok, ok := strings.Cut(sc.Text(), ": "); ok && strings.HasPrefix(sc.Text(), "bootstrap token for ") {
				tokenc <- tok
			}
		}
	}()
	go func() {
		readers.Wait() // Wait must not run before the pipes are drained
		p.waitErr = p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.exited
	})

	timeout := time.After(30 * time.Second)
	select {
	case p.addr = <-addrc:
	case <-p.exited:
		t.Fatalf("platform-server exited before listening (%v):\n%s", p.waitErr, p.stderr.String())
	case <-timeout:
		t.Fatalf("platform-server did not log its address:\n%s", p.stderr.String())
	}
	if wantToken {
		select {
		case p.token = <-tokenc:
		case <-timeout:
			t.Fatalf("platform-server printed no bootstrap token:\n%s", p.stdout.String())
		}
	}
	return p
}

// wait waits for the process to exit and returns its exit code.
func (p *process) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(30 * time.Second):
		t.Fatalf("platform-server did not exit:\n%s", p.stderr.String())
	}
	return p.cmd.ProcessState.ExitCode()
}

func (p *process) call(t *testing.T, method, path, token, body string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, "http://"+p.addr+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer func() { _ = resp.Body.Close() }()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

func TestBinaryServesAndShutsDownOnSIGTERM(t *testing.T) {
	p := start(t, t.TempDir(), nil, true)
	if !strings.HasPrefix(p.token, "pt_") {
		t.Fatalf("bootstrap token %q, want a generated pt_ token", p.token)
	}
	if !strings.Contains(p.stdout.String(), "bootstrap token for admin@localhost: "+p.token+"\n") {
		t.Errorf("stdout = %q", p.stdout.String())
	}
	if strings.Contains(p.stderr.String(), p.token) {
		t.Error("the generated token appears in the logs")
	}
	if status, body := p.call(t, http.MethodGet, "/healthz", "", ""); status != http.StatusOK {
		t.Fatalf("/healthz: %d %s", status, body)
	}
	status, body := p.call(t, http.MethodGet, "/v1/me", p.token, "")
	if status != http.StatusOK || !strings.Contains(body, `"admin@localhost"`) {
		t.Fatalf("/v1/me: %d %s", status, body)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t); code != 0 {
		t.Fatalf("exit code %d after SIGTERM:\n%s", code, p.stderr.String())
	}
	if !strings.Contains(p.stderr.String(), `"msg":"platform-server stopped"`) {
		t.Errorf("no clean stop in the logs:\n%s", p.stderr.String())
	}
}

func TestBinaryKeepsAcknowledgedWritesAcrossSIGKILL(t *testing.T) {
	dir := t.TempDir()
	const token = "operator-supplied-bootstrap-token"
	env := []string{"PLATFORM_BOOTSTRAP_TOKEN=" + token, "PLATFORM_BOOTSTRAP_EMAIL=Ops@Example.com"}
	p := start(t, dir, env, false)
	status, body := p.call(t, http.MethodGet, "/v1/me", token, "")
	if status != http.StatusOK || !strings.Contains(body, `"ops@example.com"`) {
		t.Fatalf("/v1/me with the supplied token and e-mail: %d %s", status, body)
	}
	status, body = p.call(t, http.MethodPost, "/v1/admin/users/alice@example.com/tokens", token, `{"name":"t"}`)
	if status != http.StatusCreated {
		t.Fatalf("mint token: %d %s", status, body)
	}
	var alice struct{ Secret string }
	if err := json.Unmarshal([]byte(body), &alice); err != nil {
		t.Fatal(err)
	}
	status, body = p.call(t, http.MethodPost, "/v1/workspaces", alice.Secret, `{"slug":"acme","name":"Acme"}`)
	if status != http.StatusCreated {
		t.Fatalf("create workspace: %d %s", status, body)
	}
	// The write is acknowledged; kill -9 right away, with no chance to flush or shut down.
	if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	p.wait(t)

	p2 := start(t, dir, env, false)
	if status, body := p2.call(t, http.MethodGet, "/v1/workspaces/acme", alice.Secret, ""); status != http.StatusOK {
		t.Fatalf("workspace after kill -9 and restart: %d %s", status, body)
	}
	for _, out := range []string{p.stdout.String(), p.stderr.String(), p2.stdout.String(), p2.stderr.String()} {
		if strings.Contains(out, token) {
			t.Fatalf("the supplied bootstrap token appears in the output:\n%s", out)
		}
	}
	if err := p2.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := p2.wait(t); code != 0 {
		t.Fatalf("exit code %d after SIGINT", code)
	}
}

func TestVersionFlag(t *testing.T) {
	out, err := exec.Command(binary(t), "-version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), "platform-server ") {
		t.Errorf("-version printed %q", out)
	}
}

// The remaining cases never start serving, so they run the program in-process.
func TestRunRejectsBadConfiguration(t *testing.T) {
	noEnv := func(string) string { return "" }
	for name, tc := range map[string]struct {
		args []string
		code int
		want string
	}{
		"log format":     {[]string{"--log-format", "xml"}, 2, "--log-format must be text or json"},
		"unknown flag":   {[]string{"--nope"}, 2, "flag provided but not defined"},
		"extra argument": {[]string{"serve"}, 2, "unexpected arguments"},
		"postgres":       {[]string{"--db", "postgres://u:hunter2@db/platform"}, 1, "PostgreSQL backend not available yet"},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append([]string{"--data-dir", t.TempDir(), "--addr", "127.0.0.1:0"}, tc.args...)
			code := run(context.Background(), args, noEnv, &stdout, &stderr)
			if code != tc.code || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, stderr.String(), tc.code, tc.want)
			}
			if strings.Contains(stderr.String(), "hunter2") {
				t.Errorf("the database password is in the output: %s", stderr.String())
			}
		})
	}
}

func TestRunFailsOnATakenAddressBeforeBootstrapping(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = ln.Close() }()
	dir := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"--addr", ln.Addr().String(), "--data-dir", dir}, func(string) string { return "" }, &stdout, &stderr)
	if code != 1 || stdout.Len() != 0 {
		t.Fatalf("exit %d, stdout %q; want exit 1 and no bootstrap token printed", code, stdout.String())
	}
	// Nothing was bootstrapped, so the next start still generates (and shows) a token.
	if _, err := os.Stat(filepath.Join(dir, "platform.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the database was created (%v) although the server could not listen", err)
	}
}

// webhook delivers a signed ping (a push needs deployments: the service tests cover it).
func (p *process) webhook(t *testing.T, secret string) int {
	t.Helper()
	body := []byte(`{"zen":"Keep it logically awesome."}`)
	req, err := http.NewRequest(http.MethodPost, "http://"+p.addr+"/v1/github/webhook", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	req.Header.Set("X-GitHub-Event", "ping")
	req.Header.Set("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
	req.Header.Set("X-Hub-Signature-256", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

func TestBinaryGitHubWebhookSecret(t *testing.T) {
	const fromEnv, fromFlag = "webhook-secret-from-the-environment", "webhook-secret-from-the-flag"
	env := []string{"PLATFORM_GITHUB_WEBHOOK_SECRET=" + fromEnv}

	p := start(t, t.TempDir(), env, true)
	if got := p.webhook(t, fromEnv); got != http.StatusAccepted {
		t.Errorf("delivery signed with the environment's secret: %d", got)
	}
	if got := p.webhook(t, "guess"); got != http.StatusUnauthorized {
		t.Errorf("delivery signed with another secret: %d", got)
	}
	if !strings.Contains(p.stderr.String(), `"github_webhook":true`) || strings.Contains(p.stderr.String(), fromEnv) {
		t.Errorf("logs (the secret must not be there, its presence must):\n%s", p.stderr.String())
	}

	// The flag wins over the environment.
	p = start(t, t.TempDir(), env, true, "--github-webhook-secret", fromFlag)
	if got := p.webhook(t, fromFlag); got != http.StatusAccepted {
		t.Errorf("delivery signed with the flag's secret: %d", got)
	}
	if got := p.webhook(t, fromEnv); got != http.StatusUnauthorized {
		t.Errorf("delivery signed with the environment's secret despite the flag: %d", got)
	}
	if strings.Contains(p.stderr.String(), fromFlag) {
		t.Error("the webhook secret appears in the logs")
	}

	// Without a secret every delivery is refused.
	p = start(t, t.TempDir(), nil, true)
	if got := p.webhook(t, ""); got != http.StatusUnauthorized {
		t.Errorf("delivery to a server without a secret: %d", got)
	}
}
