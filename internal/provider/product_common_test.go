package provider

import (
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// Inputs and domain rules of products and releases for validators_sync_test.go.

// productSyncStrings are the inputs that exercise the rules of products and releases:
// currencies, intervals, visibilities, semantic versions and chart references.
func productSyncStrings() []string {
	rep := strings.Repeat
	return []string{
		"usd", "eur", "USD", "Usd", "us", "usdd", "u$d", "€", "month", "year", "Month", "week", "yearly",
		"private", "listed", "public", "Listed",
		"1.4.0", "0.0.0", "10.20.30", "1.4.0-rc.1", "1.4.0-rc.1.2", "1.4.0-alpha-1", "1.4.0-0", "1.4.0-", "1.4",
		"v1.4.0", "01.4.0", "1.04.0", "1.4.00", "1.4.0+build", "1.4.0-rc..1", "1.4.0-ünï", "1.4.0 ", "-1.4.0",
		"1.0.0-" + rep("a", 58), "1.0.0-" + rep("a", 59),
		"oci://charts.example.com/shop:1.4.0", "oci://localhost:5000/a/b:tag", "oci://charts.example.com/a_b/c.d:v1",
		"oci://Charts.example.com/shop:1", "oci://charts.example.com:1.4.0", "oci://charts.example.com/shop", "oci://x",
		"oci://charts.example.com/Shop:1", "oci://charts.example.com/shop:-1", "oci://-charts.example.com/shop:1",
		"https://charts.example.com/shop-1.4.0.tgz", "https://charts.example.com/a/b/shop-1.4.0.tgz", "https://charts.example.com:8443/s.tgz",
		"https://charts.example.com/shop.tar.gz", "http://charts.example.com/shop-1.4.0.tgz", "https://charts.example.com/a b.tgz",
		"https://charts.example.com/.tgz", "https://charts.example.com/shop.tgz?x=1", "ftp://charts.example.com/shop.tgz",
		"oci://c.example.com/" + rep("p", 478) + ":1", "oci://c.example.com/" + rep("p", 479) + ":1",
		rep("n", 10000), rep("n", 10001), rep("ü", 10000), rep("ü", 10001), "Line one.\nLine two.\tTabbed.", "a\x00b",
	}
}

// validProduct is a product the domain accepts; each case changes one field.
func validProduct() platform.Product {
	return platform.Product{Slug: "shop", Name: "Shop", Visibility: platform.VisibilityPrivate, Price: platform.DefaultPrice()}
}

func productRefuses(field string, set func(p *platform.Product)) bool {
	p := validProduct()
	set(&p)
	return refuses(p.Validate(), field)
}

func releaseRefuses(field string, set func(r *platform.Release)) bool {
	r := platform.Release{Tag: "1.4.0", Chart: "oci://charts.example.com/shop:1.4.0"}
	set(&r)
	return refuses(r.Validate(), field)
}
