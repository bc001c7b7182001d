# By e-mail or user id, in workspace_id or the provider's default workspace.
data "platform_workspace_member" "alice" {
  email = "alice@example.com"
}

output "alice_role" {
  value = data.platform_workspace_member.alice.role
}
