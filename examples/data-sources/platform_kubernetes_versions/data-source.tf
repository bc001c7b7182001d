data "platform_kubernetes_versions" "all" {}

output "newest_kubernetes" {
  value = data.platform_kubernetes_versions.all.latest
}
