package provider

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// importIDFormat is how a resource type's import id is written: its parts, separated by "/",
// an example, and a further check of the parts (nil: none).
type importIDFormat struct {
	format, example string
	check           func(id string, parts []string) error
}

// importIDFormats is every resource type's import id, the one place it is defined: every
// ImportState parses with it (importIDParts) and so does the parse_import_id function, so the two
// cannot disagree. TestImportIDFormatsCoverResources checks that no resource type is missing.
var importIDFormats = map[string]importIDFormat{
	"platform_api_key": {"workspace/key_id", "acme/key_abc123", func(id string, parts []string) error {
		if !strings.HasPrefix(parts[1], "key_") {
			return fmt.Errorf("API keys are imported by id, as %q (for example \"acme/key_abc123\"), not by name: key "+
				"names are not unique. Got %q. Find the id with the platform_api_keys data source or GET "+
				"/v1/workspaces/%s/api-keys", "workspace/key_id", id, parts[0])
		}
		return nil
	}},
	"platform_cluster":             {"workspace/cluster", "acme/prod-eu", nil},
	"platform_deployment":          {"workspace/project/deployment", "acme/web/frontend", nil},
	"platform_github_installation": {"workspace/installation_id", "acme/12345678", nil},
	"platform_installation":        {"workspace/installation", "acme/shop-eu", nil},
	"platform_organization":        {"organization", "acme", nil},
	"platform_organization_member": {"organization/email", "acme/alice@example.com", nil},
	"platform_product":             {"workspace/product", "acme/shop", nil},
	"platform_product_release":     {"workspace/product/tag", "acme/shop/1.4.0", nil},
	"platform_project":             {"workspace/project", "acme/web", nil},
	"platform_project_member":      {"workspace/project/email", "acme/web/alice@example.com", nil},
	"platform_project_members":     {"workspace/project", "acme/web", nil},
	"platform_region":              {"workspace/region", "acme/prod-eu", nil},
	"platform_role":                {"workspace/role", "acme/deployer", nil},
	"platform_secret":              {"workspace/secret", "acme/DB_PASSWORD", nil},
	"platform_stripe_account":      {"workspace", "acme", nil},
	"platform_workspace":           {"workspace", "acme", nil},
	"platform_workspace_member":    {"workspace/email", "acme/alice@example.com", nil},
	"platform_workspace_members":   {"workspace", "acme", nil},
}

// importIDKinds lists the resource types of importIDFormats, sorted.
func importIDKinds() []string { return slices.Sorted(maps.Keys(importIDFormats)) }

// parseImportIDOf parses an import id of the resource type kind (a key of importIDFormats): the
// parser of every ImportState and of the parse_import_id function.
func parseImportIDOf(kind, id string) ([]string, error) {
	f, ok := importIDFormats[kind]
	if !ok {
		return nil, fmt.Errorf("%q is not a resource type with an import id", kind) // a programming error
	}
	parts, err := parseImportID(id, f.format, f.example)
	if err == nil && f.check != nil {
		err = f.check(id, parts)
	}
	if err != nil {
		return nil, err
	}
	return parts, nil
}
