data "platform_project" "web" {
  slug = "web"
}

# A project role override, by e-mail or user id.
data "platform_project_member" "alice" {
  project_id = data.platform_project.web.id
  email      = "alice@example.com"
}

output "alice_web_role" {
  value = data.platform_project_member.alice.role
}
