# By slug, by id, or (with neither) the provider's default workspace.
data "platform_workspace" "acme" {
  slug = "acme"
}

output "acme_plan" {
  value = data.platform_workspace.acme.plan
}
