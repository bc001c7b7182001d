package platform

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestCountriesAreTheAssignedCodes(t *testing.T) {
	n := 0
	for first, seconds := range countries {
		for i := 0; i < len(seconds); i++ {
			if !IsCountry(string([]byte{first, seconds[i]})) {
				t.Errorf("%c%c is listed but not a country", first, seconds[i])
			}
			n++
		}
	}
	if n != 249 {
		t.Errorf("%d codes, want the 249 assigned ones", n)
	}
	// The time zone database lists every assigned code: compare when it is installed.
	f, err := os.Open("/usr/share/zoneinfo/iso3166.tab")
	if err != nil {
		t.Log("no iso3166.tab to compare with:", err)
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	seen := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		code, _, _ := strings.Cut(line, "\t")
		seen++
		if !IsCountry(code) {
			t.Errorf("%s is in iso3166.tab but refused", code)
		}
	}
	if seen != n {
		t.Errorf("iso3166.tab lists %d codes, the list %d", seen, n)
	}
}

func TestValidateCountry(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"US", ""}, {"DE", ""}, {"GB", ""}, {"AX", ""}, {"ZW", ""},
		{"", "is required"},
		{"USA", `two letters such as US or DE, not "USA"`},
		{"U1", "two letters"},
		{"us", "must be upper case: US, not us"},
		{"De", "must be upper case: DE, not De"},
		{"UK", "the United Kingdom is GB"},
		{"XX", "XX is not an assigned ISO 3166-1 alpha-2 country code"},
		{"EU", "EU is not an assigned"},
		{"AA", "AA is not an assigned"},
	} {
		var v Violations
		ValidateCountry(&v, "country", tc.in)
		switch {
		case tc.want == "" && len(v) > 0:
			t.Errorf("%q: refused: %v", tc.in, v)
		case tc.want != "" && (len(v) != 1 || v[0].Field != "country" || !strings.Contains(v[0].Reason, tc.want)):
			t.Errorf("%q: got %v, want country: ...%s...", tc.in, v, tc.want)
		}
	}
}

func TestStripeAccountValidate(t *testing.T) {
	a := StripeAccount{Country: "US", BusinessType: BusinessCompany, Email: "billing@example.com", Status: StripeOnboarding}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := StripeAccount{Country: "us", BusinessType: "person", Email: "billing", Status: StripeOnboarding}
	err := bad.Validate()
	for _, want := range []string{"country", "business_type", "must be one of individual, company", "email"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want it to name %s", err, want)
		}
	}
	if !(&StripeAccount{Email: "restricted+1@example.com"}).OnboardingRestricted() ||
		(&StripeAccount{Email: "billing@restricted.example"}).OnboardingRestricted() {
		t.Error("only an e-mail starting with restricted ends onboarding restricted")
	}
}
