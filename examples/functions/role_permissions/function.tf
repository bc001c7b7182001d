# The permissions of a built-in workspace role, offline. Here: a custom role for release managers
# that may do what a member may, and manage products.
resource "platform_role" "release_manager" {
  name        = "release-manager"
  description = "A member who also manages products."
  permissions = setunion(provider::platform::role_permissions("member"), ["products.manage"])
}

output "viewer_permissions" {
  value = provider::platform::role_permissions("viewer")
}
