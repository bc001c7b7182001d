# The permissions of a built-in project role (admin, member or viewer), offline. Project roles
# share their names with workspace roles but not their permissions: role_permissions("member")
# is the workspace role.
output "project_member_permissions" {
  value = provider::platform::project_role_permissions("member")
}

output "project_member_deploys" {
  value = contains(provider::platform::project_role_permissions("member"), "deployments.write")
}
