# People and roles: the customer's owner, a developer, an auditor with a custom role, and a
# viewer who is admin of one project through a project override.

resource "platform_workspace_member" "owner" {
  workspace_id = platform_workspace.customer.id
  email        = var.customer_owner_email
  role         = "owner"
}

resource "platform_workspace_member" "developer" {
  workspace_id = platform_workspace.customer.id
  email        = "dev@acme.example"
  role         = "member"
}

resource "platform_workspace_member" "analyst" {
  workspace_id = platform_workspace.customer.id
  email        = "analyst@acme.example"
  role         = "viewer"
}

# A custom role (enterprise plan): read everything, change nothing.
resource "platform_role" "auditor" {
  workspace_id = platform_workspace.customer.id
  name         = "auditor"
  description  = "Reads the workspace, its members, projects, regions and clusters."
  permissions = [
    "workspace.read",
    "members.read",
    "regions.read",
    "clusters.read",
    "project.read",
  ]
}

resource "platform_workspace_member" "auditor" {
  workspace_id = platform_workspace.customer.id
  email        = "audit@acme.example"
  role         = platform_role.auditor.id
}

# The analyst is a workspace viewer, but admin of the data project: an override takes
# precedence over the workspace role.
resource "platform_project_member" "analyst_data" {
  workspace_id = platform_workspace.customer.id
  project_id   = platform_project.this["data"].id
  email        = platform_workspace_member.analyst.email
  role         = "admin"
}

# How the platform sees the analyst on the data project: role, permissions and why.
data "platform_project_access" "analyst_data" {
  workspace_id = platform_workspace.customer.id
  project_id   = platform_project.this["data"].id
  email        = platform_project_member.analyst_data.email
}
