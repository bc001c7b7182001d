package client_test

import (
	"slices"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func TestMarketplace(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	p := must(e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "shop", Name: "Shop", Visibility: client.VisibilityListed}))(t)
	for _, tag := range []string{"1.0.0", "1.10.0", "1.2.0", "2.0.0-beta"} {
		must(e.c.Releases.Create(c, "acme", "shop", client.ReleaseCreateOptions{Tag: tag, Chart: "oci://charts.example.com/shop:" + tag}))(t)
	}
	must(e.c.Releases.Update(c, "acme", "shop", "1.2.0", client.ReleaseUpdateOptions{Yanked: client.Ptr(true)}))(t)

	// Another user, in no workspace at all, sees it.
	other := e.clientFor(t, "stranger@example.com")
	mp := must(other.Marketplace.Get(c, p.ID))(t)
	var tags []string
	for _, r := range mp.Releases {
		tags = append(tags, r.Tag)
	}
	if !slices.Equal(tags, []string{"2.0.0-beta", "1.10.0", "1.0.0"}) || mp.Slug != "shop" || mp.Version != p.Version {
		t.Errorf("marketplace product: %+v (tags %v)", mp, tags)
	}
	page := must(other.Marketplace.List(c, client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(other.Marketplace.All(c)))(t)
	if len(page.Items) != 1 || len(all) != 1 || all[0].ID != p.ID {
		t.Errorf("list: %+v; all: %+v", page, all)
	}
	// A private product is not found there.
	must(e.c.Products.Update(c, "acme", "shop", client.ProductUpdateOptions{Visibility: client.Ptr(client.VisibilityPrivate)}))(t)
	_, err := other.Marketplace.Get(c, p.ID)
	wantCode(t, err, client.ErrNotFound)
	if all := must(client.Collect(other.Marketplace.All(c)))(t); len(all) != 0 {
		t.Errorf("private product listed: %+v", all)
	}
}
