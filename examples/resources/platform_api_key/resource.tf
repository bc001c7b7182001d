# workspace_id defaults to the provider's workspace.
resource "platform_api_key" "example" {
  name       = "CI pipeline"
  access     = "read_write"           # or read_only; changing it replaces the key
  expires_at = "2035-01-01T00:00:00Z" # optional; changing it replaces the key

  # Change any value to rotate the secret in place; the previous secret keeps working
  # for grace_period_seconds so that running jobs can switch over.
  rotate_when_changed = {
    rotation = "2025-q3"
  }
  grace_period_seconds = 3600
}

# The secret is in the state (known from creation and rotation only): keep the state private.
output "ci_api_key" {
  value     = platform_api_key.example.secret
  sensitive = true
}
