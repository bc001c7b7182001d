// Package docgen renders the tables of docs/platform.md from the Go tables the server enforces:
// the permissions of each built-in role and API key access, the project roles, the plans'
// quotas and the error codes with their HTTP statuses. `make generate` writes them into the
// document between markers; a test fails when the committed document differs, so the
// document cannot drift from the code.
//
// A generated block in the document looks like:
//
//	<!-- generated: permissions -->
//	| permission | owner | ... |
//	<!-- end generated -->
package docgen

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
	"github.com/platform-iac/terraform-provider-platform/internal/platform/httpapi"
)

// Tables are the generated blocks by name.
var Tables = map[string]func() string{
	"permissions":   permissions,
	"project-roles": projectRoles,
	"quotas":        quotas,
	"app-quotas":    appQuotas,
	"error-codes":   errorCodes,
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// permissions is the workspace permission table: one row per permission of the catalogue
// that applies to the workspace, one column per built-in role and API key access.
func permissions() string {
	var b strings.Builder
	b.WriteString("| permission | owner | admin | member | viewer | read_write key | read_only key |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, p := range platform.Catalogue {
		if platform.ProjectPermissions.Has(p) {
			continue
		}
		fmt.Fprintf(&b, "| `%s` |", p)
		for _, role := range platform.BuiltinRoles {
			set, _ := platform.WorkspaceRolePermissions(role)
			fmt.Fprintf(&b, " %s |", yes(set.Has(p)))
		}
		for _, a := range []platform.Access{platform.AccessReadWrite, platform.AccessReadOnly} {
			fmt.Fprintf(&b, " %s |", yes(platform.KeyPermissions(a).Has(p)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// projectRoles is the project permission table of the built-in project roles.
func projectRoles() string {
	roles := []string{platform.ProjectRoleAdmin, platform.ProjectRoleMember, platform.ProjectRoleViewer}
	var b strings.Builder
	b.WriteString("| project permission | admin | member | viewer |\n|---|---|---|---|\n")
	for _, p := range platform.Catalogue {
		if !platform.ProjectPermissions.Has(p) {
			continue
		}
		fmt.Fprintf(&b, "| `%s` |", p)
		for _, role := range roles {
			set, _ := platform.ProjectRolePermissions(role)
			fmt.Fprintf(&b, " %s |", yes(set.Has(p)))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// quotas is the table of each plan's limits per workspace.
func quotas() string {
	var b strings.Builder
	b.WriteString("| plan | projects | members | API keys | regions | clusters | custom roles |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, p := range platform.Plans {
		l, _ := platform.PlanLimits(p)
		roles := "not allowed"
		if l.CustomRoles > 0 {
			roles = fmt.Sprint(l.CustomRoles)
		}
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %d | %d | %s |\n", p, l.Projects, l.Members, l.APIKeys, l.Regions, l.Clusters, roles)
	}
	return b.String()
}

// appQuotas is the table of each plan's limits per workspace on the objects of section 11.
func appQuotas() string {
	var b strings.Builder
	b.WriteString("| plan | products | paid listed products | installations | deployments | secrets | GitHub App installations |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, p := range platform.Plans {
		l, _ := platform.PlanLimits(p)
		paid := "not allowed"
		if l.PaidListedProducts {
			paid = "allowed"
		}
		fmt.Fprintf(&b, "| `%s` | %d | %s | %d | %d | %d | %d |\n", p, l.Products, paid, l.Installations, l.Deployments,
			l.Secrets, l.GitHubInstallations)
	}
	return b.String()
}

// errorCodes is the table of error codes and the statuses the API answers them with.
func errorCodes() string {
	var b strings.Builder
	b.WriteString("| code | status |\n|---|---|\n")
	for _, c := range platform.Codes {
		s := httpapi.StatusOf(c)
		fmt.Fprintf(&b, "| `%s` | %d %s |\n", c, s, http.StatusText(s))
	}
	return b.String()
}

var block = regexp.MustCompile(`(?s)(<!-- generated: ([a-z-]+) -->\n).*?(<!-- end generated -->)`)

// Apply fills every generated block of doc. An unknown block name is an error, and so is a
// table that the document does not have a block for (every table must be shown).
func Apply(doc string) (string, error) {
	var err error
	seen := map[string]bool{}
	out := block.ReplaceAllStringFunc(doc, func(m string) string {
		parts := block.FindStringSubmatch(m)
		render, ok := Tables[parts[2]]
		if !ok {
			err = fmt.Errorf("docgen: unknown generated block %q", parts[2])
			return m
		}
		seen[parts[2]] = true
		return parts[1] + render() + parts[3]
	})
	if err != nil {
		return "", err
	}
	for name := range Tables {
		if !seen[name] {
			return "", fmt.Errorf("docgen: the document has no <!-- generated: %s --> block", name)
		}
	}
	return out, nil
}
