# Every member of the provider's default workspace: anyone added in another way is removed by
# the next apply. Keep at least one owner, and keep yourself (the user the provider acts as).
resource "platform_workspace_members" "acme" {
  members = {
    "owner@example.com" = "owner"
    "alice@example.com" = "admin"
    "bob@example.com"   = "viewer" # owner, admin, member, viewer, or a custom role id (platform_role.<name>.id)
  }
}
