resource "platform_cluster" "prod_eu" {
  name     = "prod-eu"
  cloud    = "aws"          # aws, gcp, azure or hetzner; changing it replaces the cluster
  location = "eu-central-1" # changing it replaces the cluster

  # One of data.platform_kubernetes_versions; upgrades apply in place, downgrades are refused.
  kubernetes_version = "1.31"

  # Optional: region_id (platform_region) changes in place, project_id (platform_project) replaces.

  # 1-10 pools with unique names and min_nodes <= max_nodes; changes apply in place.
  node_pools = [
    {
      name         = "default"
      machine_type = "m5.large"
      min_nodes    = 2
      max_nodes    = 5
    },
    {
      name         = "gpu"
      machine_type = "g5.xlarge"
      min_nodes    = 0
      max_nodes    = 2
    },
  ]

  # How long apply waits for the cluster to be running (or gone); each defaults to 30m.
  timeouts {
    create = "45m"
    update = "45m"
    delete = "20m"
  }
}

output "prod_eu_endpoint" {
  value = platform_cluster.prod_eu.endpoint
}
