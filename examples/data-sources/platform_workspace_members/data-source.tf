data "platform_workspace_members" "all" {}

output "pending_invitations" {
  value = [for m in data.platform_workspace_members.all.members : m.email if m.status == "invited"]
}
