package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// BenchmarkGetProject measures the client's overhead per call against a raw net/http call to
// the same in-process server: both GET one project and decode it.
func BenchmarkGetProject(b *testing.B) {
	e := setup(b, "")
	ctx := context.Background()
	prj := must(e.c.Projects.Create(ctx, "acme", client.ProjectCreateOptions{Slug: "web", Name: "Web"}))(b)
	c := newClient(b, client.Config{Endpoint: e.srv.URL, Token: e.token})

	b.Run("client", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			p, err := c.Projects.Get(ctx, "acme", "web")
			if err != nil || p.ID != prj.ID {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		rawGet(b, &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(), Timeout: 30 * time.Second},
			e.srv.URL, e.token, prj.ID)
	})

	// The same two calls with the server replaced by its recorded answer isolate the client's
	// own cost from the server's and the loopback's.
	_, body := e.srv.Do(b, e.token, http.MethodGet, "/v1/workspaces/acme/projects/web", nil, nil)
	canned := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: http.StatusOK, ProtoMajor: 1, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
	})
	b.Run("client-canned", func(b *testing.B) {
		cfg := client.Config{Endpoint: e.srv.URL, Token: e.token, HTTPClient: &http.Client{Transport: canned}}
		c := newClient(b, cfg)
		b.ReportAllocs()
		for b.Loop() {
			if p, err := c.Projects.Get(ctx, "acme", "web"); err != nil || p.ID != prj.ID {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw-canned", func(b *testing.B) {
		rawGet(b, &http.Client{Transport: canned, Timeout: 30 * time.Second}, e.srv.URL, e.token, prj.ID)
	})
}

func rawGet(b *testing.B, hc *http.Client, base, token, want string) {
	ctx := context.Background()
	url := base + "/v1/workspaces/acme/projects/web"
	b.ReportAllocs()
	for b.Loop() {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		data, err := io.ReadAll(resp.Body)
		_ = resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			b.Fatal(resp.StatusCode, err)
		}
		var p client.Project
		if err := json.Unmarshal(data, &p); err != nil || p.ID != want {
			b.Fatal(err)
		}
	}
}
