package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccWorkspaceDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	e.workspace(t, "other")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.config(`data "platform_workspace" "w" { slug = "missing" }`),
				PlanOnly:    true,
				ExpectError: errorText("code: not_found (HTTP 404)"),
			},
			{
				Config:      e.config(`data "platform_workspace" "w" {}`),
				PlanOnly:    true,
				ExpectError: errorText("Set id or slug, or a default workspace"),
			},
			{
				Config:      e.config("data \"platform_workspace\" \"w\" {\n  slug = \"acme\"\n  id   = \"" + ws.ID + "\"\n}\n"),
				PlanOnly:    true,
				ExpectError: errorText("cannot be configured together"),
			},
			{
				Config: e.providerBlockWith(e.Token, "other") + `
data "platform_workspace" "by_slug" {
  slug = "acme"
}

data "platform_workspace" "by_id" {
  id = "` + ws.ID + `"
}

data "platform_workspace" "default" {}

data "platform_workspaces" "all" {}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_workspace.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("data.platform_workspace.by_slug", tfjsonpath.New("plan"), knownvalue.StringExact("free")),
					statecheck.ExpectKnownValue("data.platform_workspace.by_id", tfjsonpath.New("slug"), knownvalue.StringExact("acme")),
					statecheck.ExpectKnownValue("data.platform_workspace.default", tfjsonpath.New("slug"), knownvalue.StringExact("other")),
					statecheck.ExpectKnownValue("data.platform_workspaces.all", tfjsonpath.New("workspaces"), knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("data.platform_workspaces.all", tfjsonpath.New("workspaces").AtSliceIndex(0).AtMapKey("slug"), knownvalue.StringExact("acme")),
				},
			},
		},
	})
}

func TestAccOrganizationDataSource_lookups(t *testing.T) {
	e := newTestEnv(t)
	org := e.organization(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      e.config(`data "platform_organization" "o" {}`),
				PlanOnly:    true,
				ExpectError: errorText("Exactly one of these attributes must be configured: [id,slug]"),
			},
			{
				Config: e.config(`
data "platform_organization" "by_slug" {
  slug = "acme"
}

data "platform_organization" "by_id" {
  id = "` + org.ID + `"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.platform_organization.by_slug", tfjsonpath.New("id"), knownvalue.StringExact(org.ID)),
					statecheck.ExpectKnownValue("data.platform_organization.by_id", tfjsonpath.New("slug"), knownvalue.StringExact("acme")),
					statecheck.ExpectKnownValue("data.platform_organization.by_id", tfjsonpath.New("name"), knownvalue.StringExact("acme")),
				},
			},
		},
	})
}

func TestAccCurrentPrincipalDataSource_user(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.config(`data "platform_current_principal" "me" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("type"), knownvalue.StringExact("user")),
				statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("email"), knownvalue.StringExact(testOwnerEmail)),
				statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("usr_"))),
				statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("platform_admin"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.platform_current_principal.me", tfjsonpath.New("api_key_id"), knownvalue.Null()),
			},
		}},
	})
}

func TestAccKubernetesVersionsDataSource_list(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: e.config(`data "platform_kubernetes_versions" "v" {}`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.platform_kubernetes_versions.v", tfjsonpath.New("versions").AtSliceIndex(0), knownvalue.StringExact("1.29")),
				statecheck.ExpectKnownValue("data.platform_kubernetes_versions.v", tfjsonpath.New("latest"), knownvalue.StringExact("1.33")),
			},
		}},
	})
}
