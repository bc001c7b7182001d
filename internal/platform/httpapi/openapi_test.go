package httpapi_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// openAPIPath turns a ServeMux pattern into OpenAPI path syntax: {name...} is {name} and a
// trailing {$} (exact match) has no counterpart.
func openAPIPath(pattern string) string {
	pattern = strings.TrimSuffix(pattern, "{$}")
	return strings.ReplaceAll(pattern, "...}", "}")
}

var templateParam = regexp.MustCompile(`\{([^}]+)\}`)

type openAPIDoc struct {
	OpenAPI    string                                `json:"openapi"`
	Info       map[string]any                        `json:"info"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components map[string]map[string]any             `json:"components"`
}

func loadDocument(t *testing.T) openAPIDoc {
	t.Helper()
	var doc openAPIDoc
	if err := json.Unmarshal(httpapi.OpenAPIDocument, &doc); err != nil {
		t.Fatalf("openapi.json is not valid JSON: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi = %q, want 3.x", doc.OpenAPI)
	}
	if doc.Info["title"] == nil || doc.Info["version"] == nil {
		t.Errorf("info needs title and version: %v", doc.Info)
	}
	if len(doc.Paths) == 0 || len(doc.Components["schemas"]) == 0 {
		t.Fatal("openapi.json has no paths or no component schemas")
	}
	if _, ok := doc.Components["securitySchemes"]["bearerAuth"]; !ok {
		t.Error("no bearerAuth security scheme")
	}
	return doc
}

type parameter struct {
	Name string `json:"name"`
	In   string `json:"in"`
}

var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// The document describes exactly the routes the handler serves.
func TestOpenAPIDocumentMatchesRoutes(t *testing.T) {
	doc := loadDocument(t)
	served := map[string]bool{}
	for _, rt := range httpapi.Routes() {
		path := openAPIPath(rt.Pattern)
		method := strings.ToLower(rt.Method)
		served[method+" "+path] = true
		raw, ok := doc.Paths[path][method]
		if !ok {
			t.Errorf("route %s %s (%s) is missing from openapi.json", rt.Method, rt.Pattern, rt.Name)
			continue
		}
		var op struct {
			OperationID string         `json:"operationId"`
			Parameters  []parameter    `json:"parameters"`
			Responses   map[string]any `json:"responses"`
		}
		if err := json.Unmarshal(raw, &op); err != nil {
			t.Errorf("%s %s: %v", method, path, err)
			continue
		}
		if op.OperationID != rt.Name {
			t.Errorf("%s %s: operationId %q, want the route name %q", method, path, op.OperationID, rt.Name)
		}
		if len(op.Responses) == 0 {
			t.Errorf("%s %s: no responses", method, path)
		}
		// Every template parameter is declared as a path parameter.
		for _, m := range templateParam.FindAllStringSubmatch(path, -1) {
			if !slices.Contains(op.Parameters, parameter{Name: m[1], In: "path"}) {
				t.Errorf("%s %s: path parameter %s is not declared", method, path, m[1])
			}
		}
	}
	for path, item := range doc.Paths {
		for method := range item {
			if !slices.Contains(httpMethods, method) {
				continue // path-level keys such as parameters or summary
			}
			if !served[method+" "+path] {
				t.Errorf("openapi.json describes %s %s, which the handler does not serve", strings.ToUpper(method), path)
			}
		}
	}
}

// Every $ref points at something the document defines.
func TestOpenAPIReferencesResolve(t *testing.T) {
	loadDocument(t)
	var root any
	if err := json.Unmarshal(httpapi.OpenAPIDocument, &root); err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, child := range x {
				if s, ok := child.(string); ok && k == "$ref" {
					if !resolves(root, s) {
						t.Errorf("$ref %s does not resolve", s)
					}
					continue
				}
				walk(child)
			}
		case []any:
			for _, child := range x {
				walk(child)
			}
		}
	}
	walk(root)
}

func resolves(root any, ref string) bool {
	path, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return false
	}
	cur := root
	for _, part := range strings.Split(path, "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = m[strings.ReplaceAll(strings.ReplaceAll(part, "~1", "/"), "~0", "~")]; !ok {
			return false
		}
	}
	return true
}
