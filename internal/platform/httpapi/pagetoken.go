package httpapi

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// Page tokens are opaque to clients but carry the store cursor, so they are sealed with
// AES-GCM: a client can neither forge a cursor nor replay a token against another list or as
// another caller, and a token reveals nothing (the cursor is a platform-wide sequence number,
// so a readable one would tell how many objects the platform holds).
//
// Layout (53 bytes, base64url without padding):
//
//	version(1) | nonce(12) | AES-GCM(cursor(8) | expiry unix seconds(8) | scope hash(8)) + tag(16)
//
// The version is authenticated as additional data. The scope hash is sha256(list path +
// caller)[:8], compared after opening so that a foreign token gets a precise reason.
const (
	pageTokenVersion   = 2
	pageTokenNonce     = 12
	pageTokenPlaintext = 8 + 8 + 8
	pageTokenLen       = 1 + pageTokenNonce + pageTokenPlaintext + 16
	// pageTokenTTL bounds how long a listing may be resumed; long enough for any client.
	pageTokenTTL = 24 * time.Hour
)

func scopeHash(scope string) []byte {
	h := sha256.Sum256([]byte(scope))
	return h[:8]
}

// newPageAEAD derives the page token cipher from the server's page token key.
func newPageAEAD(pageKey []byte) cipher.AEAD {
	key, err := hkdf.Key(sha256.New, pageKey, nil, "platform page token v2", 32)
	if err != nil {
		panic("httpapi: page token key: " + err.Error()) // only for an impossible key length
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		panic("httpapi: page token key: " + err.Error())
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic("httpapi: page token key: " + err.Error())
	}
	return aead
}

// pageToken seals the cursor of the next page of the list identified by scope.
func (s *server) pageToken(cursor int64, scope string) string {
	plain := make([]byte, pageTokenPlaintext)
	binary.BigEndian.PutUint64(plain[0:], uint64(cursor))
	binary.BigEndian.PutUint64(plain[8:], uint64(s.svc.Now().Add(pageTokenTTL).Unix()))
	copy(plain[16:], scopeHash(scope))
	b := make([]byte, 1+pageTokenNonce, pageTokenLen)
	b[0] = pageTokenVersion
	_, _ = rand.Read(b[1:])
	b = s.pageAEAD.Seal(b, b[1:], plain, b[:1])
	return base64.RawURLEncoding.EncodeToString(b)
}

// openPageToken opens a token for the list identified by scope and returns its cursor.
func (s *server) openPageToken(tok string, scope string) (int64, error) {
	if len(tok) != base64.RawURLEncoding.EncodedLen(pageTokenLen) {
		return 0, invalid("page_token", "malformed page token: pass next_page_token unchanged")
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != pageTokenLen || b[0] != pageTokenVersion {
		return 0, invalid("page_token", "malformed page token: pass next_page_token unchanged")
	}
	plain, err := s.pageAEAD.Open(nil, b[1:1+pageTokenNonce], b[1+pageTokenNonce:], b[:1])
	if err != nil {
		return 0, invalid("page_token", "invalid page token: pass next_page_token unchanged")
	}
	if !hmac.Equal(plain[16:24], scopeHash(scope)) {
		return 0, invalid("page_token", "page token belongs to another list or caller")
	}
	if s.svc.Now().Unix() > int64(binary.BigEndian.Uint64(plain[8:16])) {
		return 0, invalid("page_token", "page token expired: list again from the first page")
	}
	cursor := int64(binary.BigEndian.Uint64(plain[0:8]))
	if cursor < 0 {
		return 0, invalid("page_token", "invalid page token: pass next_page_token unchanged")
	}
	return cursor, nil
}
