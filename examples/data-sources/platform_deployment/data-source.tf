data "platform_project" "web" {
  slug = "web"
}

# Look a deployment up by name (or by id) in a project.
data "platform_deployment" "frontend" {
  project_id = data.platform_project.web.id
  name       = "frontend"
}

output "frontend" {
  value = {
    url      = data.platform_deployment.frontend.url
    image    = data.platform_deployment.frontend.image
    status   = data.platform_deployment.frontend.status
    revision = data.platform_deployment.frontend.revision
  }
}
