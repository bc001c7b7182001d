# workspace_id defaults to the provider's workspace.
resource "platform_region" "example" {
  name        = "prod-eu"
  description = "Production clusters in the EU."
}
