# Import ids handed to a module, taken apart with the parser `terraform import` uses for the
# resource type: an id of the wrong form fails the plan with the expected format.
variable "existing_projects" {
  type    = list(string)
  default = ["acme/web", "acme/api"]
}

locals {
  projects = { for id in var.existing_projects : id => provider::platform::parse_import_id("platform_project", id) }
}

output "project_slugs" {
  value = [for p in local.projects : p.project] # ["api", "web"]
}
