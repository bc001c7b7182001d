package provider

// The provider restates the server's field rules as plan-time validators (it may not import the
// server's packages), so nothing but this test notices when the two drift apart: the plan then
// either refuses what the server accepts, or passes a value the apply fails on. One table of
// inputs is fed to every validated attribute of every resource schema, as Terraform would
// (the schema's own validators, not copies of them), and to the domain rule the server applies
// to the same field (internal/platform, mostly through the entity's Validate); both must
// accept or both refuse. The server is the authority. Differences that are deliberate are
// listed in syncExceptions with the reason.

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-platform/internal/platform"
)

// syncStrings are the inputs of every string attribute: valid values of every kind of field,
// boundary lengths, reserved words, built-in role names, upper case, unicode, white space and
// control characters, "--", leading and trailing hyphens, ids, role ids, versions, e-mails and
// times.
func syncStrings() []string {
	rep := strings.Repeat
	id16 := "abcdefghij234567"
	in := []string{
		"", "a", "ab", "abc", "acme", "acme-prod", "a1", "a-1", "a-b-c", "web2",
		"Acme", "ACME", "aCME", "acme-", "-acme", "ac--me", "ac---me", "ac_me", "ac.me", "ac me", "1acme", "9", "12",
		"api", "admin", "new", "settings", "v1", "owner", "member", "viewer", "billing", "Owner",
		rep("a", 39), rep("a", 40), rep("a", 41), "a" + rep("-b", 19), "a" + rep("-b", 20),
		rep("a", 62), rep("a", 63), rep("a", 64), rep("a", 65),
		rep("x", 99), rep("x", 100), rep("x", 101), rep("é", 100), rep("é", 101), rep("日", 100),
		rep("d", 999), rep("d", 1000), rep("d", 1001), rep("ü", 1000), rep("ü", 1001),
		"acmé", "ｃｌｕｓｔｅｒ", "ß", "日本語", "🚀", "Acme Inc.", "Ünïcödé GmbH", "🚀 launch",
		" acme", "acme ", "\tacme", "acme\n", "a\nb", "a\tb", "a\rb", "a\x00b", "a\x01b", "a\x7fb", "a\u0085b",
		"a\u00a0b", "\u00a0acme", "a\u200bb", "a\u2028b", "a\u3000b", "  ",
		// Ids and references.
		"reg_" + id16, "prj_" + id16, "org_" + id16, "ws_" + id16, "cls_" + id16, "usr_" + id16,
		"reg_" + id16[:15], "reg_" + id16 + "a", "reg_ABCDEFGHIJ234567", "reg_abcdefghij234568", "reg_abcdefghij23456-",
		"reg_", "reg_x", "prj_abc", "org_abc", "reg", "region_" + id16,
		// Roles.
		"role_" + id16, "role_abc", "role_a", "role_", "role_ABC", "role_abc1", "role_abc-def", "role_abc_def",
		// Kubernetes versions.
		"1.28", "1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.9", "1.10", "2.0", "0.1", "01.30", "1.030",
		"1.31.2", "1.", ".31", "1", "v1.31", "1.31 ", "1,31", "1.1234567", "1234567.1",
		// Locations and machine types.
		"eu-central-1", "fsn1", "westeurope", "fail-1", "us-east-1", "eu--central", "EU", "eu_central", "1a",
		"m5.large", "n2-standard-4", "e2_small", "p3.2xlarge", ".m5", "-m5", "_m5", "M5.large", "m5..large", "m5/large",
		rep("m", 64), rep("m", 65),
		// Enumerations.
		"aws", "gcp", "azure", "hetzner", "AWS", "ibm", "free", "pro", "enterprise", "Free", "read_only", "read_write", "readonly",
		// E-mail addresses.
		"alice@example.com", "Alice@Example.COM", "alice+tag@example.co.uk", "alice.smith@sub.example.com",
		"admin@localhost", "admin@LOCALHOST", "alice@example", "alice@[192.0.2.1]", "Alice <alice@example.com>",
		"<alice@example.com>", "alice@@example.com", "alice.example.com", "@example.com", "alice@", "alice@example.com.",
		"alice@example..com", "al ice@example.com", `"alice"@example.com`, `"al ice"@example.com`, "alice(x)@example.com",
		"ålice@example.com", "alice@exämple.com", "usr_x@example.com", " alice@example.com", "alice@example.com ",
		"\u00a0alice@example.com", "alice@example.com\n", "alice\u00a0smith@example.com",
		rep("a", 64) + "@" + rep("b", 63) + "." + rep("c", 63) + "." + rep("d", 57) + ".com",
		rep("a", 64) + "@" + rep("b", 63) + "." + rep("c", 63) + "." + rep("d", 58) + ".com",
		// Times.
		"2030-01-02T15:04:05Z", "2030-01-02T15:04:05.123456789+02:00", "2030-01-02T15:04:05+01:00", "2030-01-02",
		"2030-01-02 15:04:05Z", "2030-01-02T15:04:05", "2020-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
		"9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00Z", "0000-01-01T00:00:00+01:00", "2030-02-30T00:00:00Z",
		"2030-01-02T24:00:00Z", "2030-01-02t15:04:05z",
	}
	in = append(in, productSyncStrings()...)
	in = append(in, deploymentSyncStrings()...)
	in = append(in, stripeAccountSyncStrings()...)
	// Invalid UTF-8 is left out: Terraform strings are Unicode, so no configuration holds it.
	return in
}

// domainString is the server's rule for one string attribute: whether it refuses s.
type domainString func(s string) bool

// refuses reports whether err is the domain's invalid_argument naming field (or a sub-field
// of it, such as node_pools[0].name or settings.key).
func refuses(err error, field string) bool {
	var pe *platform.Error
	if !errors.As(err, &pe) {
		return err != nil
	}
	for _, d := range pe.Details {
		if d.Field == field || strings.HasPrefix(d.Field, field+".") || strings.HasPrefix(d.Field, field+"[") {
			return true
		}
	}
	return false
}

// violates runs one of the domain's Validate* functions.
func violates(check func(v *platform.Violations, field string)) bool {
	var v platform.Violations
	check(&v, "f")
	return v.Err() != nil
}

// validCluster is a cluster the domain accepts; each case changes one field.
func validCluster() platform.Cluster {
	return platform.Cluster{Name: "prod", Cloud: platform.CloudAWS, Location: "eu-central-1", KubernetesVersion: "1.31",
		NodePools: []platform.NodePool{{Name: "default", MachineType: "m5.large", MinNodes: 1, MaxNodes: 3}}}
}

func clusterRefuses(field string, set func(c *platform.Cluster)) bool {
	c := validCluster()
	set(&c)
	return refuses(c.Validate(), field)
}

// stringRules maps "<resource type>.<attribute>" to the server's rule for that field.
var stringRules = map[string]domainString{
	"platform_organization.slug": func(s string) bool {
		return refuses((&platform.Organization{Slug: s, Name: "Acme"}).Validate(), "slug")
	},
	"platform_organization.name": func(s string) bool {
		return refuses((&platform.Organization{Slug: "acme", Name: s}).Validate(), "name")
	},
	"platform_organization_member.email": func(s string) bool { return emailRefused(s) },
	"platform_organization_member.role": func(s string) bool {
		return violates(func(v *platform.Violations, f string) { platform.ValidateOrganizationRole(v, f, s) })
	},
	"platform_workspace.slug": func(s string) bool {
		return refuses((&platform.Workspace{Slug: s, Name: "Acme", Plan: platform.PlanFree}).Validate(), "slug")
	},
	"platform_workspace.name": func(s string) bool {
		return refuses((&platform.Workspace{Slug: "acme", Name: s, Plan: platform.PlanFree}).Validate(), "name")
	},
	"platform_workspace.description": func(s string) bool {
		return refuses((&platform.Workspace{Slug: "acme", Name: "Acme", Plan: platform.PlanFree, Description: s}).Validate(), "description")
	},
	"platform_workspace.plan": func(s string) bool {
		return refuses((&platform.Workspace{Slug: "acme", Name: "Acme", Plan: platform.Plan(s)}).Validate(), "plan")
	},
	"platform_workspace.managing_organization_id": func(s string) bool {
		return refuses((&platform.Workspace{Slug: "acme", Name: "Acme", Plan: platform.PlanFree, ManagingOrganizationID: s}).Validate(),
			"managing_organization_id")
	},
	"platform_workspace_member.email": func(s string) bool { return emailRefused(s) },
	"platform_workspace_member.role": func(s string) bool {
		return violates(func(v *platform.Violations, f string) { platform.ValidateWorkspaceRole(v, f, s) })
	},
	"platform_project.slug": func(s string) bool {
		return refuses((&platform.Project{Slug: s, Name: "Web"}).Validate(), "slug")
	},
	"platform_project.name": func(s string) bool {
		return refuses((&platform.Project{Slug: "web", Name: s}).Validate(), "name")
	},
	"platform_project.description": func(s string) bool {
		return refuses((&platform.Project{Slug: "web", Name: "Web", Description: s}).Validate(), "description")
	},
	"platform_project_member.email": func(s string) bool { return emailRefused(s) },
	"platform_project_member.role": func(s string) bool {
		return violates(func(v *platform.Violations, f string) { platform.ValidateProjectRole(v, f, s) })
	},
	"platform_role.name": func(s string) bool {
		return refuses((&platform.Role{Name: s, Permissions: []platform.Permission{platform.PermWorkspaceRead}}).Validate(), "name")
	},
	"platform_role.description": func(s string) bool {
		return refuses((&platform.Role{Name: "deployer", Description: s, Permissions: []platform.Permission{platform.PermWorkspaceRead}}).Validate(),
			"description")
	},
	"platform_api_key.name": func(s string) bool {
		return refuses((&platform.APIKey{Name: s, Access: platform.AccessReadOnly}).Validate(time.Now()), "name")
	},
	"platform_api_key.access": func(s string) bool {
		return refuses((&platform.APIKey{Name: "ci", Access: platform.Access(s)}).Validate(time.Now()), "access")
	},
	// The provider sends expires_at as a time (it parses the attribute, the client encodes the
	// time): what the server must accept is the parsed time, within the years it can encode.
	// That it lies in the future is checked by the resource's ModifyPlan for a new key.
	"platform_api_key.expires_at": func(s string) bool {
		return violates(func(v *platform.Violations, f string) { platform.ParseRFC3339(v, f, s) })
	},
	"platform_region.name": func(s string) bool {
		return refuses((&platform.Region{Name: s}).Validate(), "name")
	},
	"platform_region.description": func(s string) bool {
		return refuses((&platform.Region{Name: "europe", Description: s}).Validate(), "description")
	},
	"platform_cluster.name": func(s string) bool {
		return clusterRefuses("name", func(c *platform.Cluster) { c.Name = s })
	},
	"platform_cluster.region_id": func(s string) bool {
		return clusterRefuses("region_id", func(c *platform.Cluster) { c.RegionID = s })
	},
	"platform_cluster.project_id": func(s string) bool {
		return clusterRefuses("project_id", func(c *platform.Cluster) { c.ProjectID = s })
	},
	"platform_cluster.cloud": func(s string) bool {
		return clusterRefuses("cloud", func(c *platform.Cluster) { c.Cloud = platform.Cloud(s) })
	},
	"platform_cluster.location": func(s string) bool {
		return clusterRefuses("location", func(c *platform.Cluster) { c.Location = s })
	},
	// A new version (create, or a change) must be in the catalogue.
	"platform_cluster.kubernetes_version": func(s string) bool {
		return clusterRefuses("kubernetes_version", func(c *platform.Cluster) { c.KubernetesVersion = s })
	},
	"platform_product.slug": func(s string) bool {
		return productRefuses("slug", func(p *platform.Product) { p.Slug = s })
	},
	"platform_product.name": func(s string) bool {
		return productRefuses("name", func(p *platform.Product) { p.Name = s })
	},
	"platform_product.description": func(s string) bool {
		return productRefuses("description", func(p *platform.Product) { p.Description = s })
	},
	"platform_product.visibility": func(s string) bool {
		return productRefuses("visibility", func(p *platform.Product) { p.Visibility = platform.Visibility(s) })
	},
	"platform_product.price.currency": func(s string) bool {
		return productRefuses("price.currency", func(p *platform.Product) { p.Price.Currency = s })
	},
	"platform_product.price.interval": func(s string) bool {
		return productRefuses("price.interval", func(p *platform.Product) { p.Price.Interval = s })
	},
	"platform_product_release.tag": func(s string) bool {
		return releaseRefuses("tag", func(r *platform.Release) { r.Tag = s })
	},
	"platform_product_release.chart": func(s string) bool {
		return releaseRefuses("chart", func(r *platform.Release) { r.Chart = s })
	},
	"platform_product_release.notes": func(s string) bool {
		return releaseRefuses("notes", func(r *platform.Release) { r.Notes = s })
	},
	// Secrets and GitHub App installations (docs/platform.md section 11).
	"platform_secret.name": func(s string) bool {
		return refuses((&platform.Secret{Name: s}).Validate(), "name")
	},
	"platform_secret.description": func(s string) bool {
		return refuses((&platform.Secret{Name: "DB_PASSWORD", Description: s}).Validate(), "description")
	},
	"platform_secret.value": func(s string) bool {
		return violates(func(v *platform.Violations, f string) { platform.ValidateSecretValue(v, f, []byte(s)) })
	},
	"platform_secret.value_wo": func(s string) bool {
		return violates(func(v *platform.Violations, f string) { platform.ValidateSecretValue(v, f, []byte(s)) })
	},
	"platform_github_installation.account_login": func(s string) bool {
		return githubInstallationRefuses("account_login", func(g *platform.GitHubInstallation) { g.AccountLogin = s })
	},
	"platform_github_installation.account_type": func(s string) bool {
		return githubInstallationRefuses("account_type", func(g *platform.GitHubInstallation) { g.AccountType = s })
	},
	"platform_github_installation.repository_selection": func(s string) bool {
		return githubInstallationRefuses("repository_selection", func(g *platform.GitHubInstallation) {
			g.RepositorySelection = s
			if s != platform.RepositorySelectionSelected {
				g.Repositories = nil // the rule tying repositories to the selection is compared separately
			}
		})
	},
	// The Stripe account (docs/platform.md section 12; stripeAccountRefuses is in stripe_account_resource_test.go).
	"platform_stripe_account.country": func(s string) bool {
		return stripeAccountRefuses("country", func(a *platform.StripeAccount) { a.Country = s })
	},
	"platform_stripe_account.business_type": func(s string) bool {
		return stripeAccountRefuses("business_type", func(a *platform.StripeAccount) { a.BusinessType = s })
	},
	"platform_stripe_account.email": func(s string) bool {
		return stripeAccountRefuses("email", func(a *platform.StripeAccount) { a.Email = platform.NormalizeEmail(s) })
	},
	// Deployments (docs/platform.md section 11; deploymentRefuses is in deployment_resource_test.go).
	"platform_deployment.name": func(s string) bool {
		return deploymentRefuses("name", func(d *platform.Deployment) { d.Name = s })
	},
	"platform_deployment.cluster_id": func(s string) bool {
		return deploymentRefuses("cluster_id", func(d *platform.Deployment) { d.ClusterID = s })
	},
	"platform_deployment.image": func(s string) bool {
		return deploymentRefuses("image", func(d *platform.Deployment) { d.Image = s })
	},
	"platform_deployment.source.github_installation_id": func(s string) bool {
		return deploymentRefuses("source.github_installation_id", func(d *platform.Deployment) { d.Source.GitHubInstallationID = s })
	},
	"platform_deployment.source.repository": func(s string) bool {
		return deploymentRefuses("source.repository", func(d *platform.Deployment) { d.Source.Repository = s })
	},
	"platform_deployment.source.branch": func(s string) bool {
		return deploymentRefuses("source.branch", func(d *platform.Deployment) { d.Source.Branch = s })
	},
	// Installations (docs/platform.md section 11); values and secrets: TestValidatorsAgreeWithServer_installation.
	"platform_installation.name": func(s string) bool {
		return installationRefuses("name", func(in *platform.Installation) { in.Name = s })
	},
	"platform_installation.cluster_id": func(s string) bool {
		return installationRefuses("cluster_id", func(in *platform.Installation) { in.ClusterID = s })
	},
	"platform_installation.namespace": func(s string) bool {
		return installationRefuses("namespace", func(in *platform.Installation) { in.Namespace = s })
	},
	"platform_installation.product_id": func(s string) bool {
		return installationRefuses("source.product_id", func(in *platform.Installation) { in.Source.ProductID = s })
	},
	"platform_installation.tag": func(s string) bool {
		return installationRefuses("source.tag", func(in *platform.Installation) { in.Source.Tag = s })
	},
	// A chart source alone; an empty one is no source at all (refused on "source").
	"platform_installation.chart": func(s string) bool {
		return installationRefuses("source", func(in *platform.Installation) { in.Source = platform.InstallationSource{Chart: s} })
	},
}

// githubInstallationRefuses: a connection the domain accepts, with one field changed by set.
func githubInstallationRefuses(field string, set func(g *platform.GitHubInstallation)) bool {
	g := platform.GitHubInstallation{InstallationID: 1, AccountLogin: "acme", AccountType: platform.GitHubAccountOrganization,
		RepositorySelection: platform.RepositorySelectionSelected, Repositories: []string{"acme/web"}}
	set(&g)
	return refuses(g.Validate(), field)
}

// emailRefused is the server's rule for a member's e-mail: it stores and checks the address
// trimmed and lower-cased.
func emailRefused(s string) bool {
	return violates(func(v *platform.Violations, f string) { platform.ValidateEmail(v, f, platform.NormalizeEmail(s)) })
}

// planChecks are what a plan checks beyond the attribute's validators, emulated: the cluster
// resource's ModifyPlan refuses a new kubernetes_version that the server's catalogue (GET
// /v1/kubernetes-versions, platform.KubernetesVersions) does not list.
var planChecks = map[string]func(s string) bool{
	"platform_cluster.kubernetes_version": func(s string) bool { return !slices.Contains(platform.KubernetesVersions, s) },
	// The validator checks the form of a country code; the plan-time dry run of the PUT gets the
	// server's refusal of a code that is not assigned.
	"platform_stripe_account.country": func(s string) bool { return !platform.IsCountry(s) },
}

// syncException is a deliberate difference: where the provider refuses at plan time what the
// server would take.
type syncException struct {
	applies func(s string) bool
	reason  string
}

var emailWhiteSpace = syncException{
	applies: func(s string) bool { return strings.TrimSpace(s) != s },
	reason: "the server trims an e-mail before it checks and stores it; the provider keeps the configured " +
		"e-mail in the state, so surrounding white space would show as a change after every apply",
}

var emptyRef = syncException{
	applies: func(s string) bool { return s == "" },
	reason: `the server reads "" as no reference; in Terraform that is null (an explicit "" would read back ` +
		`as null, an inconsistent result)`,
}

var syncExceptions = map[string]syncException{
	"platform_organization_member.email":          emailWhiteSpace,
	"platform_workspace_member.email":             emailWhiteSpace,
	"platform_project_member.email":               emailWhiteSpace,
	"platform_stripe_account.email":               emailWhiteSpace,
	"platform_cluster.region_id":                  emptyRef,
	"platform_cluster.project_id":                 emptyRef,
	"platform_workspace.managing_organization_id": emptyRef,
	"platform_api_key.expires_at": {
		applies: func(s string) bool { return s == "" },
		reason:  `no expiry is null in Terraform (the client then sends no expires_at), "" is no time`,
	},
}

// providerOnly lists validated attributes the server has no field rule for, with the reason.
var providerOnly = map[string]string{
	"platform_api_key.workspace_id":                "a path segment: the server looks the id up (not_found), no format rule",
	"platform_cluster.workspace_id":                "a path segment",
	"platform_project.workspace_id":                "a path segment",
	"platform_project_member.workspace_id":         "a path segment",
	"platform_project_member.project_id":           "a path segment",
	"platform_region.workspace_id":                 "a path segment",
	"platform_role.workspace_id":                   "a path segment",
	"platform_workspace_member.workspace_id":       "a path segment",
	"platform_organization_member.organization_id": "a path segment",
	"platform_product.workspace_id":                "a path segment",
	"platform_product_release.workspace_id":        "a path segment",
	"platform_product_release.product_id":          "a path segment",
	"platform_cluster.node_pools.name":             "compared as part of node_pools (TestValidatorsAgreeWithServer_nodePools)",
	"platform_cluster.node_pools.machine_type":     "compared as part of node_pools",
	"platform_cluster.node_pools.min_nodes":        "compared as part of node_pools (min_nodes <= max_nodes is a rule of the pool)",
	"platform_cluster.node_pools.max_nodes":        "compared as part of node_pools",
	"platform_secret.workspace_id":                 "a path segment",
	"platform_github_installation.workspace_id":    "a path segment",
	"platform_stripe_account.workspace_id":         "a path segment",
	"platform_deployment.workspace_id":             "a path segment",
	"platform_deployment.project_id":               "a path segment",
	"platform_installation.workspace_id":           "a path segment",
	"platform_workspace_members.workspace_id":      "a path segment",
	"platform_project_members.workspace_id":        "a path segment",
	"platform_project_members.project_id":          "a path segment",
}

// resourceSchemas are the schemas of every resource the provider serves.
func resourceSchemas(t *testing.T) map[string]rschema.Schema {
	t.Helper()
	ctx := context.Background()
	out := map[string]rschema.Schema{}
	for _, newResource := range (&platformProvider{}).Resources(ctx) {
		r := newResource()
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "platform"}, &meta)
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		if resp.Diagnostics.HasError() {
			t.Fatalf("%s schema: %v", meta.TypeName, resp.Diagnostics)
		}
		out[meta.TypeName] = resp.Schema
	}
	return out
}

// schemaAttribute finds "<type>.<attribute>" ("<type>.<list>.<attribute>" for nested ones).
func schemaAttribute(t *testing.T, schemas map[string]rschema.Schema, key string) rschema.Attribute {
	t.Helper()
	parts := strings.Split(key, ".")
	s, ok := schemas[parts[0]]
	if !ok {
		t.Fatalf("%s: no resource %s", key, parts[0])
	}
	a, ok := s.Attributes[parts[1]]
	for _, name := range parts[2:] {
		switch nested := a.(type) {
		case rschema.ListNestedAttribute:
			a, ok = nested.NestedObject.Attributes[name]
		case rschema.SingleNestedAttribute:
			a, ok = nested.Attributes[name]
		default:
			t.Fatalf("%s: no attribute", key)
		}
	}
	if !ok {
		t.Fatalf("%s: no attribute", key)
	}
	return a
}

// planDiagnostics runs an attribute's validators (and, for nested attributes, those of every
// element and of its attributes) on v, as Terraform's validation of a configuration does.
func planDiagnostics(a rschema.Attribute, p path.Path, v attr.Value) diag.Diagnostics {
	ctx := context.Background()
	var diags diag.Diagnostics
	switch a := a.(type) {
	case rschema.StringAttribute:
		for _, val := range a.Validators {
			var resp validator.StringResponse
			val.ValidateString(ctx, validator.StringRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v.(types.String)}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case rschema.Int64Attribute:
		for _, val := range a.Validators {
			var resp validator.Int64Response
			val.ValidateInt64(ctx, validator.Int64Request{Path: p, PathExpression: p.Expression(), ConfigValue: v.(types.Int64)}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case rschema.MapAttribute:
		for _, val := range a.Validators {
			var resp validator.MapResponse
			val.ValidateMap(ctx, validator.MapRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v.(types.Map)}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case rschema.SetAttribute:
		for _, val := range a.Validators {
			var resp validator.SetResponse
			val.ValidateSet(ctx, validator.SetRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v.(types.Set)}, &resp)
			diags.Append(resp.Diagnostics...)
		}
	case rschema.ListNestedAttribute:
		list := v.(types.List)
		for _, val := range a.Validators {
			var resp validator.ListResponse
			val.ValidateList(ctx, validator.ListRequest{Path: p, PathExpression: p.Expression(), ConfigValue: list}, &resp)
			diags.Append(resp.Diagnostics...)
		}
		for i, e := range list.Elements() {
			obj, ep := e.(types.Object), p.AtListIndex(i)
			for _, val := range a.NestedObject.Validators {
				var resp validator.ObjectResponse
				val.ValidateObject(ctx, validator.ObjectRequest{Path: ep, PathExpression: ep.Expression(), ConfigValue: obj}, &resp)
				diags.Append(resp.Diagnostics...)
			}
			for _, name := range slices.Sorted(maps.Keys(a.NestedObject.Attributes)) {
				diags.Append(planDiagnostics(a.NestedObject.Attributes[name], ep.AtName(name), obj.Attributes()[name])...)
			}
		}
	default:
		diags.AddError("test", fmt.Sprintf("attribute type %T not handled by planDiagnostics", a))
	}
	return diags
}

func verdict(refused bool) string {
	if refused {
		return "refuses"
	}
	return "accepts"
}

func firstError(d diag.Diagnostics) string {
	for _, e := range d.Errors() {
		return ": " + e.Detail()
	}
	return ""
}

// TestValidatorsAgreeWithServer feeds every input to every validated string attribute and to
// the server's rule for that field.
func TestValidatorsAgreeWithServer(t *testing.T) {
	schemas := resourceSchemas(t)
	used := map[string]bool{}
	for _, key := range slices.Sorted(maps.Keys(stringRules)) {
		a := schemaAttribute(t, schemas, key)
		name := key[strings.LastIndexByte(key, '.')+1:]
		for _, s := range syncStrings() {
			d := planDiagnostics(a, path.Root(name), types.StringValue(s))
			plan := d.HasError() || (planChecks[key] != nil && planChecks[key](s))
			server := stringRules[key](s)
			if plan == server {
				continue
			}
			if ex, ok := syncExceptions[key]; ok && plan && ex.applies(s) {
				used[key] = true
				continue
			}
			t.Errorf("%s = %q: the plan %s it, the server %s it%s", key, s, verdict(plan), verdict(server), firstError(d))
		}
	}
	for key, ex := range syncExceptions {
		if !used[key] {
			t.Errorf("syncExceptions[%q] (%s) excused no input: remove it", key, ex.reason)
		}
	}
}

// TestValidatorsAgreeWithServer_nodePools compares the node_pools attribute as a whole (count,
// unique names, each pool's fields and min_nodes <= max_nodes) with the domain's
// ValidateNodePools, through Cluster.Validate.
func TestValidatorsAgreeWithServer_nodePools(t *testing.T) {
	a := schemaAttribute(t, resourceSchemas(t), "platform_cluster.node_pools")
	pool := func(name, machine string, minN, maxN int) platform.NodePool {
		return platform.NodePool{Name: name, MachineType: machine, MinNodes: minN, MaxNodes: maxN}
	}
	n := func(count int) []platform.NodePool {
		out := make([]platform.NodePool, count)
		for i := range out {
			out[i] = pool(fmt.Sprintf("p%d", i), "m5.large", 1, 1)
		}
		return out
	}
	cases := [][]platform.NodePool{
		{}, n(1), n(platform.MaxNodePools), n(platform.MaxNodePools + 1), n(maxNodePools), n(maxNodePools + 1),
		{pool("a", "m5.large", 1, 2), pool("a", "m5.large", 1, 2)},
		{pool("a", "m5.large", 1, 2), pool("b", "m5.large", 1, 2), pool("a", "c5.large", 0, 1)},
	}
	for _, mm := range [][2]int{{-1, 1}, {0, 0}, {0, 1}, {1, 1}, {2, 1}, {1, 0}, {0, -1}, {5, 3}, {0, 1000}, {1000, 1000},
		{0, 1001}, {1001, 1001}, {-5, -5}, {0, platform.MaxNodesPerPool}, {0, maxNodesPerPool + 1}} {
		cases = append(cases, []platform.NodePool{pool("default", "m5.large", mm[0], mm[1])})
	}
	for _, s := range syncStrings() {
		cases = append(cases, []platform.NodePool{pool(s, "m5.large", 1, 1)}, []platform.NodePool{pool("default", s, 1, 1)})
	}
	for _, pools := range cases {
		d := planDiagnostics(a, path.Root("node_pools"), nodePoolsListValue(pools))
		plan := d.HasError()
		server := clusterRefuses("node_pools", func(c *platform.Cluster) { c.NodePools = pools })
		if plan != server {
			t.Errorf("node_pools = %+v: the plan %s it, the server %s it%s", pools, verdict(plan), verdict(server), firstError(d))
		}
	}
}

func nodePoolsListValue(pools []platform.NodePool) types.List {
	objType := types.ObjectType{AttrTypes: map[string]attr.Type{
		"name": types.StringType, "machine_type": types.StringType, "min_nodes": types.Int64Type, "max_nodes": types.Int64Type,
	}}
	elems := make([]attr.Value, len(pools))
	for i, p := range pools {
		elems[i] = types.ObjectValueMust(objType.AttrTypes, map[string]attr.Value{
			"name": types.StringValue(p.Name), "machine_type": types.StringValue(p.MachineType),
			"min_nodes": types.Int64Value(int64(p.MinNodes)), "max_nodes": types.Int64Value(int64(p.MaxNodes)),
		})
	}
	return types.ListValueMust(objType, elems)
}

// TestValidatorsAgreeWithServer_collections compares the settings map, the permission set and
// the API key's grace period.
func TestValidatorsAgreeWithServer_collections(t *testing.T) {
	schemas := resourceSchemas(t)

	settings := schemaAttribute(t, schemas, "platform_workspace.settings")
	many := func(count int) map[string]string {
		m := map[string]string{}
		for i := range count {
			m[fmt.Sprintf("k%d", i)] = "v"
		}
		return m
	}
	maps := []map[string]string{{}, {"region": "eu", "a.b-c_d": "x"}, many(platform.MaxSettings), many(platform.MaxSettings + 1)}
	for _, s := range syncStrings() {
		maps = append(maps, map[string]string{s: "v"}, map[string]string{"key": s})
	}
	for _, n := range []int{platform.SettingValueMaxLen, platform.SettingValueMaxLen + 1} {
		maps = append(maps, map[string]string{"k": strings.Repeat("v", n)}, map[string]string{"k": strings.Repeat("é", n)})
	}
	for _, m := range maps {
		d := planDiagnostics(settings, path.Root("settings"), stringMapValue(m))
		server := refuses((&platform.Workspace{Slug: "acme", Name: "Acme", Plan: platform.PlanFree, Settings: m}).Validate(), "settings")
		if d.HasError() != server {
			t.Errorf("settings = %q: the plan %s it, the server %s it%s", m, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}

	perms := schemaAttribute(t, schemas, "platform_role.permissions")
	sets := [][]string{{}, {string(platform.PermWorkspaceRead)}, {string(platform.PermClustersManage), string(platform.PermClustersRead)}}
	var all []string
	for _, p := range platform.Catalogue {
		sets = append(sets, []string{string(p)})
		all = append(all, string(p))
	}
	sets = append(sets, all)
	for _, s := range syncStrings() {
		sets = append(sets, []string{s}, []string{string(platform.PermWorkspaceRead), s})
	}
	for _, set := range sets {
		d := planDiagnostics(perms, path.Root("permissions"), stringSetValue(set))
		ps := make([]platform.Permission, len(set))
		for i, p := range set {
			ps[i] = platform.Permission(p)
		}
		server := refuses((&platform.Role{Name: "deployer", Permissions: ps}).Validate(), "permissions")
		if d.HasError() != server {
			t.Errorf("permissions = %q: the plan %s it, the server %s it%s", set, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}

	amount := schemaAttribute(t, schemas, "platform_product.price.amount_cents")
	for _, n := range []int64{-1 << 40, -1, 0, 1, 4900, platform.MaxPriceCents, platform.MaxPriceCents + 1, 1 << 40} {
		d := planDiagnostics(amount, path.Root("amount_cents"), types.Int64Value(n))
		server := productRefuses("price.amount_cents", func(p *platform.Product) { p.Price.AmountCents = n })
		if d.HasError() != server {
			t.Errorf("price.amount_cents = %d: the plan %s it, the server %s it%s", n, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}

	grace := schemaAttribute(t, schemas, "platform_api_key.grace_period_seconds")
	for _, n := range []int{-86400, -1, 0, 1, 3600, platform.MaxGracePeriodSeconds, platform.MaxGracePeriodSeconds + 1, 1 << 40} {
		d := planDiagnostics(grace, path.Root("grace_period_seconds"), types.Int64Value(int64(n)))
		server := violates(func(v *platform.Violations, f string) { platform.ValidateGracePeriod(v, f, n) })
		if d.HasError() != server {
			t.Errorf("grace_period_seconds = %d: the plan %s it, the server %s it%s", n, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}
}

// collectionRules are the validated attributes compared by TestValidatorsAgreeWithServer_collections
// and _nodePools.
var collectionRules = []string{
	"platform_workspace.settings", "platform_role.permissions", "platform_api_key.grace_period_seconds", "platform_cluster.node_pools",
	"platform_product.price.amount_cents",
	"platform_github_installation.installation_id", "platform_github_installation.repositories",
	"platform_deployment.replicas", "platform_deployment.env", "platform_deployment.secrets",
	"platform_installation.values", "platform_installation.secrets",
	"platform_workspace_members.members", "platform_project_members.members", // TestValidatorsAgreeWithServer_memberSets
}

// TestValidatorsAgreeWithServer_githubInstallation compares installation_id and repositories
// (the set, its size and each element) with the domain's GitHubInstallation.Validate; the rule
// that repositories are set exactly when repository_selection is "selected" is the resource's
// ValidateConfig (tested in github_installation_resource_test.go).
func TestValidatorsAgreeWithServer_githubInstallation(t *testing.T) {
	schemas := resourceSchemas(t)
	id := schemaAttribute(t, schemas, "platform_github_installation.installation_id")
	for _, n := range []int64{-1 << 40, -1, 0, 1, 2, 12345678, 1 << 40} {
		d := planDiagnostics(id, path.Root("installation_id"), types.Int64Value(n))
		server := githubInstallationRefuses("installation_id", func(g *platform.GitHubInstallation) { g.InstallationID = n })
		if d.HasError() != server {
			t.Errorf("installation_id = %d: the plan %s it, the server %s it%s", n, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}
	repos := schemaAttribute(t, schemas, "platform_github_installation.repositories")
	many := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("acme/repo-%d", i)
		}
		return out
	}
	sets := [][]string{{"acme/web"}, {"acme/web", "acme/api"}, many(platform.MaxGitHubRepositories), many(platform.MaxGitHubRepositories + 1),
		{"a/b"}, {"Acme-Inc/web.site_2"}, {"-acme/web"}, {"acme-/web"}, {"ac--me/web"}, {"acme/"}, {"/web"}, {"acme/web/x"},
		{"acme/" + strings.Repeat("r", 100)}, {"acme/" + strings.Repeat("r", 101)}, {strings.Repeat("a", 39) + "/r"}, {strings.Repeat("a", 40) + "/r"}}
	for _, s := range syncStrings() {
		sets = append(sets, []string{s}, []string{"acme/web", s})
	}
	for _, set := range sets {
		d := planDiagnostics(repos, path.Root("repositories"), stringSetValue(set))
		server := githubInstallationRefuses("repositories", func(g *platform.GitHubInstallation) { g.Repositories = set })
		if d.HasError() != server {
			t.Errorf("repositories = %q: the plan %s it, the server %s it%s", set, verdict(d.HasError()), verdict(server), firstError(d))
		}
	}
}

// TestValidatorsAllCompared fails when a resource attribute has validators but is compared
// with no server rule and not listed in providerOnly: a new validated attribute (or a new
// resource) cannot escape the comparison.
func TestValidatorsAllCompared(t *testing.T) {
	compared := map[string]bool{}
	for key := range stringRules {
		compared[key] = true
	}
	for _, key := range collectionRules {
		compared[key] = true
	}
	var validated []string
	for typeName, s := range resourceSchemas(t) {
		for name, a := range s.Attributes {
			validated = append(validated, validatedAttributes(typeName+"."+name, a)...)
		}
	}
	for _, key := range validated {
		if !compared[key] && providerOnly[key] == "" {
			t.Errorf("%s has plan-time validators but no server rule to agree with: add it to stringRules (or a "+
				"collection test) in internal/provider/validators_sync_test.go, or to providerOnly with the reason", key)
		}
	}
	for key := range providerOnly {
		if !slices.Contains(validated, key) || compared[key] {
			t.Errorf("providerOnly lists %s, which is not a validated attribute without a server rule: remove it", key)
		}
	}
	for key := range compared {
		if !slices.Contains(validated, key) {
			t.Errorf("%s is compared but has no validators in the schema", key)
		}
	}
}

// validatedAttributes lists key and its nested attributes that carry validators.
func validatedAttributes(key string, a rschema.Attribute) []string {
	var out []string
	has := false
	switch a := a.(type) {
	case rschema.StringAttribute:
		has = len(a.Validators) > 0
	case rschema.Int64Attribute:
		has = len(a.Validators) > 0
	case rschema.BoolAttribute:
		has = len(a.Validators) > 0
	case rschema.MapAttribute:
		has = len(a.Validators) > 0
	case rschema.SetAttribute:
		has = len(a.Validators) > 0
	case rschema.ListAttribute:
		has = len(a.Validators) > 0
	case rschema.ListNestedAttribute:
		has = len(a.Validators) > 0 || len(a.NestedObject.Validators) > 0
		for name, nested := range a.NestedObject.Attributes {
			out = append(out, validatedAttributes(key+"."+name, nested)...)
		}
	case rschema.SingleNestedAttribute:
		has = len(a.Validators) > 0
		for name, nested := range a.Attributes {
			out = append(out, validatedAttributes(key+"."+name, nested)...)
		}
	}
	if has {
		out = append(out, key)
	}
	return out
}
