data "platform_project" "web" {
  slug = "web"
}

data "platform_deployments" "web" {
  project_id = data.platform_project.web.id
}

output "web_images" {
  value = { for d in data.platform_deployments.web.deployments : d.name => d.image }
}
