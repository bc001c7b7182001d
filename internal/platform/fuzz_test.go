package platform

import (
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math/big"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The fuzz targets compare the hand-written validators with independent oracles (mostly the
// regular expressions quoted in the reasons), so they check the rules, not just "no panic".
// Their seed corpora run in every `go test`; `make fuzz` explores further.

var (
	fuzzSlugRE        = regexp.MustCompile(SlugPattern)
	fuzzNodePoolRE    = regexp.MustCompile(NodePoolPattern)
	fuzzMachineTypeRE = regexp.MustCompile(MachineTypePattern)
	fuzzSettingKeyRE  = regexp.MustCompile(SettingKeyPattern)
)

// fuzzOneViolation fails unless v is empty or holds one violation per field, with a reason.
func fuzzOneViolation(t *testing.T, v Violations) {
	t.Helper()
	seen := map[string]bool{}
	for _, fv := range v {
		if fv.Reason == "" || seen[fv.Field] {
			t.Fatalf("violations %+v: empty reason or two on one field", v)
		}
		seen[fv.Field] = true
	}
}

func FuzzValidateSlug(f *testing.F) {
	for _, s := range []string{"acme", "a", "ab", "abc", "a-b", "a--b", "-ab", "ab-", "1ab", "Acme", "my_app",
		"api", "admin", "new", "settings", "v1", "café", "ab\xff", strings.Repeat("a", 40), strings.Repeat("a", 41), ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := len(s) >= SlugMinLen && len(s) <= SlugMaxLen && fuzzSlugRE.MatchString(s) &&
			!strings.Contains(s, "--") && !slices.Contains(ReservedSlugs, s)
		for _, fn := range []func(*Violations, string, string){ValidateSlug, ValidateResourceName} {
			var v Violations
			fn(&v, "slug", s)
			if got := len(v) == 0; got != want {
				t.Fatalf("%q: accepted = %v, want %v (violations %+v)", s, got, want, v)
			}
			if !want && (len(v) != 1 || v[0].Field != "slug" || v[0].Reason == "") {
				t.Fatalf("%q: want one violation on slug, got %+v", s, v)
			}
		}
	})
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"alice@example.com", "Alice@Example.COM", "a@b", "a@b.c", "a@[1.2.3.4]",
		`"a b"@example.com`, "Alice <a@example.com>", "a@b.c (x)", "a\u00a0@b.c", "a@b.c\u0085", "jörg@exämple.de",
		"İ@example.com", "admin@localhost", "admin@localhostx", "a..b@c.d", "a@b@c.d", "", " a@b.c", "=?utf-8?q?a?=@b.c", strings.Repeat("a", 250) + "@b.cd"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeEmail(s)
		if NormalizeEmail(n) != n {
			t.Fatalf("NormalizeEmail is not idempotent on %q: %q then %q", s, n, NormalizeEmail(n))
		}
		var v Violations
		ValidateEmail(&v, "email", s)
		if len(v) > 0 {
			if len(v) != 1 || v[0].Field != "email" || v[0].Reason == "" {
				t.Fatalf("%q: want one violation on email, got %+v", s, v)
			}
			return
		}
		// Accepted: a plain, bounded address that parses to itself.
		if len(s) > EmailMaxLen || !utf8.ValidString(s) {
			t.Fatalf("accepted %q: too long or invalid UTF-8", s)
		}
		if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
			t.Fatalf("accepted %q with white space or a control character", s)
		}
		addr, err := mail.ParseAddress(s)
		if err != nil || addr.Name != "" || addr.Address != s {
			t.Fatalf("accepted %q, but net/mail gives %+v, %v", s, addr, err)
		}
		local, domain, _ := strings.Cut(s, "@")
		dotted := strings.Contains(domain, ".") || strings.EqualFold(domain, "localhost")
		if local == "" || !dotted || strings.HasPrefix(domain, "[") {
			t.Fatalf("accepted %q without a local part or a dotted host name (or localhost)", s)
		}
		// Nothing to trim, so normalising only lower-cases (the stored form is predictable).
		if n != strings.ToLower(s) {
			t.Fatalf("NormalizeEmail(%q) = %q, want the lower-cased input", s, n)
		}
		// Lower-casing an ASCII address keeps it valid, so normalising before validating
		// never turns a good address into a bad one.
		if isASCII(s) {
			var v2 Violations
			ValidateEmail(&v2, "email", n)
			if len(v2) != 0 {
				t.Fatalf("%q accepted but its normal form %q is not: %+v", s, n, v2)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fuzzPoolValid is the oracle for one pool's own fields.
func fuzzPoolValid(p NodePool) bool {
	return fuzzNodePoolRE.MatchString(p.Name) && !strings.Contains(p.Name, "--") &&
		len(p.MachineType) <= MachineTypeMaxLen && fuzzMachineTypeRE.MatchString(p.MachineType) &&
		p.MinNodes >= 0 && p.MinNodes <= p.MaxNodes && p.MaxNodes >= 1 && p.MaxNodes <= MaxNodesPerPool
}

func FuzzValidateNodePools(f *testing.F) {
	f.Add(uint8(1), "default", "m5.large", 1, 3, "gpu", "g4dn.xlarge", 0, 2)
	f.Add(uint8(2), "default", "m5.large", 1, 3, "gpu", "g4dn.xlarge", 0, 2)
	f.Add(uint8(2), "a", "x", 0, 1, "a", "x", 0, 1)        // duplicate names
	f.Add(uint8(1), "a", "x", 5, 4, "b", "y", -1, 0)       // min > max
	f.Add(uint8(1), "a", "x", 0, 1000, "b", "y", 0, 1001)  // max bound
	f.Add(uint8(0), "a", "x", 0, 1, "b", "y", 0, 1)        // no pools
	f.Add(uint8(128+1), "a", "x", 0, 1, "b", "y", 0, 1)    // 10 pools
	f.Add(uint8(128+2), "a", "x", 0, 1, "b", "y", 0, 1)    // 11 pools
	f.Add(uint8(1), "A", "X", -1<<62, 1<<62, "", "", 0, 0) // extremes
	f.Add(uint8(2), "a--b", ".x", 0, 1, "b-", "x y", 2, 2) // patterns
	f.Add(uint8(1), strings.Repeat("a", 40), strings.Repeat("m", 64), 0, 1, "b", "y", 0, 1)
	f.Fuzz(func(t *testing.T, shape uint8, n1, m1 string, min1, max1 int, n2, m2 string, min2, max2 int) {
		pools := []NodePool{{n1, m1, min1, max1}, {n2, m2, min2, max2}}[:shape%3]
		if shape >= 128 {
			// Pad with valid pools to cross the 10-pool limit.
			for i := range 9 {
				pools = append(pools, NodePool{Name: "pad-" + strconv.Itoa(i), MachineType: "m", MaxNodes: 1})
			}
		}
		want := len(pools) >= 1 && len(pools) <= MaxNodePools
		names := map[string]bool{}
		for _, p := range pools {
			want = want && fuzzPoolValid(p) && !names[p.Name]
			names[p.Name] = true
		}
		var v Violations
		ValidateNodePools(&v, "node_pools", pools)
		if got := len(v) == 0; got != want {
			t.Fatalf("%+v: accepted = %v, want %v (violations %+v)", pools, got, want, v)
		}
		fuzzOneViolation(t, v)
		for _, fv := range v {
			if fv.Field != "node_pools" && !strings.HasPrefix(fv.Field, "node_pools[") {
				t.Fatalf("violation on unexpected field %q", fv.Field)
			}
		}
	})
}

func FuzzValidateSettings(f *testing.F) {
	f.Add("team", "platform", "cost-center", "42", false)
	f.Add("team", "platform", "cost-center", "42", true)
	f.Add("", "v", "1a", "v", false)
	f.Add("a.b_c-D", strings.Repeat("x", 1024), "k", strings.Repeat("x", 1025), false)
	f.Add(strings.Repeat("k", 64), "\xff", strings.Repeat("k", 65), "€", false)
	f.Add("same", "1", "same", "2", true)
	f.Add("équipe", "v", "k\x00", "v", false)
	f.Fuzz(func(t *testing.T, k1, v1, k2, v2 string, many bool) {
		m := map[string]string{k1: v1, k2: v2}
		if many {
			// 49 valid keys more: exactly at the 50-key limit when k1 == k2, past it otherwise.
			for i := range 49 {
				m["pad"+strconv.Itoa(i)] = ""
			}
		}
		want := len(m) <= MaxSettings
		for k, val := range m {
			want = want && len(k) <= SettingKeyMaxLen && fuzzSettingKeyRE.MatchString(k) &&
				utf8.ValidString(val) && utf8.RuneCountInString(val) <= SettingValueMaxLen
		}
		var v Violations
		ValidateSettings(&v, "settings", m)
		if got := len(v) == 0; got != want {
			t.Fatalf("%d keys (%q, %q): accepted = %v, want %v (violations %+v)", len(m), k1, k2, got, want, v)
		}
		for _, fv := range v {
			if fv.Field != "settings" && !strings.HasPrefix(fv.Field, "settings.") {
				t.Fatalf("violation on unexpected field %q", fv.Field)
			}
		}
		// Deterministic whatever the map order.
		var again Violations
		ValidateSettings(&again, "settings", m)
		if fmt.Sprint(again) != fmt.Sprint(v) {
			t.Fatalf("not deterministic: %+v then %+v", v, again)
		}
	})
}

func FuzzParseRFC3339(f *testing.F) {
	for _, s := range []string{"", "2030-01-02T15:04:05Z", "2030-01-02T17:04:05+02:00", "2030-01-02T15:04:05.123456789Z",
		"2030-01-02", "9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+01:00", "2030-02-30T00:00:00Z",
		"2030-01-02T15:04:05+24:00", "2030-01-02t15:04:05z", "tomorrow"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v Violations
		got := ParseRFC3339(&v, "expires_at", s)
		if s == "" {
			if got != nil || len(v) != 0 {
				t.Fatalf("empty input: got %v, %+v; want nil and no violation", got, v)
			}
			return
		}
		_, parseErr := time.Parse(time.RFC3339, s)
		if got == nil {
			if len(v) != 1 || v[0].Field != "expires_at" {
				t.Fatalf("%q rejected without exactly one violation: %+v", s, v)
			}
			return
		}
		if len(v) != 0 || parseErr != nil {
			t.Fatalf("%q accepted with violations %+v or a parse error %v", s, v, parseErr)
		}
		if got.Location() != time.UTC {
			t.Fatalf("%q: location %v, want UTC", s, got.Location())
		}
		// An accepted time can always be written back, as RFC 3339 and as JSON.
		back, err := time.Parse(time.RFC3339Nano, got.Format(time.RFC3339Nano))
		if err != nil || !back.Equal(*got) {
			t.Fatalf("%q: %v does not round-trip: %v, %v", s, got, back, err)
		}
		if _, err := json.Marshal(got); err != nil {
			t.Fatalf("%q: %v cannot be encoded: %v", s, got, err)
		}
	})
}

// fuzzSecretOracle decides independently of SecretKind whether s is a well-formed secret:
// the checksum is decoded from base62 and compared with the CRC-32 of everything before "_".
func fuzzSecretOracle(s string) string {
	for _, kind := range []string{SecretPrefixAPIKey, SecretPrefixUserToken} {
		rest, ok := strings.CutPrefix(s, kind)
		if !ok {
			continue
		}
		body, sum, ok := strings.Cut(rest, "_")
		if !ok || len(body) != 43 || len(sum) != 6 {
			return ""
		}
		if strings.Trim(body+sum, base62Alphabet) != "" {
			return ""
		}
		var sumVal uint64
		for _, c := range []byte(sum) {
			sumVal = sumVal*62 + uint64(strings.IndexByte(base62Alphabet, c))
		}
		if sumVal != uint64(crc32.ChecksumIEEE([]byte(kind+body))) {
			return ""
		}
		return kind
	}
	return ""
}

// fuzzMutate changes the byte at pos of s to c; ok is false when that changes nothing.
func fuzzMutate(s string, pos uint, c byte) (string, bool) {
	i := int(pos % uint(len(s)))
	if s[i] == c {
		return s, false
	}
	b := []byte(s)
	b[i] = c
	return string(b), true
}

func FuzzSecretKind(f *testing.F) {
	api, tok := NewSecret(SecretPrefixAPIKey), NewSecret(SecretPrefixUserToken)
	f.Add(api, []byte{1, 2, 3}, uint(0), byte('x'))
	f.Add(tok, []byte{}, uint(5), byte('0'))
	f.Add(api[:len(api)-1], []byte{0xff, 0xff}, uint(46), byte('-'))
	f.Add(api+"0", []byte("body"), uint(52), byte('_'))
	f.Add("pk_", []byte(nil), uint(1), byte('t'))
	f.Add("", []byte(nil), uint(2), byte('_'))
	f.Add("pk_"+strings.Repeat("z", 43)+"_"+secretChecksum("pk_"+strings.Repeat("z", 43)), []byte{0}, uint(10), byte('Z'))
	f.Fuzz(func(t *testing.T, s string, seed []byte, pos uint, c byte) {
		// 1. Any string: accepted exactly when well-formed, and then of the kind it names.
		if got, want := SecretKind(s), fuzzSecretOracle(s); got != want {
			t.Fatalf("SecretKind(%q) = %q, oracle says %q", s, got, want)
		}

		// 2. A deterministic secret built from seed round-trips, and any single-byte change
		// anywhere (prefix, body, separator or checksum) is rejected.
		kind := []string{SecretPrefixAPIKey, SecretPrefixUserToken}[pos%2]
		if len(seed) > 32 {
			seed = seed[:32]
		}
		head := kind + base62(new(big.Int).SetBytes(seed), secretBodyLen)
		built := head + "_" + secretChecksum(head)
		if SecretKind(built) != kind {
			t.Fatalf("built secret %q rejected", built)
		}
		if m, changed := fuzzMutate(built, pos/2, c); changed && SecretKind(m) != "" {
			t.Fatalf("%q differs from %q in one byte but is accepted", m, built)
		}

		// 3. The same for a fresh random secret.
		fresh := NewSecret(kind)
		if SecretKind(fresh) != kind || len(fresh) != len(built) {
			t.Fatalf("NewSecret(%q) = %q does not round-trip", kind, fresh)
		}
		if m, changed := fuzzMutate(fresh, pos/2, c); changed && SecretKind(m) != "" {
			t.Fatalf("%q differs from a fresh secret in one byte but is accepted", m)
		}
	})
}

func FuzzCompareKubernetesVersions(f *testing.F) {
	f.Add("1.29", "1.30", "1.9")
	f.Add("1.9", "1.10", "2.0")
	f.Add("1.30", "1.30", "1.30.1")
	f.Add("", "bogus", "01.2")
	f.Add("0.0", "-1.0", "1.")
	f.Add("99999999999999999999.1", "99999999999999999999.10", "1.1")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		ab, ba := CompareKubernetesVersions(a, b), CompareKubernetesVersions(b, a)
		if ab < -1 || ab > 1 {
			t.Fatalf("Compare(%q, %q) = %d, want -1, 0 or 1", a, b, ab)
		}
		if ab != -ba {
			t.Fatalf("not antisymmetric: Compare(%q, %q) = %d, Compare(%q, %q) = %d", a, b, ab, b, a, ba)
		}
		if (ab == 0) != (a == b) {
			t.Fatalf("Compare(%q, %q) = %d, but 0 must mean equal strings", a, b, ab)
		}
		// Transitivity, in whichever order the three happen to be.
		bc, ac := CompareKubernetesVersions(b, c), CompareKubernetesVersions(a, c)
		if ab <= 0 && bc <= 0 && ac > 0 {
			t.Fatalf("not transitive: %q <= %q <= %q but Compare(a, c) = %d", a, b, c, ac)
		}
		if ab >= 0 && bc >= 0 && ac < 0 {
			t.Fatalf("not transitive: %q >= %q >= %q but Compare(a, c) = %d", a, b, c, ac)
		}
		// Where both parse as small numbers, the order is numeric.
		if x, okA := fuzzSmallVersion(a); okA {
			if y, okB := fuzzSmallVersion(b); okB {
				want := 0
				switch {
				case x[0] < y[0] || (x[0] == y[0] && x[1] < y[1]):
					want = -1
				case x != y:
					want = 1
				}
				if ab != want {
					t.Fatalf("Compare(%q, %q) = %d, want %d", a, b, ab, want)
				}
			}
		}
	})
}

// fuzzSmallVersion parses a canonical MAJOR.MINOR with numbers that fit in an int.
func fuzzSmallVersion(s string) ([2]int, bool) {
	maj, min, ok := strings.Cut(s, ".")
	x, err1 := strconv.Atoi(maj)
	y, err2 := strconv.Atoi(min)
	if !ok || err1 != nil || err2 != nil || x < 0 || y < 0 ||
		strconv.Itoa(x) != maj || strconv.Itoa(y) != min {
		return [2]int{}, false
	}
	return [2]int{x, y}, true
}
