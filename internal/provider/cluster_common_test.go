package provider

import "testing"

func TestCompareKubernetesVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1.30", "1.31", -1},
		{"1.31", "1.31", 0},
		{"1.10", "1.9", 1}, // numeric, not lexical
		{"2.0", "1.33", 1},
		{"1.31.2", "1.31", 0}, // malformed: never a downgrade error (the validator reports it)
		{"01.31", "1.30", 0},
	} {
		if got := compareKubernetesVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("compareKubernetesVersions(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
