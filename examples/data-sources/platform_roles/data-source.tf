data "platform_roles" "all" {}

output "custom_role_ids" {
  value = { for r in data.platform_roles.all.roles : r.name => r.id }
}
