package platform

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"hash/crc32"
	"math/big"
	"strings"
)

// Secret kinds, by prefix: API keys and user tokens share one format (docs/platform.md section 5):
// prefix + 32 random bytes in base62 + "_" + a 6-character base62 checksum of everything before.
const (
	SecretPrefixAPIKey    = "pk_"
	SecretPrefixUserToken = "pt_"
)

const (
	base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	secretBodyLen  = 43 // ceil(256 / log2(62))
	checksumLen    = 6  // 62^6 > 2^32
	// DisplayPrefixLen is how much of a secret is shown to identify it.
	DisplayPrefixLen = 12
)

// NewSecret returns a fresh secret of the given kind prefix.
func NewSecret(kind string) string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	body := base62(new(big.Int).SetBytes(b[:]), secretBodyLen)
	head := kind + body
	return head + "_" + secretChecksum(head)
}

func base62(n *big.Int, width int) string {
	out := make([]byte, width)
	base, mod := big.NewInt(62), new(big.Int)
	n = new(big.Int).Set(n)
	for i := width - 1; i >= 0; i-- {
		n.DivMod(n, base, mod)
		out[i] = base62Alphabet[mod.Int64()]
	}
	return string(out)
}

func secretChecksum(head string) string {
	return base62(new(big.Int).SetUint64(uint64(crc32.ChecksumIEEE([]byte(head)))), checksumLen)
}

// SecretKind returns the kind prefix of a well-formed secret (right length, alphabet and
// checksum), or "" for anything else, so malformed credentials are refused before any lookup.
func SecretKind(s string) string {
	var kind string
	switch {
	case strings.HasPrefix(s, SecretPrefixAPIKey):
		kind = SecretPrefixAPIKey
	case strings.HasPrefix(s, SecretPrefixUserToken):
		kind = SecretPrefixUserToken
	default:
		return ""
	}
	if len(s) != len(kind)+secretBodyLen+1+checksumLen {
		return ""
	}
	head, sum := s[:len(kind)+secretBodyLen], s[len(kind)+secretBodyLen+1:]
	if s[len(head)] != '_' {
		return ""
	}
	for i := len(kind); i < len(s); i++ {
		if i != len(head) && strings.IndexByte(base62Alphabet, s[i]) < 0 {
			return ""
		}
	}
	if subtle.ConstantTimeCompare([]byte(secretChecksum(head)), []byte(sum)) != 1 {
		return ""
	}
	return kind
}

// HashSecret is the stored form of a generated secret (pk_, pt_): hex SHA-256. A generated
// secret holds 256 random bits, so its hash cannot be turned back into it by guessing.
func HashSecret(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// MaxActiveUserTokens is how many unexpired user tokens one user may hold: more tokens must
// not mean more of anything (rate limits are per user anyway).
const MaxActiveUserTokens = 50

// MinOperatorTokenLen is the shortest credential an operator may choose for the platform
// administrator (PLATFORM_BOOTSTRAP_TOKEN), so that it cannot be guessed online either.
const MinOperatorTokenLen = 32

// keyedHashPrefix marks a keyed hash among stored secret hashes.
const keyedHashPrefix = "k1:"

// CredentialHash is the stored form of any bearer credential. Generated secrets are hashed
// with HashSecret; anything else (a token the operator chose, with whatever entropy a person
// gives it) with HMAC-SHA256 under the server's secret key, which the database does not hold:
// a copy of the database alone is useless for guessing such a token.
func CredentialHash(serverKey []byte, credential string) string {
	if SecretKind(credential) != "" {
		return HashSecret(credential)
	}
	m := hmac.New(sha256.New, serverKey)
	m.Write([]byte(credential))
	return keyedHashPrefix + hex.EncodeToString(m.Sum(nil))
}

// SecretHashEqual compares two hashes in constant time.
func SecretHashEqual(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// DisplayPrefix is the part of a secret shown for identification. Only generated secrets have
// one: for a chosen credential it would give away part of the secret.
func DisplayPrefix(s string) string {
	if SecretKind(s) == "" {
		return ""
	}
	return s[:DisplayPrefixLen]
}
