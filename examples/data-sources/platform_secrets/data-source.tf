data "platform_secrets" "all" {}

output "secret_names" {
  value = [for s in data.platform_secrets.all.secrets : s.name]
}
