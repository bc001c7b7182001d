package httpapi

import (
	"bytes"
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

const (
	// abandonAfter: an in-flight record this old belongs to a request that died (crash,
	// lost connection to the database) and may be taken over by a retry. With an exclusive
	// store (Options.ExclusiveStore) the handler knows which keys its requests run, and takes
	// any other in-flight record over at once.
	abandonAfter = time.Minute
	// purgeInterval bounds how often a request pays for purging expired records.
	purgeInterval = time.Minute
)

var (
	errIdempotencyMismatch = platform.Errorf(platform.CodeIdempotencyMismatch,
		"this Idempotency-Key was already used for a different request (method, path, query or body); use a new key")
	errIdempotencyInProgress = platform.Errorf(platform.CodeFailedPrecondition,
		"a request with this Idempotency-Key is still in progress; retry later")
	errIdempotencyCredential = platform.Errorf(platform.CodeIdempotencyMismatch,
		"this Idempotency-Key was used with another credential of the same caller; use a new key")
)

// idempotent runs a POST that carries an Idempotency-Key: the first request runs and its
// answer is stored in the same transaction as the change (service.WithCommitHook), so a retry
// either replays that answer or, if nothing was committed, runs again.
func (c *call) idempotent() {
	caller := c.caller.Subject()
	hash := requestHash(c.requestKey, c.r, c.body)
	c.maybePurge()
	prev, claimedAt, err := c.claim(caller, hash)
	if c.heldKey != "" {
		// Released once the record holds the answer or is gone (or, should both fail, stays in
		// flight for a retry to take over).
		defer c.running.release(c.heldKey)
	}
	if err != nil {
		if err == errIdempotencyInProgress {
			c.w.Header().Set("Retry-After", "1")
		}
		c.fail(c.w, err)
		return
	}
	if prev != nil {
		c.replay(prev)
		return
	}

	rec := platform.IdempotencyRecord{Caller: caller, Key: c.idemKey, RequestHash: hash, CreatedAt: claimedAt}
	c.ctx = service.WithCommitHook(c.ctx, func(tx platform.Tx, result any) error {
		rep, err := c.render(result)
		if err != nil {
			return err
		}
		final := rec
		final.Status = rep.status
		if final.Body, err = c.seal(rep.body, &rec); err != nil {
			return err
		}
		if err := tx.UpdateIdempotencyRecord(&final); err != nil {
			return err
		}
		c.replied = &rep
		return nil
	})
	result, err := c.rt.h(c)
	// Bookkeeping must happen even when the client has gone away.
	bg := context.WithoutCancel(c.r.Context())
	if err != nil {
		pe := c.public(c.w, err)
		status, body := encodeError(pe, c.w.requestID)
		if answersForGood(pe.Code) {
			if err := c.finish(bg, rec, status, body); err != nil {
				c.log.Error("storing idempotent error answer", "request_id", c.w.requestID, "error", err.Error())
				c.forget(bg, rec)
			}
		} else {
			c.forget(bg, rec)
		}
		writeJSON(c.w, status, body)
		return
	}
	rep := c.replied
	if rep == nil {
		// The service answered without a transaction of its own, so the hook did not run:
		// store the answer now.
		r, err := c.render(result)
		if err == nil {
			err = c.finish(bg, rec, r.status, r.body)
		}
		if err != nil {
			c.forget(bg, rec)
			c.fail(c.w, err)
			return
		}
		rep = &r
	}
	c.write(*rep)
}

// answersForGood: client errors are the final answer to a request and are replayed; a lost
// race (aborted), throttling and server errors are not, so a retry runs again.
func answersForGood(code platform.Code) bool {
	switch code {
	case platform.CodeAborted, platform.CodeRateLimited, platform.CodeUnauthenticated, platform.CodeInternal:
		return false
	}
	return statusOf[code] >= 400 && statusOf[code] < 500
}

// claim finds the record of (caller, key) and decides, in one write transaction: replay a
// finished answer, refuse (mismatch, in progress), or take the key for this request (a new
// record, or an abandoned in-flight one). It returns the record to replay, if any, and the
// creation time of a claimed record. With an exclusive store, a claimed key is registered as
// running until the request ends (idempotent releases it).
func (c *call) claim(caller, hash string) (*platform.IdempotencyRecord, time.Time, error) {
	id := caller + "\x00" + c.idemKey
	for range 3 {
		var prev *platform.IdempotencyRecord
		now := c.svc.Now()
		held := false
		// take registers the key as run by this request, when this handler keeps the register.
		take := func() bool {
			held = c.running == nil || c.running.acquire(id)
			return held
		}
		err := c.store.Update(c.r.Context(), func(tx platform.Tx) error {
			rec, err := tx.GetIdempotencyRecord(caller, c.idemKey)
			switch {
			case platform.IsCode(err, platform.CodeNotFound):
				if !take() {
					return errIdempotencyInProgress // its request is about to drop the record
				}
				return tx.CreateIdempotencyRecord(&platform.IdempotencyRecord{
					Caller: caller, Key: c.idemKey, RequestHash: hash, Body: []byte{}, CreatedAt: now})
			case err != nil:
				return err
			case !c.sameRequest(rec.RequestHash, hash):
				return errIdempotencyMismatch
			case rec.Status != 0:
				prev = rec
				return nil
			case c.running != nil:
				// This handler alone uses the store: a record none of its requests runs was left
				// by a process that died (a crash, a kill), so it is abandoned now.
				if !take() {
					return errIdempotencyInProgress
				}
			case now.Sub(rec.CreatedAt) < abandonAfter:
				return errIdempotencyInProgress
			}
			rec.CreatedAt, rec.RequestHash = now, hash
			return tx.UpdateIdempotencyRecord(rec)
		})
		if held && c.running != nil {
			if err != nil {
				c.running.release(id)
			} else {
				c.heldKey = id
			}
		}
		if platform.IsCode(err, platform.CodeAlreadyExists) {
			continue // another request created it between our read and write: look again
		}
		return prev, now, err
	}
	return nil, time.Time{}, errIdempotencyInProgress
}

// runningKeys are the idempotency keys (caller and key) whose requests a handler is running,
// kept when the handler has the store to itself (Options.ExclusiveStore): an in-flight record
// whose key is not here belongs to no live request.
type runningKeys struct {
	mu   sync.Mutex
	keys map[string]struct{}
}

// acquire registers id, unless a request already runs it.
func (k *runningKeys) acquire(id string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if _, ok := k.keys[id]; ok {
		return false
	}
	k.keys[id] = struct{}{}
	return true
}

func (k *runningKeys) release(id string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.keys, id)
}

// finish stores the final answer in its own transaction (error answers: the service's
// transaction was rolled back).
func (c *call) finish(ctx context.Context, rec platform.IdempotencyRecord, status int, body []byte) error {
	sealed, err := c.seal(body, &rec)
	if err != nil {
		return err
	}
	rec.Status, rec.Body = status, sealed
	return c.store.Update(ctx, func(tx platform.Tx) error { return tx.UpdateIdempotencyRecord(&rec) })
}

// forget drops the in-flight record so that a retry runs again.
func (c *call) forget(ctx context.Context, rec platform.IdempotencyRecord) {
	err := c.store.Update(ctx, func(tx platform.Tx) error { return tx.DeleteIdempotencyRecord(rec.Caller, rec.Key) })
	if err != nil && !platform.IsCode(err, platform.CodeNotFound) {
		// The record stays in flight; a retry can take it over after abandonAfter.
		c.log.Error("dropping idempotency record", "request_id", c.w.requestID, "error", err.Error())
	}
}

// replay answers with a stored answer, exactly: same status, same body.
func (c *call) replay(rec *platform.IdempotencyRecord) {
	body, err := c.open(rec)
	if err != nil {
		c.fail(c.w, err)
		return
	}
	c.w.Header().Set("Idempotent-Replayed", "true")
	rep := reply{status: rec.Status, body: body}
	if len(body) == 0 {
		rep.body = nil
	}
	if rep.status < 300 && rep.body != nil {
		var v struct {
			Version int64 `json:"version"`
		}
		if json.Unmarshal(body, &v) == nil {
			rep.etag = v.Version
		}
		if c.rt.kind == kindCreate && !c.rt.noLocation {
			rep.location = c.location(body)
		}
	}
	c.write(rep)
}

// Request hashes are keyed: a request body may hold a secret value (POST .../secrets), and an
// unkeyed hash of it in the database would let a copy of the database confirm guesses of the
// value. The key is derived (HKDF-SHA256) from the server's secret key, which is not in the
// database. Records written before hashes were keyed hold a plain SHA-256 (64 hex digits,
// without the prefix); they are still matched, until they expire within a day.
const requestHashV2 = "h2:"

// requestHashKey derives the key of request hashes from the server's secret key.
func requestHashKey(secretKey []byte) []byte {
	key, err := hkdf.Key(sha256.New, secretKey, nil, "platform idempotency request hash v2", 32)
	if err != nil {
		panic(err) // only for lengths HKDF cannot produce; 32 bytes always works
	}
	return key
}

// requestHash identifies a request: method, path, query and body, as an HMAC-SHA256 under key.
func requestHash(key []byte, r *http.Request, body []byte) string {
	h := hmac.New(sha256.New, key)
	writeRequest(h, r, body)
	return requestHashV2 + hex.EncodeToString(h.Sum(nil))
}

// legacyRequestHash is the unkeyed hash of records written by earlier versions.
func legacyRequestHash(r *http.Request, body []byte) string {
	h := sha256.New()
	writeRequest(h, r, body)
	return hex.EncodeToString(h.Sum(nil))
}

func writeRequest(h io.Writer, r *http.Request, body []byte) {
	for _, part := range []string{r.Method, r.URL.Path, r.URL.Query().Encode()} {
		_, _ = io.WriteString(h, part)
		_, _ = h.Write([]byte{0})
	}
	_, _ = h.Write(body)
}

// sameRequest reports whether a record's stored hash is this request's (hash, keyed); a record
// of an earlier version is compared with the unkeyed hash.
func (c *call) sameRequest(stored, hash string) bool {
	if !strings.HasPrefix(stored, requestHashV2) {
		hash = legacyRequestHash(c.r, c.body)
	}
	return hmac.Equal([]byte(stored), []byte(hash))
}

// maybePurge deletes expired records, at most once per purgeInterval.
func (c *call) maybePurge() {
	now := c.svc.Now().UnixNano()
	last := c.lastPurge.Load()
	if since := now - last; last != 0 && since >= 0 && since < int64(purgeInterval) {
		return
	}
	if !c.lastPurge.CompareAndSwap(last, now) {
		return // another request is purging
	}
	before := time.Unix(0, now).UTC().Add(-c.idemTTL)
	err := c.store.Update(context.WithoutCancel(c.r.Context()), func(tx platform.Tx) error {
		_, err := tx.DeleteIdempotencyRecordsBefore(before)
		return err
	})
	if err != nil {
		c.log.Error("purging idempotency records", "request_id", c.w.requestID, "error", err.Error())
	}
}

// Answers that carry a secret (API key and token creation, rotation) are stored encrypted,
// because secrets are never stored in plain text. The key is derived (HKDF-SHA256) from the
// caller's bearer credential with the server's secret key as salt: the database holds neither
// (only a hash of the credential), so the answer can be replayed to the caller who presents that
// credential again, and to nobody who has only the database. The salt is the HMAC key of HKDF's
// extract step, so a credential of any length is the message, never a key that HMAC would
// shorten by hashing (the weakness of v1, whose key was HMAC keyed by the credential itself:
// for credentials over 64 bytes that key was their SHA-256, which the database held).
var (
	sealMagic   = []byte("\x00sealed2\x00")
	sealMagicV1 = []byte("\x00sealed1\x00") // read only: records expire within a day
)

func (c *call) recordAEAD() (cipher.AEAD, error) {
	key, err := hkdf.Key(sha256.New, []byte(c.credential), c.secretKey, "platform idempotency record v2", 32)
	if err != nil {
		return nil, err
	}
	return newGCM(key)
}

func (c *call) recordAEADv1() (cipher.AEAD, error) {
	m := hmac.New(sha256.New, []byte(c.credential))
	m.Write([]byte("platform idempotency record v1"))
	return newGCM(m.Sum(nil))
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func recordAAD(rec *platform.IdempotencyRecord) []byte {
	return []byte(rec.Caller + "\x00" + rec.Key + "\x00" + rec.RequestHash)
}

func (c *call) seal(body []byte, rec *platform.IdempotencyRecord) ([]byte, error) {
	if !c.rt.secret {
		return body, nil
	}
	aead, err := c.recordAEAD()
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(sealMagic)+aead.NonceSize(), len(sealMagic)+aead.NonceSize()+len(body)+aead.Overhead())
	copy(out, sealMagic)
	nonce := out[len(sealMagic):]
	_, _ = rand.Read(nonce)
	return aead.Seal(out, nonce, body, recordAAD(rec)), nil
}

func (c *call) open(rec *platform.IdempotencyRecord) ([]byte, error) {
	var aead cipher.AEAD
	var err error
	var rest []byte
	switch {
	case bytes.HasPrefix(rec.Body, sealMagic):
		aead, err = c.recordAEAD()
		rest = rec.Body[len(sealMagic):]
	case bytes.HasPrefix(rec.Body, sealMagicV1):
		aead, err = c.recordAEADv1()
		rest = rec.Body[len(sealMagicV1):]
	default:
		return rec.Body, nil
	}
	if err != nil {
		return nil, err
	}
	if len(rest) < aead.NonceSize() {
		return nil, errors.New("idempotency record: sealed body too short")
	}
	body, err := aead.Open(nil, rest[:aead.NonceSize()], rest[aead.NonceSize():], recordAAD(rec))
	if err != nil {
		// Same caller (a rotated API key's new secret) but another credential.
		return nil, errIdempotencyCredential
	}
	return body, nil
}
