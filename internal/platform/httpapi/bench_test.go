package httpapi_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// The benchmarks go over real TCP (httptest.NewServer) with a keep-alive client, so that the
// authorized GET can be compared with a bare net/http handler serving a body of the same size:
// the difference is what authentication, authorization, the store and the adapter cost.
// Access logs are discarded (the cost of writing them depends on where they go).

func benchClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConns: 512, MaxIdleConnsPerHost: 512}}
}

// hammer runs GET url in parallel, checking each answer's status.
func hammer(b *testing.B, client *http.Client, url, token string) {
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		r, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			b.Error(err)
			return
		}
		if token != "" {
			r.Header.Set("Authorization", "Bearer "+token)
		}
		for pb.Next() {
			res, err := client.Do(r)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, res.Body)
			_ = res.Body.Close()
			if res.StatusCode != http.StatusOK {
				b.Errorf("status %d", res.StatusCode)
				return
			}
		}
	})
}

func benchEnv(b *testing.B) *env {
	return newEnv(b, httpapi.Options{Logger: slog.New(slog.DiscardHandler)})
}

func BenchmarkAuthorizedGetProject(b *testing.B) {
	e := benchEnv(b)
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "")
	e.must(201, req{Method: "POST", Path: "/v1/workspaces/" + ws + "/projects", Token: alice, Body: map[string]any{"slug": "web", "name": "Web"}})
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	hammer(b, benchClient(), srv.URL+"/v1/workspaces/"+ws+"/projects/web", alice)
}

// BenchmarkBareHandler is the baseline: net/http serving a fixed JSON body of the size of a
// project over the same kind of server and client.
func BenchmarkBareHandler(b *testing.B) {
	body := []byte(`{"id":"prj_aaaaaaaaaaaaaaaa","workspace_id":"ws_aaaaaaaaaaaaaaaa","slug":"web","name":"Web",` +
		`"description":"","created_at":"2030-01-02T03:04:05Z","updated_at":"2030-01-02T03:04:05Z","version":1}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"1"`)
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	hammer(b, benchClient(), srv.URL+"/v1/workspaces/ws/projects/web", "token")
}

// BenchmarkListProjects1000 lists 1,000 projects page by page (200 a page): one op is the
// whole listing.
func BenchmarkListProjects1000(b *testing.B) {
	e := benchEnv(b)
	alice := e.token("alice@example.com")
	ws := e.workspace(alice, "enterprise")
	caller, err := e.svc.Authenticate(e.ctx, alice)
	must(b, err)
	for i := range 1000 {
		slug := fmt.Sprintf("p-%04d", i)
		if _, err := e.svc.CreateProject(e.ctx, caller, ws, service.ProjectInput{Slug: slug, Name: slug}); err != nil {
			b.Fatal(err)
		}
	}
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	client := benchClient()
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		n, next := 0, ""
		for {
			url := srv.URL + "/v1/workspaces/" + ws + "/projects?page_size=200"
			if next != "" {
				url += "&page_token=" + next
			}
			r, _ := http.NewRequest(http.MethodGet, url, nil)
			r.Header.Set("Authorization", "Bearer "+alice)
			res, err := client.Do(r)
			if err != nil {
				b.Fatal(err)
			}
			var page struct {
				Items         []map[string]any `json:"items"`
				NextPageToken string           `json:"next_page_token"`
			}
			err = decodeJSON(res, &page)
			if err != nil || res.StatusCode != http.StatusOK {
				b.Fatalf("status %d: %v", res.StatusCode, err)
			}
			n += len(page.Items)
			if next = page.NextPageToken; next == "" {
				break
			}
		}
		if n != 1000 {
			b.Fatalf("listed %d projects, want 1000", n)
		}
	}
}

// BenchmarkAdapterHealthz is GET /healthz through the whole adapter (request id, access log,
// mux, JSON) without the service: compared with BenchmarkBareHandler it is the adapter's own cost.
func BenchmarkAdapterHealthz(b *testing.B) {
	e := benchEnv(b)
	srv := httptest.NewServer(e.h)
	defer srv.Close()
	hammer(b, benchClient(), srv.URL+"/healthz", "")
}
