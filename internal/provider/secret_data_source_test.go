package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// secretsFixture: acme holds DB_PASSWORD (at value_version 2) and API_TOKEN; other holds
// OTHER_SECRET.
type secretsFixture struct {
	ws, other *client.Workspace
	db        *client.WorkspaceSecret
}

func newSecretsFixture(t *testing.T, e *testEnv) secretsFixture {
	t.Helper()
	ctx := testCtx(t)
	f := secretsFixture{ws: e.workspace(t, "acme"), other: e.workspace(t, "other")}
	var err error
	if f.db, err = e.Client.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: "DB_PASSWORD", Description: "the database", Value: "v1"}); err != nil {
		t.Fatal(err)
	}
	v2 := client.Secret("v2")
	if f.db, err = e.Client.Secrets.Update(ctx, "acme", "DB_PASSWORD", client.SecretUpdateOptions{Value: &v2}); err != nil {
		t.Fatal(err)
	}
	for ws, name := range map[string]string{"acme": "API_TOKEN", "other": "OTHER_SECRET"} {
		if _, err := e.Client.Secrets.Create(ctx, ws, client.SecretCreateOptions{Name: name, Value: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// TestAccSecretDataSource_lookups looks a secret up by name (in the default workspace) and by
// id; it shows the value's version, never the value; an unknown name is not found.
func TestAccSecretDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	f := newSecretsFixture(t, e)
	provider := e.providerBlockWith(e.Token, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      provider + `data "platform_secret" "s" { name = "OTHER_SECRET" }`,
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      provider + `data "platform_secret" "s" { name = "lower" }`,
				PlanOnly:    true,
				ExpectError: errorText("name must match ^[A-Z][A-Z0-9_]{0,63}$"),
			},
			{
				Config: provider + `
data "platform_secret" "by_name" {
  name = "DB_PASSWORD"
}

data "platform_secret" "by_id" {
  id = "` + f.db.ID + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_secret.by_name", tfjsonpath.New("id"), knownvalue.StringExact(f.db.ID)),
					statecheck.ExpectKnownValue("data.platform_secret.by_name", tfjsonpath.New("workspace_id"), knownvalue.StringExact(f.ws.ID)),
					statecheck.ExpectKnownValue("data.platform_secret.by_name", tfjsonpath.New("value_version"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.platform_secret.by_name", tfjsonpath.New("value_updated_at"), knownvalue.StringRegexp(rfc3339Regexp)),
					statecheck.ExpectKnownValue("data.platform_secret.by_id", tfjsonpath.New("name"), knownvalue.StringExact("DB_PASSWORD")),
					statecheck.ExpectKnownValue("data.platform_secret.by_id", tfjsonpath.New("description"), knownvalue.StringExact("the database")),
					statecheck.ExpectKnownValue("data.platform_secret.by_id", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
		},
	})
}

// secretsExampleFixture adds what the secret and GitHub App installation data source examples
// look up to TestAccExamples' workspace acme: the secret DB_PASSWORD and GitHub's installation
// 12345678.
func secretsExampleFixture(t *testing.T, e *testEnv) {
	t.Helper()
	ctx := testCtx(t)
	if _, err := e.Client.Secrets.Create(ctx, "acme", client.SecretCreateOptions{Name: "DB_PASSWORD", Value: "example"}); err != nil {
		t.Fatalf("create secret: %v", err)
	}
	if _, err := e.Client.GitHubInstallations.Create(ctx, "acme", client.GitHubInstallationCreateOptions{InstallationID: 12345678,
		AccountLogin: "acme", AccountType: client.GitHubAccountOrganization, RepositorySelection: client.RepositorySelectionAll}); err != nil {
		t.Fatalf("create GitHub installation: %v", err)
	}
}
