# By slug or id, in workspace_id or the provider's default workspace.
data "platform_project" "web" {
  slug = "web"
}

output "web_project_id" {
  value = data.platform_project.web.id
}
