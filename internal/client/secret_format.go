package client

import (
	"crypto/subtle"
	"hash/crc32"
	"math/big"
	"strings"
)

// The format of generated secrets (docs/platform.md section 5), restated from the server so that
// the provider can check a key offline: prefix + 32 random bytes in base62 (43 characters) +
// "_" + the 6-character base62 CRC-32 of everything before. TestSecretFormatMatchesServer keeps
// it equal to the server's check.
const (
	APIKeyPrefix      = "pk_"
	secretAlphabet    = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	secretBodyLen     = 43
	secretChecksumLen = 6
)

// APIKeyWellFormed reports whether s has an API key's form: prefix, length, alphabet and
// checksum. It catches a truncated, mistyped or wrong kind of credential; whether the key exists
// or is still valid only the server knows.
func APIKeyWellFormed(s string) bool {
	if len(s) != len(APIKeyPrefix)+secretBodyLen+1+secretChecksumLen || !strings.HasPrefix(s, APIKeyPrefix) {
		return false
	}
	head, sum := s[:len(APIKeyPrefix)+secretBodyLen], s[len(APIKeyPrefix)+secretBodyLen+1:]
	if s[len(head)] != '_' {
		return false
	}
	for i := len(APIKeyPrefix); i < len(s); i++ {
		if i != len(head) && strings.IndexByte(secretAlphabet, s[i]) < 0 {
			return false
		}
	}
	return subtle.ConstantTimeCompare([]byte(secretChecksum(head)), []byte(sum)) == 1
}

func secretChecksum(head string) string {
	n, base, mod := new(big.Int).SetUint64(uint64(crc32.ChecksumIEEE([]byte(head)))), big.NewInt(62), new(big.Int)
	out := make([]byte, secretChecksumLen)
	for i := secretChecksumLen - 1; i >= 0; i-- {
		n.DivMod(n, base, mod)
		out[i] = secretAlphabet[mod.Int64()]
	}
	return string(out)
}
