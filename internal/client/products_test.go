package client_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

func TestProducts(t *testing.T) {
	t.Parallel()
	e := setup(t, client.PlanPro)
	c := ctx(t)
	p := must(e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "shop", Name: "Shop", Description: "Sells.",
		Price: &client.PriceOptions{AmountCents: client.Ptr(int64(4900))}}))(t)
	if !strings.HasPrefix(p.ID, "prod_") || p.WorkspaceID != e.ws.ID || p.Visibility != client.VisibilityPrivate || p.Version != 1 ||
		p.Price != (client.Price{AmountCents: 4900, Currency: "usd", Interval: client.IntervalMonth}) || p.Paid() {
		t.Errorf("create: %+v", p)
	}
	must(e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "docs", Name: "Docs", Visibility: client.VisibilityListed}))(t)
	for _, ref := range []string{p.ID, "shop"} {
		if got := must(e.c.Products.Get(c, "acme", ref))(t); *got != *p {
			t.Errorf("get %q: %+v", ref, got)
		}
	}
	page := must(e.c.Products.List(c, "acme", client.ListOptions{PageSize: 1}))(t)
	all := must(client.Collect(e.c.Products.All(c, "acme")))(t)
	if len(page.Items) != 1 || page.NextPageToken == "" || len(all) != 2 || all[0].ID != p.ID {
		t.Errorf("list: %+v; all: %+v", page, all)
	}
	upd := must(e.c.Products.Update(c, "acme", "shop", client.ProductUpdateOptions{Slug: client.String("store"),
		Price: &client.PriceOptions{Interval: client.String(client.IntervalYear)}, IfVersion: p.Version}))(t)
	if upd.Slug != "store" || upd.Name != "Shop" || upd.Price.AmountCents != 4900 || upd.Price.Interval != "year" || upd.Version != 2 {
		t.Errorf("update: %+v", upd)
	}
	_, err := e.c.Products.Update(c, "acme", "store", client.ProductUpdateOptions{Name: client.String("x"), IfVersion: 1})
	wantCode(t, err, client.ErrAborted)

	// Listing it with its price needs charges enabled: this workspace has no Stripe account.
	_, err = e.c.Products.Update(c, "acme", "store", client.ProductUpdateOptions{Visibility: client.Ptr(client.VisibilityListed)})
	apiErr := wantCode(t, err, client.ErrFailedPrecondition)
	if !strings.Contains(apiErr.Message, "charges are not enabled") || apiErr.StatusCode != http.StatusConflict {
		t.Errorf("paid listing: %+v", apiErr)
	}
	// Bad input names every field.
	_, err = e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "Bad", Name: "x", Visibility: "public",
		Price: &client.PriceOptions{Currency: client.String("EUR")}})
	apiErr = wantCode(t, err, client.ErrInvalidArgument)
	var fields []string
	for _, d := range apiErr.Details {
		fields = append(fields, d.Field)
	}
	if strings.Join(fields, ",") != "slug,visibility,price.currency" {
		t.Errorf("details: %v", fields)
	}
	// A dry run answers the product it would create and creates nothing.
	dry := must(e.c.Products.Create(client.WithValidateOnly(c), "acme", client.ProductCreateOptions{Slug: "dry", Name: "Dry"}))(t)
	if dry.ID != "" || dry.Slug != "dry" {
		t.Errorf("dry run: %+v", dry)
	}
	_, err = e.c.Products.Get(c, "acme", "dry")
	wantCode(t, err, client.ErrNotFound)

	if err := e.c.Products.Delete(c, "acme", "store", upd.Version); err != nil {
		t.Fatal(err)
	}
	_, err = e.c.Products.Get(c, "acme", p.ID)
	if !errors.Is(err, client.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
	// An empty reference is refused before any request.
	if _, err = e.c.Products.Get(c, "acme", ""); !errors.Is(err, client.ErrInvalidArgument) {
		t.Errorf("empty product: %v", err)
	}
}

func TestProductsQuota(t *testing.T) {
	t.Parallel()
	e := setup(t, "")
	c := ctx(t)
	must(e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "one", Name: "One"}))(t)
	_, err := e.c.Products.Create(c, "acme", client.ProductCreateOptions{Slug: "two", Name: "Two"})
	apiErr := wantCode(t, err, client.ErrQuotaExceeded)
	if !strings.Contains(apiErr.Message, "free plan allows 1 product") {
		t.Errorf("quota: %+v", apiErr)
	}
	_, err = e.c.Products.Update(c, "acme", "one", client.ProductUpdateOptions{Visibility: client.Ptr(client.VisibilityListed),
		Price: &client.PriceOptions{AmountCents: client.Ptr(int64(100))}})
	apiErr = wantCode(t, err, client.ErrQuotaExceeded)
	if !strings.Contains(apiErr.Message, "paid listed products are not allowed on the free plan") {
		t.Errorf("paid listing on free: %+v", apiErr)
	}
}
