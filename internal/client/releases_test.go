package client_test

import (
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func TestReleases(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	p := must(e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "shop", Name: "Shop"}))(t)
	r := must(e.c.Releases.Create(c, "acme", "shop", client.ReleaseCreateOptions{Tag: "1.4.0",
		Chart: "oci://charts.example.com/shop:1.4.0", Notes: "First."}))(t)
	if !strings.HasPrefix(r.ID, "rel_") || r.ProductID != p.ID || r.WorkspaceID != e.ws.ID || r.Yanked || r.Version != 1 {
		t.Errorf("create: %+v", r)
	}
	must(e.c.Releases.Create(c, "acme", p.ID, client.ReleaseCreateOptions{Tag: "1.5.0-rc.1", Chart: "https://charts.example.com/shop-1.5.0-rc.1.tgz"}))(t)
	for _, ref := range []string{r.ID, "1.4.0"} {
		if got := must(e.c.Releases.Get(c, "acme", "shop", ref))(t); *got != *r {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	page := must(e.c.Releases.List(c, "acme", "shop", client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(e.c.Releases.All(c, "acme", p.ID)))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" || len(all) != 2 || all[0].Tag != "1.4.0" {
		t.Errorf("list: %+v; all: %+v", page, all)
	}
	upd := must(e.c.Releases.Update(c, "acme", "shop", "1.4.0", client.ReleaseUpdateOptions{Yanked: client.Ptr(true), IfVersion: 1}))(t)
	if !upd.Yanked || upd.Notes != "First." || upd.Version != 2 {
		t.Errorf("update: %+v", upd)
	}
	_, err := e.c.Releases.Update(c, "acme", "shop", "1.4.0", client.ReleaseUpdateOptions{Tag: client.String("1.4.1")})
	if apiErr := wantCode(t, err, client.ErrInvalidArgument); len(apiErr.Details) != 1 || apiErr.Details[0].Field != "tag" {
		t.Errorf("tag change: %+v", apiErr)
	}
	_, err = e.c.Releases.Create(c, "acme", "shop", client.ReleaseCreateOptions{Tag: "1.4.0", Chart: "oci://charts.example.com/shop:1.4.0"})
	wantCode(t, err, client.ErrAlreadyExists)
	_, err = e.c.Releases.Create(c, "acme", "shop", client.ReleaseCreateOptions{Tag: "v1", Chart: "oci://x"})
	wantCode(t, err, client.ErrInvalidArgument)
	if err := e.c.Releases.Delete(c, "acme", "shop", "1.4.0", upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.Releases.Get(c, "acme", "shop", r.ID)
	wantCode(t, err, client.ErrNotFound)
	_, err = e.c.Releases.Get(c, "acme", "nope", "1.5.0-rc.1")
	wantCode(t, err, client.ErrNotFound)
}
