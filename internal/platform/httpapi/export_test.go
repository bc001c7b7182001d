package httpapi

import "net/http"

// RequestHash exposes the idempotency request hash to the black-box tests: the hash the handler
// built with secretKey computes.
func RequestHash(secretKey []byte, r *http.Request, body []byte) string {
	return requestHash(requestHashKey(secretKey), r, body)
}

// LegacyRequestHash is the unkeyed hash of records written by earlier versions.
var LegacyRequestHash = legacyRequestHash
