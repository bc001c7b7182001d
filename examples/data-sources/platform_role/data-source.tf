# By name (or id), in the provider's default workspace unless workspace_id is set.
data "platform_role" "deployer" {
  name = "deployer"
}

output "deployer_permissions" {
  value = data.platform_role.deployer.permissions
}
