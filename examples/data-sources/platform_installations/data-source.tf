data "platform_cluster" "prod_eu" {
  name = "prod-eu"
}

# Every installation of the workspace on one cluster (leave cluster_id out for all of them).
data "platform_installations" "prod_eu" {
  cluster_id = data.platform_cluster.prod_eu.id
}

output "failed_installations" {
  value = [for i in data.platform_installations.prod_eu.installations : i.name if i.status == "failed"]
}
