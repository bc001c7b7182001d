# Every organization the caller belongs to.
data "platform_organizations" "mine" {}

output "organization_slugs" {
  value = [for o in data.platform_organizations.mine.organizations : o.slug]
}
