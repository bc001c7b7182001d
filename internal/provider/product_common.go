package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// What products, releases and the marketplace share (docs/platform.md section 11): the price
// object and the field rules of products and releases, restated from the server for plan time
// (validators_sync_test.go keeps them equal).

// Limits and patterns of products and releases.
const (
	maxPriceCents = 100_000_000
	tagMaxLen     = 64
	chartMaxLen   = 512
	notesMaxLen   = 10000
	semverPattern = `^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`
)

var (
	semverRegexp   = regexp.MustCompile(semverPattern)
	ociChartRegexp = regexp.MustCompile(`^oci://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9._-]+)+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	httpsChart     = regexp.MustCompile(`^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~%-]+)*/[A-Za-z0-9._~%-]+\.tgz$`)
	currencyRegexp = regexp.MustCompile(`^[a-z]{3}$`)
)

var (
	visibilities   = []string{string(client.VisibilityPrivate), string(client.VisibilityListed)}
	priceIntervals = []string{client.IntervalMonth, client.IntervalYear}
)

// defaultPrice is the API's default: free, in US dollars, per month.
var defaultPrice = client.Price{AmountCents: 0, Currency: "usd", Interval: client.IntervalMonth}

// priceAttrTypes are the attributes of a price object.
var priceAttrTypes = map[string]attr.Type{
	"amount_cents": types.Int64Type, "currency": types.StringType, "interval": types.StringType,
}

// priceValue is a price as a Terraform object.
func priceValue(p client.Price) types.Object {
	return types.ObjectValueMust(priceAttrTypes, map[string]attr.Value{
		"amount_cents": types.Int64Value(p.AmountCents),
		"currency":     types.StringValue(p.Currency),
		"interval":     types.StringValue(p.Interval),
	})
}

// priceDescription describes a price object's attributes.
var priceDescriptions = map[string]string{
	"amount_cents": fmt.Sprintf("Price in the currency's smallest unit (cents), 0-%d; 0 is free.", maxPriceCents),
	"currency":     "ISO 4217 currency code in lower case, such as `usd` or `eur`.",
	"interval":     "Billing interval: `month` or `year`.",
}

// priceDataAttribute is a computed price, for data sources.
func priceDataAttribute() dschema.SingleNestedAttribute {
	attrs := map[string]dschema.Attribute{
		"amount_cents": dschema.Int64Attribute{Computed: true, MarkdownDescription: priceDescriptions["amount_cents"]},
	}
	for _, name := range []string{"currency", "interval"} {
		attrs[name] = dschema.StringAttribute{Computed: true, MarkdownDescription: priceDescriptions[name]}
	}
	return dschema.SingleNestedAttribute{Computed: true, MarkdownDescription: "What the product costs per interval.", Attributes: attrs}
}

// oneOfValidator requires one of values, naming them in the message.
func oneOfValidator(values ...string) validator.String {
	rule := "must be one of " + strings.Join(values, ", ")
	return ruleValidator{rule, func(s string) string {
		if slices.Contains(values, s) {
			return ""
		}
		return rule
	}}
}

// currencyValidator checks a price's currency: three lower-case letters.
func currencyValidator() validator.String {
	const rule = "must be an ISO 4217 currency code in lower case, such as usd or eur"
	return ruleValidator{rule, func(s string) string {
		if currencyRegexp.MatchString(s) {
			return ""
		}
		return rule
	}}
}

// tagValidator checks a release tag: a semantic version.
func tagValidator() validator.String {
	rule := fmt.Sprintf("must be a semantic version MAJOR.MINOR.PATCH or MAJOR.MINOR.PATCH-pre, such as 1.4.0, at most %d characters", tagMaxLen)
	return ruleValidator{rule, func(s string) string {
		if len(s) > tagMaxLen || !semverRegexp.MatchString(s) {
			return rule
		}
		return ""
	}}
}

// chartValidator checks a chart reference: oci://host/path:tag or an https:// URL of a .tgz.
func chartValidator() validator.String {
	rule := fmt.Sprintf("must be oci://host/path:tag or an https:// URL ending in .tgz, at most %d characters", chartMaxLen)
	return ruleValidator{rule, func(s string) string {
		if len(s) > chartMaxLen || !(ociChartRegexp.MatchString(s) || httpsChart.MatchString(s)) {
			return rule
		}
		return ""
	}}
}

// notesValidator checks a release's notes.
func notesValidator() validator.String {
	rule := fmt.Sprintf("must be at most %d characters", notesMaxLen)
	return ruleValidator{rule, func(s string) string {
		switch {
		case !utf8.ValidString(s):
			return "must be valid UTF-8"
		case utf8.RuneCountInString(s) > notesMaxLen:
			return rule
		}
		return ""
	}}
}
