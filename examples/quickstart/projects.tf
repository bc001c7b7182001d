resource "platform_project" "this" {
  for_each = var.projects

  workspace_id = platform_workspace.customer.id
  slug         = each.key
  name         = each.value
}

# A read-write key for CI. The secret is shown once by the API and kept in state (sensitive).
resource "platform_api_key" "ci" {
  workspace_id = platform_workspace.customer.id
  name         = "ci"
  access       = "read_write"
}
