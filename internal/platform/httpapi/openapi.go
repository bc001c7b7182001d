package httpapi

import _ "embed" // for the OpenAPI document

// OpenAPIDocument is the OpenAPI description of this API, served at GET /v1/openapi.json when
// passed as Options.OpenAPI. It is generated from Routes() and the API's Go types; openapi_test.go
// fails when it is stale.
//
//go:generate go test ./internal/openapigen -run TestDocument -update
//go:embed openapi.json
var OpenAPIDocument []byte
