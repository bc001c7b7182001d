data "platform_workspaces" "all" {}

output "workspace_slugs" {
  value = [for ws in data.platform_workspaces.all.workspaces : ws.slug]
}
