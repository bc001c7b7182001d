resource "platform_organization" "msp" {
  slug = "acme-msp"
  name = "Acme Managed Services"
}

resource "platform_workspace" "acme" {
  slug        = "acme"
  name        = "Acme"
  description = "Production workloads of Acme."
  plan        = "pro" # free (default), pro or enterprise

  # Members of this organization administer the workspace.
  managing_organization_id = platform_organization.msp.id

  settings = {
    cost_center = "cc-1234"
    region      = "eu"
  }

  # Destroying the workspace deletes its projects, clusters, regions, API keys and roles too.
  force_destroy = false
}
