package httpapi

// RequestHash exposes the idempotency request hash to the black-box tests.
var RequestHash = requestHash
