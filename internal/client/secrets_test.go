package client_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func TestSecrets(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	ctx := ctx(t)
	sec := must(e.c.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: "DB_PASSWORD", Description: "db", Value: "hunter2"}))(t)
	if !strings.HasPrefix(sec.ID, "sec_") || sec.ValueVersion != 1 || sec.ValueUpdatedAt.IsZero() || sec.Version != 1 || sec.WorkspaceID != e.ws.ID {
		t.Fatalf("created: %+v", sec)
	}
	got := must(e.c.Secrets.Get(ctx, "acme", "DB_PASSWORD"))(t)
	if got.ID != sec.ID || got.Description != "db" {
		t.Fatalf("get: %+v", got)
	}
	v := client.Secret("hunter3")
	upd := must(e.c.Secrets.Update(ctx, "acme", sec.ID, client.SecretUpdateOptions{Value: &v, IfVersion: 1}))(t)
	if upd.ValueVersion != 2 || upd.Version != 2 {
		t.Fatalf("new value: %+v", upd)
	}
	same := must(e.c.Secrets.Update(ctx, "acme", sec.ID, client.SecretUpdateOptions{Value: &v}))(t)
	if same.Version != 2 {
		t.Fatalf("the same value changed the secret: %+v", same)
	}
	_, err := e.c.Secrets.Update(ctx, "acme", sec.ID, client.SecretUpdateOptions{Name: client.Ptr("OTHER")})
	if !errors.Is(err, client.ErrInvalidArgument) {
		t.Fatalf("rename: %v", err)
	}
	_, err = e.c.Secrets.Update(ctx, "acme", sec.ID, client.SecretUpdateOptions{Description: client.Ptr("x"), IfVersion: 1})
	if !errors.Is(err, client.ErrAborted) {
		t.Fatalf("stale If-Match: %v", err)
	}
	dry := must(e.c.Secrets.Create(client.WithValidateOnly(ctx), "acme", client.SecretCreateOptions{Name: "DRY", Value: "x"}))(t)
	if dry.ID != "" || dry.Name != "DRY" {
		t.Fatalf("dry run: %+v", dry)
	}
	for i := range 3 {
		must(e.c.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: fmt.Sprintf("PAGED_%d", i), Value: "v"}))(t)
	}
	all := must(client.Collect(e.c.Secrets.All(ctx, "acme")))(t)
	if len(all) != 4 || all[0].Name != "DB_PASSWORD" {
		t.Fatalf("all: %d %+v", len(all), all)
	}
	page := must(e.c.Secrets.List(ctx, "acme", client.ListOptions{PageSize: 2}))(t)
	if len(page.Items) != 2 || page.NextPageToken == "" {
		t.Fatalf("page: %+v", page)
	}
	if _, err := e.c.Secrets.Get(ctx, "acme", ""); !errors.Is(err, client.ErrInvalidArgument) {
		t.Fatalf("empty ref: %v", err)
	}
	if err := e.c.Secrets.Delete(ctx, "acme", "DB_PASSWORD", 9); !errors.Is(err, client.ErrAborted) {
		t.Fatalf("stale delete: %v", err)
	}
	must(struct{}{}, e.c.Secrets.Delete(ctx, "acme", "DB_PASSWORD", 2))(t)
	if _, err := e.c.Secrets.Get(ctx, "acme", "DB_PASSWORD"); !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
	// The options print without the value.
	for _, s := range []string{fmt.Sprintf("%+v", client.SecretCreateOptions{Name: "A", Value: "hunter2"}),
		fmt.Sprintf("%#v", client.SecretUpdateOptions{Value: &v})} {
		if strings.Contains(s, "hunter") {
			t.Errorf("options print the value: %s", s)
		}
	}
}

// TestSecretValuesNotInClientLogsOrErrors sends values through retries, lost answers and
// refusals, and greps the client's logs and errors for them.
func TestSecretValuesNotInClientLogsOrErrors(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	ctx := ctx(t)
	ft := newFaultyTransport(http.DefaultTransport, randomFaults(11, map[fault]float64{answer503: 0.2, dropAfterCommit: 0.3}))
	cfg := fastConfig(e.srv.URL, e.token, e.log)
	cfg.MaxRetries = 10
	cfg.HTTPClient = &http.Client{Transport: ft}
	c := newClient(t, cfg)
	var values []string
	var errs []error
	for i := range 10 {
		v := fmt.Sprintf("value-canary-%d-%s", i, strings.Repeat("z", 20))
		values = append(values, v)
		name := fmt.Sprintf("S_%d", i)
		must(c.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: name, Value: client.Secret(v)}))(t)
		_, err := c.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: name, Value: client.Secret(v)}) // taken
		errs = append(errs, err)
		nv := client.Secret(v + "-renamed")
		values = append(values, string(nv))
		_, err = c.Secrets.Update(ctx, "acme", name, client.SecretUpdateOptions{Name: client.Ptr("X"), Value: &nv})
		errs = append(errs, err)
	}
	for _, err := range errs {
		if err == nil {
			t.Fatal("a refusal succeeded")
		}
	}
	lines := e.log.all()
	if len(lines) < 20 || ft.count(dropAfterCommit) == 0 {
		t.Fatalf("too little traffic: %d lines, %s", len(lines), ft)
	}
	for _, v := range values {
		for _, err := range errs {
			for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(s, v) {
					t.Errorf("error holds a value: %s", s)
				}
			}
		}
		for _, line := range lines {
			if strings.Contains(line, v) {
				t.Errorf("log line holds a value: %s", line)
			}
		}
	}
}
