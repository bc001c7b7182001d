package platform

import (
	"encoding/hex"
	"strings"
	"testing"
)

// secretLen is the length of every secret: kind prefix, 43-char body, "_", 6-char checksum.
const secretLen = 3 + 43 + 1 + 6

func TestNewSecretFormat(t *testing.T) {
	for _, kind := range []string{SecretPrefixAPIKey, SecretPrefixUserToken} {
		seen := map[string]bool{}
		for range 200 {
			s := NewSecret(kind)
			if !strings.HasPrefix(s, kind) {
				t.Fatalf("%q does not start with %q", s, kind)
			}
			if len(s) != secretLen {
				t.Fatalf("len(%q) = %d, want %d", s, len(s), secretLen)
			}
			body, sum, ok := strings.Cut(s[len(kind):], "_")
			if !ok || len(body) != 43 || len(sum) != 6 {
				t.Fatalf("%q is not kind + 43 chars + _ + 6 chars", s)
			}
			if i := strings.IndexFunc(body+sum, func(r rune) bool { return !strings.ContainsRune(base62Alphabet, r) }); i >= 0 {
				t.Fatalf("%q has a non-base62 character at %d", s, i)
			}
			if p := DisplayPrefix(s); len(p) != 12 || !strings.HasPrefix(s, p) {
				t.Fatalf("DisplayPrefix(%q) = %q, want the first 12 characters", s, p)
			}
			if SecretKind(s) != kind {
				t.Fatalf("SecretKind(%q) = %q, want %q", s, SecretKind(s), kind)
			}
			if seen[s] {
				t.Fatalf("NewSecret repeated %q", s)
			}
			seen[s] = true
		}
	}
}

func TestBase62Alphabet(t *testing.T) {
	if len(base62Alphabet) != 62 {
		t.Fatalf("alphabet has %d characters", len(base62Alphabet))
	}
	for i := range len(base62Alphabet) {
		if strings.IndexByte(base62Alphabet, base62Alphabet[i]) != i {
			t.Fatalf("alphabet repeats %q", base62Alphabet[i])
		}
	}
}

// secretWith replaces the byte at i of s.
func secretWith(s string, i int, c byte) string {
	b := []byte(s)
	b[i] = c
	return string(b)
}

func TestSecretKindRejects(t *testing.T) {
	good := NewSecret(SecretPrefixAPIKey)
	head := good[:3+43]
	sum := good[len(head)+1:]
	// A checksum that is well-formed but wrong: the next base62 digit in the last place.
	wrongSum := sum[:5] + string(base62Alphabet[(strings.IndexByte(base62Alphabet, sum[5])+1)%62])
	// A body character changed to another base62 character: only the checksum catches it.
	flipped := secretWith(good, 10, base62Alphabet[(strings.IndexByte(base62Alphabet, good[10])+1)%62])
	for name, s := range map[string]string{
		"empty":                    "",
		"prefix only":              SecretPrefixAPIKey,
		"wrong checksum":           head + "_" + wrongSum,
		"body changed":             flipped,
		"too short":                good[:len(good)-1],
		"too long":                 good + "0",
		"body one shorter":         head[:len(head)-1] + "_" + secretChecksum(head[:len(head)-1]) + "0",
		"bad alphabet in body":     secretWith(good, 5, '-'),
		"non-ascii in body":        head[:len(head)-2] + "é_" + secretChecksum(head[:len(head)-2]+"é"),
		"bad alphabet in sum":      secretWith(good, len(good)-1, '+'),
		"separator missing":        secretWith(good, len(head), 'x'),
		"wrong prefix":             "px_" + good[3:],
		"upper-case prefix":        "PK_" + good[3:],
		"kind swapped":             SecretPrefixUserToken + good[3:],
		"kind swapped, recomputed": "sk_" + good[3:len(head)] + "_" + secretChecksum("sk_"+good[3:len(head)]),
		"whitespace around":        " " + good,
		"user id, not a secret":    NewID(PrefixUser),
	} {
		if k := SecretKind(s); k != "" {
			t.Errorf("%s: SecretKind(%q) = %q, want rejection", name, s, k)
		}
	}
}

func TestSecretKindAcceptsChecksummedBody(t *testing.T) {
	// A hand-built secret in the documented format is accepted for both kinds.
	body := strings.Repeat("a", 43)
	for _, kind := range []string{SecretPrefixAPIKey, SecretPrefixUserToken} {
		s := kind + body + "_" + secretChecksum(kind+body)
		if k := SecretKind(s); k != kind {
			t.Errorf("SecretKind(%q) = %q, want %q", s, k, kind)
		}
	}
}

func TestHashSecret(t *testing.T) {
	s := NewSecret(SecretPrefixAPIKey)
	h := HashSecret(s)
	if len(h) != 64 || strings.ToLower(h) != h {
		t.Fatalf("HashSecret = %q, want 64 lower-case hex characters", h)
	}
	if _, err := hex.DecodeString(h); err != nil {
		t.Fatalf("HashSecret is not hex: %v", err)
	}
	if h == s || strings.Contains(h, s[3:]) {
		t.Fatal("the hash contains the secret")
	}
	if HashSecret(s) != h {
		t.Fatal("HashSecret is not deterministic")
	}
	// Known answer: SHA-256("abc").
	if got := HashSecret("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatalf("HashSecret(abc) = %s, want the SHA-256 test vector", got)
	}
	if HashSecret(NewSecret(SecretPrefixAPIKey)) == h {
		t.Fatal("two secrets share a hash")
	}
}

func TestSecretHashEqual(t *testing.T) {
	a, b := HashSecret("one"), HashSecret("two")
	if !SecretHashEqual(a, a) || !SecretHashEqual(a, strings.Clone(a)) {
		t.Error("equal hashes compare unequal")
	}
	if SecretHashEqual(a, b) || SecretHashEqual(a, a[:63]) || SecretHashEqual(a, "") {
		t.Error("different hashes compare equal")
	}
}

// Only generated secrets have a display prefix: a chosen credential's would give part of it
// away (a 16-character token with a 12-character prefix left 4 to guess).
func TestDisplayPrefixOnlyForGeneratedSecrets(t *testing.T) {
	for _, s := range []string{"pk_abc", "my-operator-token-0123456789-abcdef", "pt_" + strings.Repeat("a", 60)} {
		if got := DisplayPrefix(s); got != "" {
			t.Errorf("DisplayPrefix(%q) = %q, want none", s, got)
		}
	}
	if s := NewSecret(SecretPrefixUserToken); DisplayPrefix(s) != s[:DisplayPrefixLen] {
		t.Errorf("DisplayPrefix of a generated secret = %q", DisplayPrefix(s))
	}
}

// A chosen credential is stored as a keyed hash: without the server's key, the stored form
// does not let anyone check a guess; a generated secret keeps its SHA-256.
func TestCredentialHash(t *testing.T) {
	key, other := []byte(strings.Repeat("k", 32)), []byte(strings.Repeat("o", 32))
	const chosen = "operator-chosen-token-0123456789abc"
	h := CredentialHash(key, chosen)
	if !strings.HasPrefix(h, "k1:") || h == "k1:"+HashSecret(chosen) || strings.Contains(h, HashSecret(chosen)) {
		t.Errorf("chosen credential hash %q is not keyed", h)
	}
	if CredentialHash(key, chosen) != h || CredentialHash(other, chosen) == h {
		t.Error("the keyed hash does not depend on the key alone")
	}
	gen := NewSecret(SecretPrefixAPIKey)
	if CredentialHash(key, gen) != HashSecret(gen) {
		t.Error("a generated secret is not stored as its SHA-256")
	}
}
