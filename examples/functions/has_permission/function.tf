# A module that assigns a workspace role can refuse a role too weak for what the module does,
# at plan time and without calling the API. The first argument may also be a set of
# permissions: a custom role's, or a project role's (project_role_permissions("viewer")).
variable "ci_role" {
  type    = string
  default = "member"

  validation {
    condition     = provider::platform::has_permission(var.ci_role, "projects.create")
    error_message = "The CI role must be allowed to create projects (projects.create)."
  }
}

output "project_viewer_deploys" {
  value = provider::platform::has_permission(provider::platform::project_role_permissions("viewer"), "deployments.write")
}
