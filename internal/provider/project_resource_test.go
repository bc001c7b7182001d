package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-platform/internal/client"
)

// TestAccProjectResource_basic creates a project in the provider's default workspace (no
// workspace_id) and imports it by its human id.
func TestAccProjectResource_basic(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: e.providerBlockWith(e.Token, "acme") + `
resource "platform_project" "p" {
  slug = "web"
  name = "Web"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_project.p", tfjsonpath.New("id"), knownvalue.StringRegexp(prefixRegexp("prj_"))),
					statecheck.ExpectKnownValue("platform_project.p", tfjsonpath.New("workspace_id"), knownvalue.StringExact(ws.ID)),
					statecheck.ExpectKnownValue("platform_project.p", tfjsonpath.New("description"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue("platform_project.p", tfjsonpath.New("created_at"), knownvalue.StringRegexp(rfc3339Regexp)),
				},
			},
			{
				ResourceName:      "platform_project.p",
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateId:     "acme/web",
			},
			{
				// terraform plan -generate-config-out with an import block: the generated
				// configuration plans no change.
				ResourceName:    "platform_project.p",
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "acme/web",
				GenerateConfig:  true,
			},
		},
	})
}

func testProjectConfig(e *testEnv, wsRef, slug, name, description string) string {
	return e.config(`
resource "platform_workspace" "a" {
  slug = "acme"
  name = "Acme"
}

resource "platform_workspace" "b" {
  slug = "beta"
  name = "Beta"
}

resource "platform_project" "p" {
  workspace_id = ` + wsRef + `
  slug         = "` + slug + `"
  name         = "` + name + `"
  description  = "` + description + `"
}
`)
}

// TestAccProjectResource_update renames a project in place and replaces it when it moves to
// another workspace.
func TestAccProjectResource_update(t *testing.T) {
	e := newTestEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: testProjectConfig(e, "platform_workspace.a.id", "web", "Web", "First.")},
			{
				Config: testProjectConfig(e, "platform_workspace.a.id", "website", "Website", "Second."),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_project.p", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("platform_project.p", tfjsonpath.New("slug"), knownvalue.StringExact("website")),
					statecheck.ExpectKnownValue("platform_project.p", tfjsonpath.New("name"), knownvalue.StringExact("Website")),
				},
				Check: checkOutOfBand(t, "read project", func(ctx context.Context) error {
					p, err := e.Client.Projects.Get(ctx, "acme", "website")
					if err == nil && p.Description != "Second." {
						err = fmt.Errorf("server has description %q", p.Description)
					}
					return err
				}),
			},
			{
				Config: testProjectConfig(e, "platform_workspace.b.id", "website", "Website", "Second."),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_project.p", plancheck.ResourceActionReplace)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("platform_project.p", tfjsonpath.New("workspace_id"),
						"platform_workspace.b", tfjsonpath.New("id"), compareSame),
				},
			},
		},
	})
}

func TestAccProjectResource_drift(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	cfg := e.config(`
resource "platform_project" "p" {
  workspace_id = "` + ws.ID + `"
  slug         = "web"
  name         = "Web"
}
`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: cfg},
			{
				PreConfig: outOfBand(t, "delete project", func(ctx context.Context) error {
					return e.Client.Projects.Delete(ctx, "acme", "web", 0)
				}),
				Config: cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("platform_project.p", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccProjectResource_badInput(t *testing.T) {
	e := newTestEnv(t)
	project := func(ws, slug string) string {
		return e.config(`
resource "platform_project" "p" {
  workspace_id = "` + ws + `"
  slug         = "` + slug + `"
  name         = "Web"
}
`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      project("ws_abc", "Web"),
				PlanOnly:    true,
				ExpectError: errorText("the first character must be a lower-case letter"),
			},
			{
				Config:      project("ws_abc", "new"),
				PlanOnly:    true,
				ExpectError: errorText("slug is reserved"),
			},
			{
				Config:      project("acme", "web"),
				PlanOnly:    true,
				ExpectError: errorText("workspace_id must be a workspace id (ws_...)"),
			},
			{
				// Neither workspace_id nor a provider default.
				Config: e.config(`
resource "platform_project" "p" {
  slug = "web"
  name = "Web"
}
`),
				PlanOnly:    true,
				ExpectError: errorText("Set workspace_id, or set a default workspace"),
			},
		},
	})
}

// TestAccProjectResource_batchedRefresh: a refreshing plan of 30 projects reads the
// workspace's project list instead of one GET each (docs/platform.md, "Batched refresh"), and
// still shows a project deleted and one renamed outside Terraform as drift.
func TestAccProjectResource_batchedRefresh(t *testing.T) {
	e := newTestEnv(t)
	ws := e.workspace(t, "acme")
	if _, err := e.Client.Workspaces.Update(testCtx(t), ws.ID, client.WorkspaceUpdateOptions{Plan: client.Ptr(client.PlanPro)}); err != nil {
		t.Fatal(err)
	}
	rc := e.requestCounter(t)
	config := fmt.Sprintf(`
provider "platform" {
  endpoint = %q
  token    = %q
}

resource "platform_project" "p" {
  count        = 30
  workspace_id = %q
  slug         = "prj-${count.index}"
  name         = "Project ${count.index}"
}
`, rc.URL, e.Token, ws.ID)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { rc.take() },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan(), expectRequests(rc, 3)},
				},
			},
			{
				PreConfig: outOfBand(t, "delete prj-3 and rename prj-5", func(ctx context.Context) error {
					if err := e.Client.Projects.Delete(ctx, ws.ID, "prj-3", 0); err != nil {
						return err
					}
					_, err := e.Client.Projects.Update(ctx, ws.ID, "prj-5", client.ProjectUpdateOptions{Name: client.String("Renamed")})
					return err
				}),
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("platform_project.p[3]", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("platform_project.p[5]", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("platform_project.p[4]", plancheck.ResourceActionNoop),
					},
				},
			},
		},
	})
}

// expectRequests is a plan check: at most max API requests went through rc since its last take.
func expectRequests(rc *requestCounter, max int64) plancheck.PlanCheck { return requestsCheck{rc, max} }

type requestsCheck struct {
	rc  *requestCounter
	max int64
}

func (c requestsCheck) CheckPlan(_ context.Context, _ plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	if n := c.rc.take(); n > c.max {
		resp.Error = fmt.Errorf("the plan made %d API requests, want at most %d", n, c.max)
	}
}
