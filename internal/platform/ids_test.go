package platform

import (
	"math"
	"strings"
	"testing"
)

func TestNewIDFormat(t *testing.T) {
	prefixes := []string{PrefixUser, PrefixUserToken, PrefixOrganization, PrefixWorkspace, PrefixProject,
		PrefixRole, PrefixAPIKey, PrefixRegion, PrefixCluster, PrefixOperation, PrefixAuditEvent}
	for _, p := range prefixes {
		id := NewID(p)
		body, ok := strings.CutPrefix(id, p)
		if !ok {
			t.Fatalf("NewID(%q) = %q lacks the prefix", p, id)
		}
		// Every body character carries 5 bits (base32), so the length bounds the randomness.
		if bits := float64(len(body)) * math.Log2(32); bits < 64 {
			t.Fatalf("NewID(%q) = %q carries %.0f bits, want at least 64", p, id, bits)
		}
		if strings.Trim(body, "abcdefghijklmnopqrstuvwxyz234567") != "" {
			t.Fatalf("NewID(%q) = %q has characters outside lower-case base32", p, id)
		}
		if !IsWellFormedID(id, p) || !HasIDPrefix(id, p) {
			t.Fatalf("NewID(%q) = %q is not recognised as an id", p, id)
		}
		// Ids and slugs must never be confused: no id is a valid slug or name.
		var v Violations
		ValidateSlug(&v, "slug", id)
		if len(v) == 0 {
			t.Fatalf("id %q is also a valid slug", id)
		}
	}
}

func TestNewIDNoCollisions(t *testing.T) {
	seen := make(map[string]bool, 10000)
	for range 10000 {
		id := NewID(PrefixProject)
		if seen[id] {
			t.Fatalf("NewID repeated %q", id)
		}
		seen[id] = true
	}
}

func TestNewIDUsesWholeAlphabet(t *testing.T) {
	// A broken random source or encoding would leave characters unused; 1000 ids of 16
	// characters miss one of 32 characters with probability about 32*(31/32)^16000.
	used := map[rune]bool{}
	for range 1000 {
		for _, r := range strings.TrimPrefix(NewID(PrefixCluster), PrefixCluster) {
			used[r] = true
		}
	}
	if len(used) != 32 {
		t.Fatalf("1000 ids used %d of 32 characters", len(used))
	}
}
