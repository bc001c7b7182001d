package platform

import "time"

// IdempotencyRecord remembers the answer to a POST with an Idempotency-Key, per caller.
type IdempotencyRecord struct {
	Caller      string
	Key         string
	RequestHash string
	// Status is 0 while the first request is still running.
	Status    int
	Body      []byte
	CreatedAt time.Time
}
