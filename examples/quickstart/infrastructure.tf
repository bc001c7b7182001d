data "platform_kubernetes_versions" "all" {}

resource "platform_region" "eu" {
  workspace_id = platform_workspace.customer.id
  name         = "europe"
  description  = "European clusters."
}

# Provisioned asynchronously: apply waits until the cluster is running.
resource "platform_cluster" "web" {
  workspace_id       = platform_workspace.customer.id
  name               = "web-eu"
  region_id          = platform_region.eu.id
  project_id         = platform_project.this["web"].id
  cloud              = "hetzner"
  location           = "fsn1"
  kubernetes_version = data.platform_kubernetes_versions.all.latest

  node_pools = [
    {
      name         = "default"
      machine_type = "cx32"
      min_nodes    = 1
      max_nodes    = 3
    },
  ]
}
