package httpapi

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"time"
)

// Page tokens are opaque to clients but carry the store cursor, so they are signed: a client
// can neither forge a cursor nor replay a token against another list or as another caller.
//
// Layout (41 bytes, base64url without padding):
//
//	version(1) | cursor(8) | expiry unix seconds(8) | scope hash(8) | HMAC-SHA256 truncated(16)
//
// The scope hash is sha256(list path + caller) so that a foreign token gets a precise reason.
const (
	pageTokenVersion = 1
	pageTokenPayload = 1 + 8 + 8 + 8
	pageTokenMAC     = 16
	pageTokenLen     = pageTokenPayload + pageTokenMAC
	// pageTokenTTL bounds how long a listing may be resumed; long enough for any client.
	pageTokenTTL = 24 * time.Hour
)

func scopeHash(scope string) []byte {
	h := sha256.Sum256([]byte(scope))
	return h[:8]
}

func (s *server) pageMAC(payload []byte) []byte {
	m := hmac.New(sha256.New, s.pageKey)
	m.Write(payload)
	return m.Sum(nil)[:pageTokenMAC]
}

// pageToken signs the cursor of the next page of the list identified by scope.
func (s *server) pageToken(cursor int64, scope string) string {
	b := make([]byte, pageTokenPayload, pageTokenLen)
	b[0] = pageTokenVersion
	binary.BigEndian.PutUint64(b[1:], uint64(cursor))
	binary.BigEndian.PutUint64(b[9:], uint64(s.svc.Now().Add(pageTokenTTL).Unix()))
	copy(b[17:], scopeHash(scope))
	b = append(b, s.pageMAC(b)...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// openPageToken verifies a token for the list identified by scope and returns its cursor.
func (s *server) openPageToken(tok string, scope string) (int64, error) {
	if len(tok) != base64.RawURLEncoding.EncodedLen(pageTokenLen) {
		return 0, invalid("page_token", "malformed page token: pass next_page_token unchanged")
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != pageTokenLen || b[0] != pageTokenVersion {
		return 0, invalid("page_token", "malformed page token: pass next_page_token unchanged")
	}
	payload, mac := b[:pageTokenPayload], b[pageTokenPayload:]
	if !hmac.Equal(mac, s.pageMAC(payload)) {
		return 0, invalid("page_token", "invalid page token: pass next_page_token unchanged")
	}
	if !hmac.Equal(payload[17:25], scopeHash(scope)) {
		return 0, invalid("page_token", "page token belongs to another list or caller")
	}
	if s.svc.Now().Unix() > int64(binary.BigEndian.Uint64(payload[9:17])) {
		return 0, invalid("page_token", "page token expired: list again from the first page")
	}
	cursor := int64(binary.BigEndian.Uint64(payload[1:9]))
	if cursor < 0 {
		return 0, invalid("page_token", "invalid page token: pass next_page_token unchanged")
	}
	return cursor, nil
}
