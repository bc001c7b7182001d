# Lets one asynchronous operation's time pass: creating a cluster waits until it runs, and the
# reference server finishes operations in the order they were started, so whatever an earlier
# run started (an install applied with wait = false) has finished when this apply returns.
terraform {
  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}

variable "workspace_id" {
  type = string
}

variable "kubernetes_version" {
  type = string
}

resource "platform_cluster" "spare" {
  workspace_id       = var.workspace_id
  name               = "spare"
  cloud              = "hetzner"
  location           = "fsn1"
  kubernetes_version = var.kubernetes_version
  node_pools = [
    { name = "default", machine_type = "cx32", min_nodes = 1, max_nodes = 1 },
  ]
}
