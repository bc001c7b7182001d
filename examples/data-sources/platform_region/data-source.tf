# By name (or id), in the provider's default workspace unless workspace_id is set.
data "platform_region" "prod_eu" {
  name = "prod-eu"
}

output "prod_eu_region_id" {
  value = data.platform_region.prod_eu.id
}
