data "platform_api_keys" "all" {}

# One key by id (never with its secret), e.g. to see when it expires.
data "platform_api_key" "ci" {
  id = one([for k in data.platform_api_keys.all.api_keys : k.id if k.name == "CI pipeline"])
}

output "ci_key_expires_at" {
  value = data.platform_api_key.ci.expires_at
}
