data "platform_project" "web" {
  slug = "web"
}

data "platform_project_members" "web" {
  project_id = data.platform_project.web.id
}

output "web_overrides" {
  value = { for m in data.platform_project_members.web.members : m.email => m.role }
}
