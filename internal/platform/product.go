package platform

import (
	"regexp"
)

// Visibility says who may install a product.
type Visibility string

// Visibilities: private (only its own workspace installs it) or listed (any workspace can).
const (
	VisibilityPrivate Visibility = "private"
	VisibilityListed  Visibility = "listed"
)

// Visibilities lists the visibilities.
var Visibilities = []Visibility{VisibilityPrivate, VisibilityListed}

// Price intervals.
const (
	IntervalMonth = "month"
	IntervalYear  = "year"
)

// MaxPriceCents bounds a product's price (one million in the currency's main unit).
const MaxPriceCents = 100_000_000

var currencyPattern = regexp.MustCompile(`^[a-z]{3}$`)

// Price is what a product costs per interval; 0 is free.
type Price struct {
	AmountCents int64  `json:"amount_cents"`
	Currency    string `json:"currency"`
	Interval    string `json:"interval"`
}

// DefaultPrice is free, in US dollars, per month.
func DefaultPrice() Price { return Price{AmountCents: 0, Currency: "usd", Interval: IntervalMonth} }

// Product is a sellable software package a workspace publishes (docs/platform.md section 11).
type Product struct {
	ID          string     `json:"id"`
	WorkspaceID string     `json:"workspace_id"`
	Slug        string     `json:"slug"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Visibility  Visibility `json:"visibility"`
	Price       Price      `json:"price"`
	// InstallCount is how many installations, in any workspace, run one of its releases.
	InstallCount int `json:"install_count"`
	Meta
}

// Paid reports whether the product is listed with a price: that needs a plan allowing paid
// listed products and the workspace's Stripe account with charges enabled.
func (p *Product) Paid() bool { return p.Visibility == VisibilityListed && p.Price.AmountCents > 0 }

// Validate checks a product's own fields.
func (p *Product) Validate() error {
	var v Violations
	ValidateSlug(&v, "slug", p.Slug)
	ValidateDisplayName(&v, "name", p.Name)
	ValidateDescription(&v, "description", p.Description)
	ValidateEnum(&v, "visibility", p.Visibility, Visibilities...)
	if p.Price.AmountCents < 0 || p.Price.AmountCents > MaxPriceCents {
		v.Addf("price.amount_cents", "must be 0-%d", MaxPriceCents)
	}
	if !currencyPattern.MatchString(p.Price.Currency) {
		v.Add("price.currency", "must be an ISO 4217 currency code in lower case, such as usd or eur")
	}
	ValidateEnum(&v, "price.interval", p.Price.Interval, IntervalMonth, IntervalYear)
	return v.Err()
}
