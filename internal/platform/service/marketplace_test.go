package service_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// The marketplace (docs/platform.md section 11): listed products of every workspace, for any
// authenticated caller.

func marketplaceTags(p *service.MarketplaceProduct) []string {
	tags := make([]string, len(p.Releases))
	for i, r := range p.Releases {
		tags[i] = r.Tag
	}
	return tags
}

func TestMarketplace_ListedProductsForAnyCaller(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	vendor := f.team(platform.PlanPro)
	shop := f.product(vendor.ws, vendor.owner, service.ProductInput{Slug: "shop", Name: "Shop", Description: "Sells.",
		Visibility: platform.VisibilityListed, Price: &service.PriceInput{Currency: new("eur")}})
	hidden := f.product(vendor.ws, vendor.owner, service.ProductInput{Slug: "internal", Name: "Internal"})
	for _, tag := range []string{"1.10.0", "1.2.0", "2.0.0-rc.2", "2.0.0-rc.10", "2.0.0", "1.9.9", "0.1.0"} {
		f.release(vendor.ws, vendor.owner, "shop", tag)
	}
	f.release(vendor.ws, vendor.owner, "internal", "1.0.0")
	_, err := f.svc.UpdateRelease(f.ctx, vendor.owner, vendor.ws.Slug, "shop", "1.9.9", service.ReleasePatch{Yanked: new(true)}, 0)
	must(t, err)
	customer := f.workspace(f.newUser("customer"), platform.PlanFree)
	f.storeInstallation(customer, shop.ID, "1.10.0")

	// Anyone authenticated: a user of no workspace, another workspace's key, the vendor's viewer.
	stranger := f.newUser("stranger")
	otherOwner := f.newUser("other")
	other := f.workspace(otherOwner, platform.PlanFree)
	_, otherKey := f.apiKey(other, otherOwner, platform.AccessReadOnly)
	for name, caller := range map[string]*platform.Principal{"user of no workspace": stranger, "read_only key of another workspace": otherKey,
		"vendor's viewer": vendor.viewer} {
		t.Run(name, func(t *testing.T) {
			page, err := f.svc.ListMarketplaceProducts(f.ctx, caller, service.ListOptions{})
			must(t, err)
			if len(page.Items) != 1 || page.Items[0].ID != shop.ID {
				t.Fatalf("marketplace lists %+v, want only %s", page.Items, shop.ID)
			}
			got, err := f.svc.GetMarketplaceProduct(f.ctx, caller, shop.ID)
			must(t, err)
			if !slices.Equal(marketplaceTags(got), marketplaceTags(&page.Items[0])) {
				t.Errorf("get and list differ: %v vs %v", marketplaceTags(got), marketplaceTags(&page.Items[0]))
			}
			// Highest semantic version first (numerically, a release after its pre-releases),
			// yanked releases left out.
			if want := []string{"2.0.0", "2.0.0-rc.10", "2.0.0-rc.2", "1.10.0", "1.2.0", "0.1.0"}; !slices.Equal(marketplaceTags(got), want) {
				t.Errorf("releases %v, want %v", marketplaceTags(got), want)
			}
			if got.Slug != "shop" || got.Name != "Shop" || got.Description != "Sells." || got.Visibility != platform.VisibilityListed ||
				got.Price.Currency != "eur" || got.InstallCount != 1 || got.Version != shop.Version || !got.CreatedAt.Equal(shop.CreatedAt) {
				t.Errorf("marketplace product: %+v", got)
			}
			if r := got.Releases[0]; r.Chart != "oci://charts.example.com/shop:2.0.0" || r.Notes != "Release 2.0.0" {
				t.Errorf("release: %+v", r)
			}
			// Nothing about the vendor: not even its workspace id.
			b, err := json.Marshal(got)
			must(t, err)
			if strings.Contains(string(b), "workspace_id") || strings.Contains(string(b), vendor.ws.ID) {
				t.Errorf("marketplace answer shows the vendor: %s", b)
			}
			// A private product is not found, exactly like a missing one.
			_, err = f.svc.GetMarketplaceProduct(f.ctx, caller, hidden.ID)
			wantCode(t, err, platform.CodeNotFound, "product")
			_, err = f.svc.GetMarketplaceProduct(f.ctx, caller, "prod_missing")
			wantCode(t, err, platform.CodeNotFound, "product")
		})
	}

	// Making the listed product private takes it off the marketplace; listing another adds it.
	_, err = f.svc.UpdateProduct(f.ctx, vendor.owner, vendor.ws.Slug, "shop", service.ProductPatch{Visibility: new(platform.VisibilityPrivate)}, 0)
	must(t, err)
	_, err = f.svc.UpdateProduct(f.ctx, vendor.owner, vendor.ws.Slug, "internal", service.ProductPatch{Visibility: new(platform.VisibilityListed)}, 0)
	must(t, err)
	_, err = f.svc.GetMarketplaceProduct(f.ctx, stranger, shop.ID)
	wantCode(t, err, platform.CodeNotFound)
	page, err := f.svc.ListMarketplaceProducts(f.ctx, stranger, service.ListOptions{})
	must(t, err)
	if len(page.Items) != 1 || page.Items[0].ID != hidden.ID || !slices.Equal(marketplaceTags(&page.Items[0]), []string{"1.0.0"}) {
		t.Errorf("marketplace after the changes: %+v", page.Items)
	}
}

func TestMarketplace_PagesAcrossWorkspaces(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	var want []string
	for range 3 {
		owner := f.newUser("vendor")
		ws := f.workspace(owner, platform.PlanFree)
		p := f.product(ws, owner, service.ProductInput{Slug: "shop", Name: "Shop", Visibility: platform.VisibilityListed})
		want = append(want, p.ID)
	}
	reader := f.newUser("reader")
	var got []string
	opts := service.ListOptions{PageSize: 2}
	for {
		page, err := f.svc.ListMarketplaceProducts(f.ctx, reader, opts)
		must(t, err)
		for _, p := range page.Items {
			got = append(got, p.ID)
			if p.Releases == nil {
				t.Errorf("%s: releases is nil, want an empty list", p.ID)
			}
		}
		if page.Next == 0 {
			break
		}
		opts.After = page.Next
	}
	if !slices.Equal(got, want) {
		t.Errorf("marketplace pages: %v, want %v in creation order", got, want)
	}
	_, err := f.svc.ListMarketplaceProducts(f.ctx, reader, service.ListOptions{PageSize: service.MaxPageSize + 1})
	wantFields(t, err, "page_size")
}
