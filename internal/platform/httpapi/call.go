package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/service"
)

// call is one request on its way through a route: what the transport parsed, for the handler.
type call struct {
	*server
	rt  *route
	w   *responseWriter
	r   *http.Request
	ctx context.Context

	caller *platform.Principal
	// credential is the bearer secret, kept only to seal idempotency records of answers that
	// carry secrets. Never logged, never stored.
	credential string

	query     url.Values
	body      []byte
	dryRun    bool
	ifVersion int64               // 0: no precondition
	list      service.ListOptions // list routes
	idemKey   string              // POST or PUT with Idempotency-Key, not a dry run
	heldKey   string              // the key registered as running by claim (exclusive store)

	// replied is the answer rendered inside the service's transaction by the idempotency
	// hook; the response must be byte for byte what the record holds.
	replied *reply
}

// endpoint is the http.Handler of one route.
func (s *server) endpoint(rt *route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rw, ok := w.(*responseWriter)
		if !ok { // only if the mux were mounted without ServeHTTP; keep the contract anyway
			rw = &responseWriter{ResponseWriter: w, requestID: platform.NewID("req_"), ctx: r.Context()}
			rw.Header().Set("X-Request-Id", rw.requestID)
		}
		c := &call{server: s, rt: rt, w: rw, r: r, ctx: r.Context()}
		if err := c.prepare(); err != nil {
			s.fail(rw, err)
			return
		}
		if c.idemKey != "" {
			c.idempotent()
			return
		}
		result, err := rt.h(c)
		if err != nil {
			s.fail(rw, err)
			return
		}
		rep, err := c.render(result)
		if err != nil {
			s.fail(rw, err)
			return
		}
		c.write(rep)
	})
}

// prepare authenticates, rate-limits and parses everything but the JSON body, so that a
// handler finds its inputs ready.
func (c *call) prepare() error {
	if !c.rt.public {
		if err := c.authenticate(); err != nil {
			// Failed attempts count against the client's address, so guessing is throttled.
			if lerr := c.rateLimit("ip:" + remoteIP(c.r)); lerr != nil {
				return lerr
			}
			return err
		}
		// One bucket per user, shared by all of their tokens, and one per API key: more tokens
		// give no more requests.
		if err := c.rateLimit("actor:" + c.caller.Actor()); err != nil {
			return err
		}
	} else if !c.rt.unlimited {
		if err := c.rateLimit("ip:" + remoteIP(c.r)); err != nil {
			return err
		}
	}
	if c.rt == &notFoundRoute {
		return nil
	}
	c.query = c.r.URL.Query()
	method := c.r.Method
	if c.rt.raw {
		return c.readBody() // a webhook: the body as sent, nothing else applies
	}
	mutation := method == http.MethodPost || method == http.MethodPut || method == http.MethodPatch
	if mutation || method == http.MethodDelete {
		var err error
		if c.dryRun, err = c.boolQuery("validate_only"); err != nil {
			return err
		}
		if c.dryRun {
			c.ctx = service.WithValidateOnly(c.ctx)
			if s := c.r.Header.Get(PlanSessionHeader); s != "" {
				if !platform.ValidPlanSessionID(s) {
					return invalid(PlanSessionHeader, "must be 8-128 letters, digits, '_' or '-'")
				}
				c.ctx = service.WithPlanSession(c.ctx, s)
			}
		}
	}
	if method == http.MethodPut || method == http.MethodPatch || method == http.MethodDelete {
		v, err := parseIfMatch(c.r.Header.Values("If-Match"))
		if err != nil {
			return err
		}
		c.ifVersion = v
	}
	if c.rt.kind == kindList {
		if err := c.parseList(); err != nil {
			return err
		}
	}
	if mutation {
		if err := c.readBody(); err != nil {
			return err
		}
	}
	if method == http.MethodPost || method == http.MethodPut {
		// A PUT that creates is a create: its retry must not run it twice either.
		key, err := idempotencyKey(c.r.Header)
		if err != nil {
			return err
		}
		if !c.dryRun { // a dry run writes nothing, not even an idempotency record
			c.idemKey = key
		}
	}
	return nil
}

var errBadAuthHeader = platform.Errorf(platform.CodeUnauthenticated,
	"missing or malformed Authorization header: expected \"Bearer <token>\"")

func (c *call) authenticate() error {
	token, ok := bearer(c.r.Header.Values("Authorization"))
	if !ok {
		return errBadAuthHeader
	}
	p, err := c.svc.Authenticate(c.ctx, token)
	if err != nil {
		return err
	}
	c.caller, c.credential = p, token
	c.w.caller = p.Actor()
	return nil
}

// bearer extracts the token of "Bearer <token>" (scheme case-insensitive, RFC 7235). A
// repeated header is refused rather than guessed at.
func bearer(values []string) (string, bool) {
	if len(values) != 1 {
		return "", false
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(values[0]), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	if token == "" || strings.ContainsAny(token, " \t") {
		return "", false
	}
	return token, true
}

// parseIfMatch accepts `"<version>"`, `W/"<version>"`, a bare version or `*` (any: 0).
func parseIfMatch(values []string) (int64, error) {
	if len(values) == 0 {
		return 0, nil
	}
	const reason = `must be one entity tag as sent in ETag ("<version>") or *`
	if len(values) > 1 {
		return 0, invalid("If-Match", reason)
	}
	v := strings.TrimSpace(values[0])
	if v == "*" {
		return 0, nil
	}
	v = strings.TrimPrefix(v, "W/")
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
	}
	if v == "" || len(v) > 18 || strings.Trim(v, "0123456789") != "" {
		return 0, invalid("If-Match", reason)
	}
	n, _ := strconv.ParseInt(v, 10, 64) // at most 18 digits: always fits
	if n < 1 {
		// Versions start at 1, and 0 would mean "no precondition" to the service.
		return 0, invalid("If-Match", "versions start at 1")
	}
	return n, nil
}

// idempotencyKey validates the optional Idempotency-Key: 1-255 printable ASCII characters.
func idempotencyKey(h http.Header) (string, error) {
	values, present := h["Idempotency-Key"]
	if !present {
		return "", nil
	}
	const reason = "must be 1-255 printable ASCII characters"
	if len(values) != 1 || len(values[0]) < 1 || len(values[0]) > 255 {
		return "", invalid("Idempotency-Key", reason)
	}
	for i := 0; i < len(values[0]); i++ {
		if b := values[0][i]; b < 0x20 || b > 0x7e {
			return "", invalid("Idempotency-Key", reason)
		}
	}
	return values[0], nil
}

func (c *call) boolQuery(name string) (bool, error) {
	values := c.query[name]
	if len(values) == 0 {
		return false, nil
	}
	b, err := strconv.ParseBool(values[len(values)-1])
	if err != nil || len(values) > 1 {
		return false, invalid(name, "must be true or false")
	}
	return b, nil
}

func (c *call) parseList() error {
	if v := c.query.Get("page_size"); v != "" || c.query.Has("page_size") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > service.MaxPageSize {
			return invalid("page_size", fmt.Sprintf("must be an integer from 1 to %d", service.MaxPageSize))
		}
		c.list.PageSize = n
	}
	if tok := c.query.Get("page_token"); tok != "" {
		after, err := c.openPageToken(tok, c.listScope())
		if err != nil {
			return err
		}
		c.list.After = after
	}
	return nil
}

// listScope binds page tokens to one list and one caller.
func (c *call) listScope() string {
	actor := ""
	if c.caller != nil {
		actor = c.caller.Actor()
	}
	return c.r.URL.Path + "\x00" + actor
}

// readBody reads the whole body (it is hashed for idempotency before it is decoded).
func (c *call) readBody() error {
	if c.r.Body == nil {
		return nil
	}
	b, err := io.ReadAll(http.MaxBytesReader(c.w, c.r.Body, c.maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return invalid("body", fmt.Sprintf("must be at most %d bytes", c.maxBody))
	case err != nil:
		return invalid("body", "could not be read")
	}
	// Every body is checked here, decoded or not: encoding/json would turn what is not text
	// into U+FFFD and store that.
	if err := checkText(b); err != nil {
		return err
	}
	c.body = b
	return nil
}

func (c *call) path(name string) string { return c.r.PathValue(name) }

// decode reads the JSON object body into dst, refusing unknown fields (names match exactly, in
// their case), repeated keys and trailing data. Every failure is a 400 naming the field, never
// a 500.
func (c *call) decode(dst any) error {
	body := bytes.TrimSpace(c.body)
	if len(body) == 0 {
		if c.rt.optionalBody {
			return nil
		}
		return invalid("body", "a JSON object is required")
	}
	if body[0] != '{' {
		return invalid("body", "must be a JSON object")
	}
	if err := checkKeys(body, reflect.TypeOf(dst)); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err, dst, body)
	}
	if len(bytes.TrimSpace(body[dec.InputOffset():])) > 0 {
		return invalid("body", "unexpected data after the JSON object")
	}
	return checkTimes(dst)
}

// checkTimes refuses timestamps that leave years 0000-9999 once in UTC (an offset can push
// 9999-12-31T23:59:59-23:00 there). Such a time decodes, but could never be encoded back as
// RFC 3339: stored, it would turn every later read of the object into a 500. The service
// validates expires_at only against the clock, so the transport guards the representation.
func checkTimes(dst any) error {
	v := reflect.ValueOf(dst)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		for f.Kind() == reflect.Pointer && !f.IsNil() {
			f = f.Elem()
		}
		if f.Type() != timeType {
			continue
		}
		if y := f.Interface().(time.Time).UTC().Year(); y < 0 || y > 9999 {
			name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("json"), ",")
			return invalid(name, "must be an RFC 3339 timestamp within years 0000-9999 in UTC")
		}
	}
	return nil
}

func decodeError(err error, dst any, body []byte) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return invalid("body", fmt.Sprintf("malformed JSON at byte %d: %v", syntax.Offset, syntax))
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return invalid("body", "malformed JSON: unexpected end of input")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return invalid(field, "must be "+jsonKind(typ.Type)+", not "+typ.Value)
	}
	// encoding/json reports unknown fields only in its message.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		if unq, uerr := strconv.Unquote(name); uerr == nil {
			name = unq
		}
		return invalid(name, "unknown field")
	}
	// Errors of a field's own UnmarshalJSON (time.Time) carry no field name: find it.
	field, ft := locateField(dst, body)
	reason := "invalid value"
	if ft == timeType {
		reason = "must be an RFC 3339 timestamp string"
	}
	return invalid(field, reason)
}

var timeType = reflect.TypeFor[time.Time]()

// jsonKind names the JSON form of a Go type for error messages.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a valid value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return "an RFC 3339 timestamp string"
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer in range"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a valid value"
}

// locateField finds the top-level field of dst whose JSON value does not decode on its own.
func locateField(dst any, body []byte) (string, reflect.Type) {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return "body", nil
	}
	t := reflect.TypeOf(dst)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return "body", nil
	}
	keys := make([]string, 0, len(top))
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if !f.IsExported() || name == "-" || !strings.EqualFold(name, k) {
				continue
			}
			if json.Unmarshal(top[k], reflect.New(f.Type).Interface()) != nil {
				ft := f.Type
				for ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				return name, ft
			}
		}
	}
	return "body", nil
}

// remoteIP is the peer address. Forwarding headers are not trusted: the reference server is
// reached directly (loopback by default).
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
