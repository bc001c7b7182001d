# Custom roles need the enterprise plan. workspace_id defaults to the provider's workspace.
resource "platform_role" "example" {
  name        = "deployer"
  description = "Creates projects and ships releases to them."
  permissions = [
    "projects.create",
    "clusters.read",
    "regions.read",
    "project.read",
    "project.update",
  ]
}

# Give members the role with its id, e.g. role = platform_role.example.id in a
# platform_workspace_member or platform_project_member.
output "deployer_role_id" {
  value = platform_role.example.id
}
