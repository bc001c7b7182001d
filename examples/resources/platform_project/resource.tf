# In the provider's default workspace (provider attribute workspace).
resource "platform_project" "web" {
  slug        = "web"
  name        = "Web shop"
  description = "Customer-facing web shop."
}

# In an explicit workspace: moving a project to another workspace replaces it.
data "platform_workspace" "acme" {
  slug = "acme"
}

resource "platform_project" "backend" {
  workspace_id = data.platform_workspace.acme.id
  slug         = "backend"
  name         = "Backend"
}
