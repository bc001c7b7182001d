# The provider's default workspace unless workspace_id is set.
data "platform_workspace_usage" "current" {}

output "cluster_headroom" {
  value = data.platform_workspace_usage.current.limits.clusters - data.platform_workspace_usage.current.usage.clusters
}
