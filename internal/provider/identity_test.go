package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sync"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// identityCase is one resource type's identity test: setup makes the fixtures and returns the
// configuration that creates the object at addr; api finds the object through the API by its
// human names and returns the ids its identity must hold.
type identityCase struct {
	addr  string
	env   func(t *testing.T) *testEnv
	setup func(t *testing.T, e *testEnv) string
	api   func(ctx context.Context, e *testEnv) (map[string]string, error)
	// generate imports with -generate-config-out instead of the creating configuration: for a
	// secret, whose value an import cannot read (the configured value_wo_version would plan an
	// update that sends it, as with an import by id).
	generate bool
}

// identityCases covers every managed resource type (TestIdentityCasesCoverEveryResource checks).
var identityCases = map[string]identityCase{
	"platform_workspace": {addr: "platform_workspace.w",
		setup: func(t *testing.T, e *testEnv) string {
			return e.config("resource \"platform_workspace\" \"w\" {\n  slug = \"acme\"\n  name = \"Acme\"\n}\n")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			w, err := e.Client.Workspaces.Get(ctx, "acme")
			return ids(err, func() map[string]string { return map[string]string{"id": w.ID} })
		}},
	"platform_organization": {addr: "platform_organization.o",
		setup: func(t *testing.T, e *testEnv) string {
			return e.config("resource \"platform_organization\" \"o\" {\n  slug = \"acme-msp\"\n  name = \"Acme MSP\"\n}\n")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			o, err := e.Client.Organizations.Get(ctx, "acme-msp")
			return ids(err, func() map[string]string { return map[string]string{"id": o.ID} })
		}},
	"platform_organization_member": {addr: "platform_organization_member.m",
		setup: func(t *testing.T, e *testEnv) string {
			org := e.organization(t, "acme-msp")
			return e.config("resource \"platform_organization_member\" \"m\" {\n  organization_id = \"" + org.ID +
				"\"\n  email = \"alice@example.com\"\n  role = \"member\"\n}\n")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			m, err := e.Client.OrganizationMembers.Get(ctx, "acme-msp", "alice@example.com")
			return ids(err, func() map[string]string {
				return map[string]string{"organization_id": m.OrganizationID, "user_id": m.UserID}
			})
		}},
	"platform_project": {addr: "platform_project.p",
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return e.providerBlockWith(e.Token, "acme") + "resource \"platform_project\" \"p\" {\n  slug = \"web\"\n  name = \"Web\"\n}\n"
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			p, err := e.Client.Projects.Get(ctx, "acme", "web")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": p.WorkspaceID, "id": p.ID} })
		}},
	"platform_workspace_member": {addr: "platform_workspace_member.m",
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return e.providerBlockWith(e.Token, "acme") +
				"resource \"platform_workspace_member\" \"m\" {\n  email = \"alice@example.com\"\n  role = \"admin\"\n}\n"
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			m, err := e.Client.WorkspaceMembers.Get(ctx, "acme", "alice@example.com")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": m.WorkspaceID, "user_id": m.UserID} })
		}},
	"platform_project_member": {addr: "platform_project_member.m",
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			membersExampleFixture(t, e) // project web, workspace member alice
			if err := e.Client.ProjectMembers.Delete(testCtx(t), "acme", "web", "alice@example.com", 0); err != nil {
				t.Fatal(err)
			}
			return e.providerBlockWith(e.Token, "acme") + `
data "platform_project" "web" {
  slug = "web"
}

resource "platform_project_member" "m" {
  project_id = data.platform_project.web.id
  email      = "alice@example.com"
  role       = "viewer"
}
`
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			m, err := e.Client.ProjectMembers.Get(ctx, "acme", "web", "alice@example.com")
			return ids(err, func() map[string]string {
				return map[string]string{"workspace_id": m.WorkspaceID, "project_id": m.ProjectID, "user_id": m.UserID}
			})
		}},
	"platform_workspace_members": {addr: "platform_workspace_members.s",
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return e.providerBlockWith(e.Token, "acme") + `
resource "platform_workspace_members" "s" {
  members = {
    "owner@example.com" = "owner"
    "bob@example.com"   = "viewer"
  }
}
`
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			w, err := e.Client.Workspaces.Get(ctx, "acme")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": w.ID} })
		}},
	"platform_project_members": {addr: "platform_project_members.s",
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			membersExampleFixture(t, e)
			return e.providerBlockWith(e.Token, "acme") + `
data "platform_project" "web" {
  slug = "web"
}

resource "platform_project_members" "s" {
  project_id = data.platform_project.web.id
  members = {
    "alice@example.com" = "member"
  }
}
`
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			p, err := e.Client.Projects.Get(ctx, "acme", "web")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": p.WorkspaceID, "project_id": p.ID} })
		}},
	"platform_api_key": {addr: apiKeyAddr,
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return testAPIKeyConfig(e, "CI", "read_only", "")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			keys, err := client.Collect(e.Client.APIKeys.All(ctx, "acme"))
			if err == nil && len(keys) != 1 {
				err = fmt.Errorf("%d API keys, want 1", len(keys))
			}
			return ids(err, func() map[string]string {
				return map[string]string{"workspace_id": keys[0].WorkspaceID, "id": keys[0].ID}
			})
		}},
	"platform_cluster": {addr: clusterAddr, env: newClusterTestEnv,
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return e.providerBlockWith(e.Token, "acme") + clusterConfig{}.hcl()
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			c, err := e.Client.Clusters.Get(ctx, "acme", "prod-eu")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": c.WorkspaceID, "id": c.ID} })
		}},
	"platform_deployment": {addr: deploymentAddr,
		setup: func(t *testing.T, e *testEnv) string {
			return newDeploymentFixture(t, e).config(e, "frontend", testImage, "")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			d, err := e.Client.Deployments.Get(ctx, "acme", "web", "frontend")
			return ids(err, func() map[string]string {
				return map[string]string{"workspace_id": d.WorkspaceID, "project_id": d.ProjectID, "id": d.ID}
			})
		}},
	"platform_github_installation": {addr: githubInstallationAddr,
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return githubInstallationConfig(e, 12345678, "acme", selectedRepos)
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			g, err := e.Client.GitHubInstallations.Get(ctx, "acme", "12345678")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": g.WorkspaceID, "id": g.ID} })
		}},
	"platform_installation": {addr: installationAddr,
		setup: func(t *testing.T, e *testEnv) string {
			return newInstallationFixture(t, e).config(e, `name = "monitoring"`, `chart = "`+goodChart+`"`)
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			in, err := e.Client.Installations.Get(ctx, "acme", "monitoring")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": in.WorkspaceID, "id": in.ID} })
		}},
	"platform_product": {addr: productAddr,
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return e.providerBlockWith(e.Token, "acme") + productConfig(`slug = "shop"`, `name = "Shop"`)
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			p, err := e.Client.Products.Get(ctx, "acme", "shop")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": p.WorkspaceID, "id": p.ID} })
		}},
	"platform_product_release": {addr: releaseAddr,
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return releaseConfig(e, `tag = "1.4.0"`, testChart)
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			r, err := e.Client.Releases.Get(ctx, "acme", "shop", "1.4.0")
			return ids(err, func() map[string]string {
				return map[string]string{"workspace_id": r.WorkspaceID, "product_id": r.ProductID, "id": r.ID}
			})
		}},
	"platform_region": {addr: "platform_region.r",
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return testRegionConfig(e, "prod-eu", "Production, Europe.")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			r, err := e.Client.Regions.Get(ctx, "acme", "prod-eu")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": r.WorkspaceID, "id": r.ID} })
		}},
	"platform_role": {addr: "platform_role.r",
		setup: func(t *testing.T, e *testEnv) string {
			e.enterpriseWorkspace(t, "acme")
			return testRoleConfig(e, "deployer", "Ships releases.", `["projects.create", "project.read"]`)
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			r, err := e.Client.Roles.Get(ctx, "acme", "deployer")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": r.WorkspaceID, "id": r.ID} })
		}},
	"platform_secret": {addr: secretAddr,
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return secretConfig(e, "DB_PASSWORD", "  value_wo         = \"v\"\n  value_wo_version = 1")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			s, err := e.Client.Secrets.Get(ctx, "acme", "DB_PASSWORD")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": s.WorkspaceID, "id": s.ID} })
		},
		generate: true},
	"platform_stripe_account": {addr: stripeAccountAddr, env: newStripeTestEnv,
		setup: func(t *testing.T, e *testEnv) string {
			e.workspace(t, "acme")
			return stripeAccountConfig(e, "DE", "company", "billing@acme.example", "")
		},
		api: func(ctx context.Context, e *testEnv) (map[string]string, error) {
			a, err := e.Client.StripeAccounts.Get(ctx, "acme")
			return ids(err, func() map[string]string { return map[string]string{"workspace_id": a.WorkspaceID} })
		}},
}

func (c identityCase) newEnv(t *testing.T) *testEnv {
	if c.env != nil {
		return c.env(t)
	}
	return newTestEnv(t)
}

// ids is the result of an api func: the ids, or the error of the lookup.
func ids(err error, f func() map[string]string) (map[string]string, error) {
	if err != nil {
		return nil, err
	}
	return f(), nil
}

// TestAccResourceIdentity creates one object of every resource type, checks that its identity
// holds exactly the ids the API gives it (and that they match the state), then imports it with
// an import block by that identity and expects a plan without changes. Identity needs Terraform
// 1.12+; older CLIs skip.
func TestAccResourceIdentity(t *testing.T) {
	testAccPreCheck(t)
	for typeName, c := range identityCases {
		t.Run(typeName, func(t *testing.T) {
			e := c.newEnv(t)
			cfg := c.setup(t, e)
			// The API is asked once, after the apply, when the first check needs the ids.
			var once sync.Once
			var want map[string]string
			var lookupErr error
			apiID := func(name string) knownvalue.Check {
				return knownvalue.StringFunc(func(got string) error {
					once.Do(func() { want, lookupErr = c.api(testCtx(t), e) })
					switch {
					case lookupErr != nil:
						return fmt.Errorf("looking the object up in the API: %w", lookupErr)
					case got != want[name]:
						return fmt.Errorf("identity %s is %q, the API says %q", name, got, want[name])
					}
					return nil
				})
			}
			names := identityNames(t, typeName)
			identity := map[string]knownvalue.Check{}
			checks := []statecheck.StateCheck{}
			for _, n := range names {
				identity[n] = apiID(n)
				checks = append(checks, statecheck.ExpectIdentityValueMatchesState(c.addr, tfjsonpath.New(n)))
			}
			checks = append(checks, statecheck.ExpectIdentity(c.addr, identity))
			importStep := resource.TestStep{
				ResourceName:    c.addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			}
			if c.generate {
				importStep.Config, importStep.GenerateConfig = e.providerBlockWith(e.Token, "acme"), true
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				Steps: []resource.TestStep{
					{Config: cfg, ConfigStateChecks: checks},
					importStep,
				},
			})
		})
	}
}

// resourceIdentities returns every managed resource type's identity schema, by type name.
func resourceIdentities(t *testing.T) map[string]fwresource.IdentitySchemaResponse {
	t.Helper()
	ctx := context.Background()
	out := map[string]fwresource.IdentitySchemaResponse{}
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var md fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "platform"}, &md)
		ri, ok := r.(fwresource.ResourceWithIdentity)
		if !ok {
			t.Errorf("%s has no identity", md.TypeName)
			continue
		}
		var resp fwresource.IdentitySchemaResponse
		ri.IdentitySchema(ctx, fwresource.IdentitySchemaRequest{}, &resp)
		out[md.TypeName] = resp
	}
	return out
}

// identityNames is the names of typeName's identity attributes.
func identityNames(t *testing.T, typeName string) []string {
	t.Helper()
	var names []string
	for n := range resourceIdentities(t)[typeName].IdentitySchema.Attributes {
		names = append(names, n)
	}
	if len(names) == 0 {
		t.Fatalf("%s has no identity attributes", typeName)
	}
	return names
}

// TestResourceIdentitySchemas: every resource has an identity of version 0 whose attributes are
// string attributes of its schema (the identity helpers copy them by name), required to
// import; and TestAccResourceIdentity has a case for every resource.
func TestResourceIdentitySchemas(t *testing.T) {
	ctx := context.Background()
	identities := resourceIdentities(t)
	for _, newResource := range New("test")().Resources(ctx) {
		r := newResource()
		var md fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "platform"}, &md)
		id, ok := identities[md.TypeName]
		if !ok {
			continue // reported by resourceIdentities
		}
		if diags := id.Diagnostics; diags.HasError() {
			t.Errorf("%s: %v", md.TypeName, diags)
		}
		if id.IdentitySchema.Version != 0 {
			t.Errorf("%s: identity version %d; an upgrade needs ResourceWithUpgradeIdentity (identity.go)", md.TypeName, id.IdentitySchema.Version)
		}
		var sr fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
		for name, a := range id.IdentitySchema.Attributes {
			if !a.IsRequiredForImport() {
				t.Errorf("%s: identity attribute %s is not required for import", md.TypeName, name)
			}
			if _, ok := sr.Schema.Attributes[name].(schema.StringAttribute); !ok {
				t.Errorf("%s: identity attribute %s is not a string attribute of the resource", md.TypeName, name)
			}
		}
		if _, ok := identityCases[md.TypeName]; !ok {
			t.Errorf("%s: no case in TestAccResourceIdentity", md.TypeName)
		}
	}
	if len(identityCases) != len(identities) {
		t.Errorf("%d identity test cases for %d resources", len(identityCases), len(identities))
	}
}

// TestResourceIdentityGuide: the importing guide's table of identity attributes is the
// resources' identity schemas.
func TestResourceIdentityGuide(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "templates", "guides", "importing-existing-objects.md.tmpl"))
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `(platform_[a-z_]+)` \\| (.*) \\|$")
	documented := map[string][]string{}
	for _, m := range row.FindAllStringSubmatch(string(b), -1) {
		documented[m[1]] = regexp.MustCompile("`([a-z_]+)`").FindAllString(m[2], -1)
	}
	for typeName, id := range resourceIdentities(t) {
		var want []string
		for n := range id.IdentitySchema.Attributes {
			want = append(want, "`"+n+"`")
		}
		got := documented[typeName]
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("guide lists %s's identity as %v, the schema has %v", typeName, got, want)
		}
		delete(documented, typeName)
	}
	for typeName := range documented {
		t.Errorf("guide lists %s, which is not a resource", typeName)
	}
}
