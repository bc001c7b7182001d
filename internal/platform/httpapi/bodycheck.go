package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// encoding/json is lenient where the API must not be: it replaces invalid UTF-8 (and escapes
// of lone surrogates) with U+FFFD, matches field names in any case, and keeps the last of
// repeated keys. What the client sent would then be stored as something else, silently. The
// checks below refuse those bodies before decoding.

// checkText refuses a body that is not UTF-8 or whose strings escape a lone surrogate
// ("\ud800"): neither is text, and encoding/json would store U+FFFD in its place.
func checkText(body []byte) error {
	const reason = "must be valid UTF-8"
	if !utf8.Valid(body) {
		return invalid("body", reason)
	}
	if !validEscapes(body) {
		return invalid("body", reason+` (\u escapes of surrogates must come in pairs)`)
	}
	return nil
}

// validEscapes reports whether every \u escape of a surrogate in the strings of the JSON text
// body is a high surrogate followed by an escaped low one. Malformed JSON is left to the
// decoder: only complete escapes are judged.
func validEscapes(body []byte) bool {
	if !bytes.Contains(body, []byte(`\u`)) {
		return true
	}
	inString := false
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '"':
			inString = !inString
		case c == '\\' && inString && i+1 < len(body):
			if body[i+1] != 'u' {
				i++ // \" \\ and the others: skip the escaped byte
				continue
			}
			r, ok := hex4(body, i+2)
			if !ok {
				i++
				continue // malformed: the decoder says so
			}
			i += 5 // the last byte of \uXXXX
			switch {
			case r >= 0xDC00 && r <= 0xDFFF:
				return false // a low surrogate with no high one before it
			case r >= 0xD800 && r <= 0xDBFF:
				lo, ok := rune(0), i+2 < len(body) && body[i+1] == '\\' && body[i+2] == 'u'
				if ok {
					lo, ok = hex4(body, i+3)
				}
				if !ok || lo < 0xDC00 || lo > 0xDFFF {
					return false
				}
				i += 6
			}
		}
	}
	return true
}

// hex4 decodes the four hex digits at body[i:].
func hex4(body []byte, i int) (rune, bool) {
	if i+4 > len(body) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(body[i:i+4]), 16, 16)
	return rune(n), err == nil
}

// checkKeys walks the JSON value body against t, the type it decodes into: a key that is no
// field of a struct by its exact JSON name (encoding/json would match it in another case) is an
// unknown field, and a key repeated in one object (encoding/json keeps the last) is refused,
// whatever the object (keys of maps, such as workspace settings, are free but must not repeat
// either). Fields are named by their path ("node_pools[1].name", "settings.key"). Syntax
// errors end the walk without an error: the decoder reports them.
func checkKeys(body []byte, t reflect.Type) error {
	w := keyWalker{dec: json.NewDecoder(bytes.NewReader(body))}
	w.dec.UseNumber() // numbers are not looked at; do not parse them as floats
	w.value(t, "")
	return w.err
}

type keyWalker struct {
	dec   *json.Decoder
	err   error // the first violation; walking stops there
	bad   bool  // a syntax error or too deep: walking stops, the decoder reports it
	depth int
}

// maxWalkDepth is encoding/json's own nesting limit: deeper bodies fail to decode anyway, and
// the walk must not recurse without bound.
const maxWalkDepth = 10000

func (w *keyWalker) done() bool { return w.err != nil || w.bad }

func (w *keyWalker) token() (json.Token, bool) {
	tok, err := w.dec.Token()
	if err != nil {
		w.bad = true
		return nil, false
	}
	return tok, true
}

// value walks one JSON value decoded into t (nil: a type whose keys are not checked, such as
// an interface or a type with its own UnmarshalJSON).
func (w *keyWalker) value(t reflect.Type, path string) {
	tok, ok := w.token()
	if !ok {
		return
	}
	t = walkType(t)
	if d, ok := tok.(json.Delim); ok && (d == '{' || d == '[') {
		if w.depth++; w.depth > maxWalkDepth {
			w.bad = true
			return
		}
		defer func() { w.depth-- }()
	}
	switch tok {
	case json.Delim('{'):
		w.object(t, path)
	case json.Delim('['):
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i := 0; w.dec.More() && !w.done(); i++ {
			w.value(elem, path+"["+strconv.Itoa(i)+"]")
		}
		if !w.done() {
			w.token() // ]
		}
	}
}

func (w *keyWalker) object(t reflect.Type, path string) {
	var fields map[string]reflect.Type // struct: its fields by exact JSON name
	var elem reflect.Type              // map: its values
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = jsonFields(t)
		case reflect.Map:
			elem = t.Elem()
		}
	}
	seen := map[string]bool{}
	for w.dec.More() && !w.done() {
		tok, ok := w.token()
		if !ok {
			return
		}
		key, _ := tok.(string) // object keys are always strings
		name := fieldPath(path, key)
		if seen[key] {
			what := "duplicate key"
			if fields != nil {
				what = "duplicate field"
			}
			w.err = invalid(name, what+": each may appear only once")
			return
		}
		seen[key] = true
		vt := elem
		if fields != nil {
			ft, known := fields[key]
			if !known {
				w.err = invalid(name, unknownReason(fields, key))
				return
			}
			vt = ft
		}
		w.value(vt, name)
	}
	if !w.done() {
		w.token() // }
	}
}

// unknownReason says "unknown field", and which field was meant when only the case differs.
func unknownReason(fields map[string]reflect.Type, key string) string {
	for name := range fields {
		if strings.EqualFold(name, key) {
			return fmt.Sprintf("unknown field (field names are case-sensitive: did you mean %q?)", name)
		}
	}
	return "unknown field"
}

// maxKeyInPath bounds how much of a client's key an error repeats.
const maxKeyInPath = 64

func fieldPath(path, key string) string {
	if len(key) > maxKeyInPath {
		key = strings.ToValidUTF8(key[:maxKeyInPath], "") + "..."
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	fieldCache      sync.Map // reflect.Type -> map[string]reflect.Type
)

// walkType follows pointers and drops types whose JSON form is their own business.
func walkType(t reflect.Type) reflect.Type {
	for t != nil {
		if t.Implements(jsonUnmarshaler) || reflect.PointerTo(t).Implements(jsonUnmarshaler) || t.Kind() == reflect.Interface {
			return nil
		}
		if t.Kind() != reflect.Pointer {
			return t
		}
		t = t.Elem()
	}
	return nil
}

// jsonFields lists the fields encoding/json decodes into a struct, by their exact JSON names:
// the tag's name or the Go name, with embedded structs' fields promoted (the shallower field
// wins, as in encoding/json; ambiguous names at one depth are not decoded by it and are left
// out here).
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if v, ok := fieldCache.Load(t); ok {
		return v.(map[string]reflect.Type)
	}
	type found struct {
		t     reflect.Type
		depth int
		count int
	}
	all := map[string]*found{}
	var visit func(t reflect.Type, depth int, seen map[reflect.Type]bool)
	visit = func(t reflect.Type, depth int, seen map[reflect.Type]bool) {
		if seen[t] {
			return
		}
		seen[t] = true
		defer delete(seen, t)
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			ft := f.Type
			if f.Anonymous && name == "" {
				et := ft
				if et.Kind() == reflect.Pointer {
					et = et.Elem()
				}
				if et.Kind() == reflect.Struct {
					visit(et, depth+1, seen)
					continue
				}
			}
			if !f.IsExported() {
				continue
			}
			if name == "" {
				name = f.Name
			}
			switch prev := all[name]; {
			case prev == nil || depth < prev.depth:
				all[name] = &found{t: ft, depth: depth, count: 1}
			case depth == prev.depth:
				prev.count++
			}
		}
	}
	visit(t, 0, map[reflect.Type]bool{})
	fields := make(map[string]reflect.Type, len(all))
	for name, f := range all {
		if f.count == 1 {
			fields[name] = f.t
		}
	}
	fieldCache.Store(t, fields)
	return fields
}
