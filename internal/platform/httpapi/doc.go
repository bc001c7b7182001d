// Package httpapi is the HTTP adapter of the reference server (docs/platform.md sections 7 and 8).
//
// Handlers only translate: decode the request, call one service method, encode the answer.
// Everything the contract says about HTTP itself lives here, once: the error envelope and the
// code -> status table, authentication, rate limiting, request ids, access logs, page tokens,
// ETag/If-Match, dry runs and idempotency keys. Business rules stay in package service.
//
// Decisions where the product definition is silent (docs/platform.md):
//
//   - Unknown paths, and known paths with another method, answer 404 not_found in the error
//     envelope (no 405: every answer's code is one of section 7's).
//   - Authorization: the scheme "Bearer" is case-insensitive; a missing, repeated or malformed
//     header is 401 ("missing or malformed Authorization header"), with WWW-Authenticate.
//   - Request bodies: one JSON object, at most Options.MaxBodyBytes (default 1 MiB). Every
//     decoding failure is 400 invalid_argument with a detail naming the field: the JSON path of
//     a wrong type ("node_pools.min_nodes"), the unknown field's name, or "body" for malformed
//     JSON, trailing data, a non-object, an empty body where input is required, or a body over
//     the limit (400, not 413, so that every refusal is in the envelope). Timestamps that
//     leave years 0000-9999 in UTC are refused (they could not be encoded back).
//   - Success: GET/PATCH 200, create 201 with Location (collection path + id, or user id for
//     members; none for admin-minted tokens), DELETE 204, and 202 with "operation_id" when the
//     call starts a cluster operation (create, delete, version or node pool change; an
//     immediate cluster PATCH is 200 with operation_id ""). ETag: "<version>" on every answer
//     holding a versioned object. Answers carrying a secret have Cache-Control: no-store.
//   - If-Match: `"<n>"`, `W/"<n>"`, a bare `n` or `*` (any). Anything else, a list of tags,
//     or version 0 is 400 naming If-Match; a mismatch is 412 aborted (from the service).
//   - Lists: page_size must be an integer 1-200 (else 400 naming page_size). Page tokens are
//     signed (HMAC-SHA256), carry the cursor, expire after 24 h and are bound to the list's
//     exact path and the caller (user or API key): a tampered, garbage, expired or foreign
//     token is 400 naming page_token.
//   - Dry runs (validate_only=true on POST, PATCH, DELETE; any strconv.ParseBool value, else
//     400): 200 with the object as it would be, with what only a real call mints emptied: the
//     new object's "id" (and "user_id" where the call may create the user), "operation_id",
//     "secret" and its "prefix". A DELETE dry run answers {} (the cluster one: the cluster as
//     it would be). No ETag, no Location, no idempotency record.
//   - Idempotency-Key: 1-255 printable ASCII characters (else 400); scoped to the credential
//     (principal.Subject); the request hash covers method, path, query and body. A finished
//     answer is replayed (Idempotent-Replayed: true) including client errors, except 412,
//     429 and 5xx after which a retry runs again. A key still in flight is 409
//     failed_precondition with Retry-After: 1, taken over once a minute old (the first request
//     died). Records live Options.IdempotencyTTL (24 h), purged at most once a minute. Answers
//     that carry a secret are stored AES-GCM encrypted under a key derived from the caller's
//     bearer credential, which the database does not hold: secrets are never stored in plain
//     text, and a replay needs the same credential (another one of the same API key, after a
//     rotation, is 422).
//   - Rate limiting: a token bucket per credential; failed authentications and public
//     endpoints count against the peer address (forwarding headers are not trusted). Over the
//     limit: 429 rate_limited with Retry-After in whole seconds (>= 1). GET /healthz is never
//     limited.
//   - X-Request-Id is always generated ("req_" + 80 random bits), never taken from the request.
//     The access log line has method, path (no query), status, duration, request_id, caller
//     (user or API key id) and remote address: never a header, token or body.
package httpapi
