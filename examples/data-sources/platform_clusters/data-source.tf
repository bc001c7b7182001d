# Every cluster of the provider's default workspace (set workspace_id for another one).
data "platform_clusters" "all" {}

output "running_clusters" {
  value = [for c in data.platform_clusters.all.clusters : c.name if c.status == "running"]
}
