# Invites alice to the provider's default workspace. She is "invited" until she first uses the workspace,
# then "active"; that change needs no apply.
resource "platform_workspace_member" "alice" {
  email = "alice@example.com"
  role  = "admin" # owner, admin, member, viewer, or a custom role id (platform_role.<name>.id)
}
