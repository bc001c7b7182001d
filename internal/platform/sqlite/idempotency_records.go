package sqlite

import (
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

const idempotencyCols = `r.caller, r.idem_key, r.request_hash, r.status, r.body, r.created_at`

func scanIdempotencyRecord(s scanner, r *platform.IdempotencyRecord) error {
	return s.Scan(&r.Caller, &r.Key, &r.RequestHash, &r.Status, &r.Body, timeCol{&r.CreatedAt})
}

// idempotencyBody keeps the column NOT NULL: no body is stored as an empty one.
func idempotencyBody(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

func (t *tx) CreateIdempotencyRecord(r *platform.IdempotencyRecord) error {
	_, err := t.insert("create idempotency record",
		`INSERT INTO idempotency_records (caller, idem_key, request_hash, status, body, created_at)
		 VALUES (?, ?, ?, ?, ?, ?) RETURNING seq`,
		[]any{r.Caller, r.Key, r.RequestHash, r.Status, idempotencyBody(r.Body), formatTime(r.CreatedAt)},
		taken(alreadyExists("idempotency key %q already exists for this caller", r.Key),
			`SELECT 1 FROM idempotency_records WHERE caller = ? AND idem_key = ?`, r.Caller, r.Key),
	)
	return err
}

func (t *tx) GetIdempotencyRecord(caller, key string) (*platform.IdempotencyRecord, error) {
	return one(t, "idempotency key", key, scanIdempotencyRecord,
		`SELECT `+idempotencyCols+` FROM idempotency_records r WHERE r.caller = ? AND r.idem_key = ?`, caller, key)
}

// UpdateIdempotencyRecord overwrites the record: it has a single writer (the request that
// created it), so there is no version to check.
func (t *tx) UpdateIdempotencyRecord(r *platform.IdempotencyRecord) error {
	if err := t.writable(); err != nil {
		return err
	}
	res, err := t.q.ExecContext(t.ctx,
		`UPDATE idempotency_records SET request_hash = ?, status = ?, body = ?, created_at = ?
		 WHERE caller = ? AND idem_key = ?`,
		r.RequestHash, r.Status, idempotencyBody(r.Body), formatTime(r.CreatedAt), r.Caller, r.Key)
	if err != nil {
		return fail("update idempotency record", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fail("update idempotency record", err)
	} else if n == 0 {
		return platform.NotFound("idempotency key", r.Key)
	}
	return nil
}

func (t *tx) DeleteIdempotencyRecord(caller, key string) error {
	return t.remove(row{kind: "idempotency key", ref: key, table: "idempotency_records",
		where: "caller = ? AND idem_key = ?", args: []any{caller, key}})
}

func (t *tx) DeleteIdempotencyRecordsBefore(before time.Time) (int, error) {
	return t.deleteOlder("delete idempotency records", `DELETE FROM idempotency_records WHERE created_at < ?`, before)
}
