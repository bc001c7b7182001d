data "platform_project" "web" {
  slug = "web"
}

# What alice may do on the web project, and why (owner, override, workspace_role, ...).
data "platform_project_access" "alice" {
  project_id = data.platform_project.web.id
  email      = "alice@example.com"
}

output "alice_can_update_web" {
  value = contains(data.platform_project_access.alice.permissions, "project.update")
}

output "alice_access_source" {
  value = data.platform_project_access.alice.source
}
