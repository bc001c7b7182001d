package provider

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	fwdatasource "github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	fwephemeral "github.com/hashicorp/terraform-plugin-framework/ephemeral"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// acceptance is whether TF_ACC was set when the tests started.
var acceptance bool

// TestMain prepares acceptance tests so that they never download anything and never depend on
// the developer's environment: it requires a local terraform (or tofu) binary, gives Terraform an
// empty CLI configuration when the configured one does not exist, and clears the provider's
// environment variables (every test configures the provider explicitly).
func TestMain(m *testing.M) {
	acceptance = os.Getenv("TF_ACC") != ""
	if acceptance {
		if err := prepareAcceptanceEnv(); err != nil {
			fmt.Fprintln(os.Stderr, "acceptance tests:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

func prepareAcceptanceEnv() error {
	for _, env := range []string{EnvEndpoint, EnvToken, EnvWorkspace} {
		_ = os.Unsetenv(env)
	}
	_ = os.Setenv("CHECKPOINT_DISABLE", "1") // no version check calls home
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		// Without a path, terraform-plugin-testing would download the latest Terraform.
		var found string
		for _, name := range []string{"terraform", "tofu"} {
			if p, err := exec.LookPath(name); err == nil {
				found = p
				break
			}
		}
		if found == "" {
			return fmt.Errorf("no terraform or tofu binary on PATH; install one or set TF_ACC_TERRAFORM_PATH")
		}
		_ = os.Setenv("TF_ACC_TERRAFORM_PATH", found)
	}
	if cfg := os.Getenv("TF_CLI_CONFIG_FILE"); cfg != "" {
		if _, err := os.Stat(cfg); err != nil {
			// A missing CLI configuration makes Terraform warn on every command; an empty one is
			// the same configuration without the noise. Never written to $HOME.
			dir, err := os.MkdirTemp("", "tfcli")
			if err != nil {
				return err
			}
			empty := filepath.Join(dir, "empty.tfrc")
			if err := os.WriteFile(empty, nil, 0o600); err != nil {
				return err
			}
			_ = os.Setenv("TF_CLI_CONFIG_FILE", empty)
		}
	}
	return nil
}

// TestProviderSchemas checks every schema the provider serves the way the framework does when
// Terraform asks for them (e.g. no reserved or invalid attribute names, defaults only on
// computed attributes), without Terraform.
func TestProviderSchemas(t *testing.T) {
	ctx := context.Background()
	p := New("test")()

	var ps fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &ps)
	if diags := ps.Schema.ValidateImplementation(ctx); diags.HasError() {
		t.Errorf("provider schema: %v", diags)
	}

	seen := map[string]bool{}
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var md fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "platform"}, &md)
		if seen["resource "+md.TypeName] {
			t.Errorf("resource %s listed twice", md.TypeName)
		}
		seen["resource "+md.TypeName] = true
		var sr fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
		if diags := sr.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("resource %s: %v", md.TypeName, diags)
		}
		checkDescriptions(t, "resource "+md.TypeName, sr.Schema.MarkdownDescription, sr.Schema.Attributes)
	}
	for _, newDataSource := range p.DataSources(ctx) {
		d := newDataSource()
		var md fwdatasource.MetadataResponse
		d.Metadata(ctx, fwdatasource.MetadataRequest{ProviderTypeName: "platform"}, &md)
		if seen["data "+md.TypeName] {
			t.Errorf("data source %s listed twice", md.TypeName)
		}
		seen["data "+md.TypeName] = true
		var sr fwdatasource.SchemaResponse
		d.Schema(ctx, fwdatasource.SchemaRequest{}, &sr)
		if diags := sr.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("data source %s: %v", md.TypeName, diags)
		}
		checkDescriptions(t, "data source "+md.TypeName, sr.Schema.MarkdownDescription, sr.Schema.Attributes)
	}
	ep, ok := p.(fwprovider.ProviderWithEphemeralResources)
	if !ok {
		t.Fatal("the provider serves no ephemeral resources")
	}
	for _, newEphemeral := range ep.EphemeralResources(ctx) {
		r := newEphemeral()
		var md fwephemeral.MetadataResponse
		r.Metadata(ctx, fwephemeral.MetadataRequest{ProviderTypeName: "platform"}, &md)
		if seen["ephemeral "+md.TypeName] {
			t.Errorf("ephemeral resource %s listed twice", md.TypeName)
		}
		seen["ephemeral "+md.TypeName] = true
		var sr fwephemeral.SchemaResponse
		r.Schema(ctx, fwephemeral.SchemaRequest{}, &sr)
		if diags := sr.Schema.ValidateImplementation(ctx); diags.HasError() {
			t.Errorf("ephemeral resource %s: %v", md.TypeName, diags)
		}
		checkDescriptions(t, "ephemeral resource "+md.TypeName, sr.Schema.MarkdownDescription, sr.Schema.Attributes)
	}
}

// checkDescriptions requires a description on the type and on every attribute, nested ones
// included: the documentation is generated from them.
func checkDescriptions[A interface{ GetMarkdownDescription() string }](t *testing.T, what, desc string, attrs map[string]A) {
	t.Helper()
	if desc == "" {
		t.Errorf("%s has no MarkdownDescription", what)
	}
	for name, a := range attrs {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s: attribute %s has no MarkdownDescription", what, name)
		}
		switch n := any(a).(type) {
		case rschema.ListNestedAttribute:
			checkDescriptions(t, what+"."+name, "-", n.NestedObject.Attributes)
		case rschema.SetNestedAttribute:
			checkDescriptions(t, what+"."+name, "-", n.NestedObject.Attributes)
		case rschema.SingleNestedAttribute:
			checkDescriptions(t, what+"."+name, "-", n.Attributes)
		case dschema.ListNestedAttribute:
			checkDescriptions(t, what+"."+name, "-", n.NestedObject.Attributes)
		case dschema.SetNestedAttribute:
			checkDescriptions(t, what+"."+name, "-", n.NestedObject.Attributes)
		case dschema.SingleNestedAttribute:
			checkDescriptions(t, what+"."+name, "-", n.Attributes)
		}
	}
}

// TestAccProvider_missingEndpoint: without endpoint and PLATFORM_ENDPOINT the error names both.
// Not parallel: it changes the environment.
func TestAccProvider_missingEndpoint(t *testing.T) {
	testAccPreCheck(t)
	t.Setenv(EnvEndpoint, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "platform" {
  token = "pt_not_used"
}
data "platform_kubernetes_versions" "v" {}
`,
			ExpectError: errorText("Set endpoint in the provider block or the PLATFORM_ENDPOINT environment variable"),
		}},
	})
}

// TestAccProvider_missingToken: without token and PLATFORM_TOKEN the error names both.
func TestAccProvider_missingToken(t *testing.T) {
	testAccPreCheck(t)
	t.Setenv(EnvToken, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "platform" {
  endpoint = "http://127.0.0.1:1"
}
data "platform_kubernetes_versions" "v" {}
`,
			ExpectError: errorText("Set token in the provider block or the PLATFORM_TOKEN environment variable"),
		}},
	})
}

// TestAccProvider_envConfiguration: endpoint and token from the environment alone.
func TestAccProvider_envConfiguration(t *testing.T) {
	e := newTestEnv(t)
	t.Setenv(EnvEndpoint, e.Server.URL)
	t.Setenv(EnvToken, e.Token)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `
provider "platform" {}
data "platform_current_principal" "me" {}
`,
			Check: resource.TestCheckResourceAttr("data.platform_current_principal.me", "email", testOwnerEmail),
		}},
	})
}

// TestAccProvider_badCredentials: a wrong token fails with the server's unauthenticated error,
// and the token is not echoed.
func TestAccProvider_badCredentials(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      e.providerBlockWith("pt_wrongwrongwrongwrongwrong", "") + `data "platform_current_principal" "me" {}`,
			ExpectError: errorText("Could not read platform_current_principal"),
		}},
	})
}
