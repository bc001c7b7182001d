package openapigen

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// object is one JSON object of the document. encoding/json writes map keys sorted, so the
// generated file is deterministic.
type object = map[string]any

// schemas turns Go types into OpenAPI schemas, following encoding/json's rules (json tags,
// omitempty, embedded structs), so the document describes exactly what the server encodes and
// decodes.
type schemas struct {
	names      map[reflect.Type]string // types that are components, by component name
	components object
	// enums lists the allowed values of named string types (Plan, Cloud, ...).
	enums map[reflect.Type][]string
	// fields refines single properties: "Component.field" -> extra keywords (enum,
	// description, pattern, ...).
	fields map[string]object
}

var timeType = reflect.TypeFor[time.Time]()

func ref(name string) object { return object{"$ref": "#/components/schemas/" + name} }

// component registers t as a component schema under name. request marks an input: unknown fields
// are refused (additionalProperties false) and fields without omitempty are required unless
// listed in optional. In responses every field without omitempty is always present (required).
func (s *schemas) component(name string, t reflect.Type, description string, request bool, optional ...string) {
	if !request {
		// Other schemas refer to response types by type (NodePool in ClusterCreate, APIKey in
		// CreatedAPIKey); request types are only referred to by operations, by name.
		s.names[t] = name
	}
	sch := s.structSchema(name, t, request, optional)
	if description != "" {
		sch["description"] = description
	}
	s.components[name] = sch
}

var rawJSONType = reflect.TypeFor[json.RawMessage]()

func (s *schemas) schemaOf(t reflect.Type) object {
	if name, ok := s.names[t]; ok {
		return ref(name)
	}
	if t == timeType {
		return object{"type": "string", "format": "date-time"}
	}
	if t == rawJSONType {
		return object{} // any JSON value
	}
	if values, ok := s.enums[t]; ok {
		return object{"type": "string", "enum": values}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return s.schemaOf(t.Elem())
	case reflect.String:
		return object{"type": "string"}
	case reflect.Bool:
		return object{"type": "boolean"}
	case reflect.Int, reflect.Int32:
		return object{"type": "integer"}
	case reflect.Int64:
		return object{"type": "integer", "format": "int64"}
	case reflect.Slice:
		return object{"type": "array", "items": s.schemaOf(t.Elem())}
	case reflect.Map:
		return object{"type": "object", "additionalProperties": s.schemaOf(t.Elem())}
	case reflect.Struct:
		panic(fmt.Sprintf("openapigen: struct %s is not a component", t))
	}
	panic(fmt.Sprintf("openapigen: no schema for %s", t))
}

// structSchema builds the schema of struct t. An embedded struct that is itself a component
// becomes allOf [component, the rest]; any other embedded struct (Meta) is flattened, as
// encoding/json does.
func (s *schemas) structSchema(name string, t reflect.Type, request bool, optional []string) object {
	props := object{}
	var required []string
	var base string
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for i := range t.NumField() {
			f := t.Field(i)
			tag := f.Tag.Get("json")
			if !f.IsExported() || tag == "-" {
				continue
			}
			key, opts, _ := strings.Cut(tag, ",")
			if f.Anonymous && key == "" {
				if n, ok := s.names[f.Type]; ok && base == "" {
					base = n
				} else {
					walk(f.Type)
				}
				continue
			}
			if key == "" {
				key = f.Name
			}
			omitempty := strings.Contains(opts, "omitempty") || strings.Contains(opts, "omitzero")
			p := s.schemaOf(f.Type)
			if f.Type.Kind() == reflect.Pointer && !omitempty && !request {
				p = nullable(p)
			}
			if extra, ok := s.fields[name+"."+key]; ok {
				p = merge(p, extra)
			}
			props[key] = p
			if !omitempty && !slices.Contains(optional, key) {
				required = append(required, key)
			}
		}
	}
	walk(t)
	sch := object{"type": "object", "properties": props}
	if len(required) > 0 {
		sch["required"] = required
	}
	if request {
		sch["additionalProperties"] = false
	}
	if base != "" {
		return object{"allOf": []any{ref(base), sch}}
	}
	return sch
}

// nullable marks a schema as also accepting null (OpenAPI 3.0 style; a $ref cannot take
// siblings, so it is wrapped).
func nullable(p object) object {
	if _, isRef := p["$ref"]; isRef {
		return object{"allOf": []any{p}, "nullable": true}
	}
	out := merge(p, nil)
	out["nullable"] = true
	return out
}

// merge returns a copy of a with b's keys added. A $ref keeps its siblings out of the way
// (OpenAPI 3.0 ignores them), so it is wrapped in allOf first.
func merge(a, b object) object {
	if _, isRef := a["$ref"]; isRef && len(b) > 0 {
		a = object{"allOf": []any{a}}
	}
	out := make(object, len(a)+len(b))
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
