package platform

import (
	"strings"
)

// KubernetesVersions are the supported Kubernetes versions (MAJOR.MINOR), oldest first.
// GET /v1/kubernetes-versions serves this list; clusters may only use one of them.
var KubernetesVersions = []string{"1.29", "1.30", "1.31", "1.32", "1.33"}

// ValidateKubernetesVersion requires s to be one of KubernetesVersions.
func ValidateKubernetesVersion(v *Violations, field, s string) {
	for _, k := range KubernetesVersions {
		if s == k {
			return
		}
	}
	v.Add(field, "must be one of "+strings.Join(KubernetesVersions, ", "))
}

// CompareKubernetesVersions compares two MAJOR.MINOR versions numerically (1.9 < 1.10) and
// returns -1, 0 or 1. A well-formed version is two decimal numbers without leading zeros, so
// 0 means a == b. Malformed versions sort before every well-formed one and among themselves by
// byte order, which keeps the order total (sorts and "versions only go up" stay consistent).
func CompareKubernetesVersions(a, b string) int {
	amaj, amin, aok := splitKubernetesVersion(a)
	bmaj, bmin, bok := splitKubernetesVersion(b)
	switch {
	case !aok && !bok:
		return strings.Compare(a, b)
	case !aok:
		return -1
	case !bok:
		return 1
	}
	if c := compareDecimal(amaj, bmaj); c != 0 {
		return c
	}
	return compareDecimal(amin, bmin)
}

// splitKubernetesVersion splits "MAJOR.MINOR" into its two numbers (as digit strings).
func splitKubernetesVersion(s string) (major, minor string, ok bool) {
	major, minor, found := strings.Cut(s, ".")
	if !found || !isCanonicalDecimal(major) || !isCanonicalDecimal(minor) {
		return "", "", false
	}
	return major, minor, true
}

// isCanonicalDecimal reports whether s is a non-negative decimal number without leading zeros.
func isCanonicalDecimal(s string) bool {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// compareDecimal compares canonical decimal strings without converting them, so no input can
// overflow: a longer number is larger, equal lengths compare digit by digit.
func compareDecimal(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}
