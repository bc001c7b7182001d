data "platform_github_installations" "all" {}

output "github_installation_ids" {
  value = [for g in data.platform_github_installations.all.github_installations : g.installation_id]
}
