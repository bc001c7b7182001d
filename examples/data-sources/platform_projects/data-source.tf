# Every project of the provider's default workspace that the caller can see.
data "platform_projects" "all" {}

output "project_slugs" {
  value = [for p in data.platform_projects.all.projects : p.slug]
}
