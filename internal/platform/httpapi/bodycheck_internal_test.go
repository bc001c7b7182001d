package httpapi

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestValidEscapes(t *testing.T) {
	for body, want := range map[string]bool{
		`{"a":"plain"}`:                    true,
		`{"a":"\u00fc\u0041"}`:             true,
		`{"a":"\ud83d\ude00"}`:             true,
		`{"a":"\\ud800"}`:                  true, // an escaped backslash, then text
		`{"a":"\\\ud83d\ude00"}`:           true,
		`{"a":"\"\ud83d\udE00\""}`:         true,
		`{"\ud83d\ude00":1}`:               true,
		`{"a":"\ud800"}`:                   false,
		`{"a":"\ud800x"}`:                  false,
		`{"a":"\ud800\n"}`:                 false,
		`{"a":"\ud800\u0041"}`:             false,
		`{"a":"\udc00"}`:                   false,
		`{"a":"\udc00\ud800"}`:             false,
		`{"a":"\ud83d\ude00\udc00"}`:       false,
		`{"\udfff":1}`:                     false,
		`{"a":"\\\udfff"}`:                 false,
		`{"a":"\ud8`:                       true, // malformed: the decoder reports it
		`{"a":"\uzzzz"}`:                   true,
		`{"a":"\ud800\u`:                   false,
		`{"a":"x"} "\ud800"`:               false,
		`{"a":"\u0022\ud800"}`:             false, // \u0022 is a quote inside the string
		`{"a":"\u005c\ud800"}`:             false, // so is \u005c a backslash
		`{"a":"\u005c\u005c\ud83d\ude00"}`: true,
	} {
		if got := validEscapes([]byte(body)); got != want {
			t.Errorf("validEscapes(%s) = %v, want %v", body, got, want)
		}
		// Whatever validEscapes accepts as valid JSON decodes without U+FFFD.
		var v any
		if want && json.Unmarshal([]byte(body), &v) == nil && containsReplacement(v) {
			t.Errorf("%s decodes to U+FFFD", body)
		}
	}
}

func containsReplacement(v any) bool {
	switch x := v.(type) {
	case string:
		for _, r := range x {
			if r == '\uFFFD' {
				return true
			}
		}
	case map[string]any:
		for k, e := range x {
			if containsReplacement(k) || containsReplacement(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if containsReplacement(e) {
				return true
			}
		}
	}
	return false
}

func TestJSONFields(t *testing.T) {
	type inner struct {
		A string `json:"a"`
		B string
	}
	type dup1 struct {
		X string `json:"x"`
	}
	type dup2 struct {
		X string `json:"x"`
	}
	type outer struct {
		inner
		*dup1
		dup2
		A       int    `json:"a"` // shallower: wins over inner.A
		Skipped string `json:"-"`
		private string //nolint:unused // unexported fields are not decoded: the walk must skip them
		Plain   []int
	}
	got := jsonFields(reflect.TypeFor[outer]())
	want := []string{"a", "B", "Plain"}
	if len(got) != len(want) {
		t.Fatalf("fields %v, want %v", got, want)
	}
	for _, name := range want {
		if _, ok := got[name]; !ok {
			t.Fatalf("fields %v, want %v", got, want)
		}
	}
	if got["a"].Name() != "int" {
		t.Fatalf("a is %v, want the outer int", got["a"])
	}
}

func TestCheckKeysDeepNesting(t *testing.T) {
	type in struct {
		Settings map[string]any `json:"settings"`
	}
	deep := `{"settings":{"k":` + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + `}}`
	if err := checkKeys([]byte(deep), reflect.TypeFor[in]()); err != nil {
		t.Fatalf("too deep is left to the decoder, got %v", err)
	}
	var v in
	if json.Unmarshal([]byte(deep), &v) == nil {
		t.Fatal("encoding/json decoded a body nested 200000 deep")
	}
	ok := `{"settings":{"k":[[{"a":1,"b":[{"a":1}]}]]}}`
	if err := checkKeys([]byte(ok), reflect.TypeFor[in]()); err != nil {
		t.Fatal(err)
	}
	dup := `{"settings":{"k":[[{"a":1,"b":[{"a":1,"a":2}]}]]}}`
	if err := checkKeys([]byte(dup), reflect.TypeFor[in]()); err == nil || !strings.Contains(err.Error(), "settings.k[0][0].b[0].a") {
		t.Fatalf("duplicate in an opaque value: %v", err)
	}
}
