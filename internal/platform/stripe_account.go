package platform

import (
	"strings"
)

// Stripe account statuses and business types (docs/platform.md section 12).
const (
	StripeOnboarding = "onboarding"
	StripeActive     = "active"
	StripeRestricted = "restricted"

	BusinessIndividual = "individual"
	BusinessCompany    = "company"

	// RestrictedEmailPrefix is the fault injection of onboarding: an account whose e-mail starts
	// with it ends onboarding restricted, charges and payouts disabled.
	RestrictedEmailPrefix = "restricted"
)

// StripeAccount is a workspace's connected Stripe account (one per workspace): it takes the
// payments of the workspace's paid listed products. Its onboarding link is not part of it: the
// service derives it on every answer, so it is never stored (docs/platform.md section 12).
type StripeAccount struct {
	ID             string `json:"id"`
	WorkspaceID    string `json:"workspace_id"`
	Country        string `json:"country"`
	BusinessType   string `json:"business_type"`
	Email          string `json:"email"`
	Status         string `json:"status"`
	ChargesEnabled bool   `json:"charges_enabled"`
	PayoutsEnabled bool   `json:"payouts_enabled"`
	Meta
}

// Validate checks a Stripe account's own fields. The e-mail is expected normalized
// (NormalizeEmail).
func (a *StripeAccount) Validate() error {
	var v Violations
	ValidateCountry(&v, "country", a.Country)
	ValidateEnum(&v, "business_type", a.BusinessType, BusinessIndividual, BusinessCompany)
	ValidateEmail(&v, "email", a.Email)
	ValidateEnum(&v, "status", a.Status, StripeOnboarding, StripeActive, StripeRestricted)
	return v.Err()
}

// OnboardingRestricted tells whether onboarding with this e-mail ends restricted (the fault
// injection of section 12).
func (a *StripeAccount) OnboardingRestricted() bool {
	return strings.HasPrefix(NormalizeEmail(a.Email), RestrictedEmailPrefix)
}

// countries are the officially assigned ISO 3166-1 alpha-2 codes (249), by first letter: the
// second letters of each.
var countries = map[byte]string{
	'A': "DEFGILMOQRSTUWXZ", 'B': "ABDEFGHIJLMNOQRSTVWYZ", 'C': "ACDFGHIKLMNORUVWXYZ", 'D': "EJKMOZ",
	'E': "CEGHRST", 'F': "IJKMOR", 'G': "ABDEFGHILMNPQRSTUWY", 'H': "KMNRTU", 'I': "DELMNOQRST",
	'J': "EMOP", 'K': "EGHIMNPRWYZ", 'L': "ABCIKRSTUVY", 'M': "ACDEFGHKLMNOPQRSTUVWXYZ",
	'N': "ACEFGILOPRUZ", 'O': "M", 'P': "AEFGHKLMNRSTWY", 'Q': "A", 'R': "EOSUW",
	'S': "ABCDEGHIJKLMNORSTVXYZ", 'T': "CDFGHJKLMNORTVWZ", 'U': "AGMSYZ", 'V': "ACEGINU", 'W': "FS",
	'Y': "ET", 'Z': "AMW",
}

// IsCountry reports whether code is an assigned ISO 3166-1 alpha-2 code, in upper case.
func IsCountry(code string) bool {
	if len(code) != 2 || code[1] < 'A' || code[1] > 'Z' {
		return false
	}
	return strings.IndexByte(countries[code[0]], code[1]) >= 0
}

// ValidateCountry requires an assigned ISO 3166-1 alpha-2 code in upper case, and says what is
// wrong: the length, the letters, the case, or that the code is not assigned.
func ValidateCountry(v *Violations, field, s string) {
	switch {
	case s == "":
		v.Add(field, "is required: an ISO 3166-1 alpha-2 country code such as US or DE")
	case len(s) != 2 || !isASCIILetter(s[0]) || !isASCIILetter(s[1]):
		v.Addf(field, "must be an ISO 3166-1 alpha-2 country code: two letters such as US or DE, not %q", s)
	case s != strings.ToUpper(s):
		v.Addf(field, "must be upper case: %s, not %s", strings.ToUpper(s), s)
	case s == "UK":
		v.Add(field, "UK is not an assigned ISO 3166-1 alpha-2 code: the United Kingdom is GB")
	case !IsCountry(s):
		v.Addf(field, "%s is not an assigned ISO 3166-1 alpha-2 country code", s)
	}
}
