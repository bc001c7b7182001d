# Look a cluster up by name (or by id) in the provider's default workspace.
data "platform_cluster" "prod_eu" {
  name = "prod-eu"
}

output "prod_eu_endpoint" {
  value = data.platform_cluster.prod_eu.endpoint
}
