data "platform_project" "web" {
  slug = "web"
}

data "platform_deployment" "frontend" {
  project_id = data.platform_project.web.id
  name       = "frontend"
}

# Lifecycle lines (never secret or env values), oldest first: at most limit from since (here
# from the start of the log).
data "platform_deployment_logs" "frontend" {
  project_id    = data.platform_project.web.id
  deployment_id = data.platform_deployment.frontend.id
  limit         = 50
}

output "frontend_log" {
  value = [for l in data.platform_deployment_logs.frontend.lines : "${l.at} r${l.revision} ${l.message}"]
}
