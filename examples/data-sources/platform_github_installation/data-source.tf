data "platform_github_installation" "acme" {
  installation_id = 12345678
}

output "github_status" {
  value = data.platform_github_installation.acme.status
}
