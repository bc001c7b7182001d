# Every key of the provider's default workspace, expired ones included, without secrets.
data "platform_api_keys" "all" {}

output "read_write_key_prefixes" {
  value = [for k in data.platform_api_keys.all.api_keys : k.prefix if k.access == "read_write"]
}
