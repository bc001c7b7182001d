# What the module's tests need around it: a vendor's workspace that lists a free product with
# three releases (1.2.0's chart cannot be pulled: the reference server fails charts whose
# reference contains "fail-"), and a customer's workspace with a project and a running cluster.
terraform {
  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}

resource "platform_workspace" "vendor" {
  slug          = "app-tests-vendor"
  name          = "Vendor"
  plan          = "pro"
  force_destroy = true
}

resource "platform_product" "shop" {
  workspace_id = platform_workspace.vendor.id
  slug         = "shop"
  name         = "Shop"
  visibility   = "listed"
}

resource "platform_product_release" "this" {
  for_each = {
    "1.0.0" = "oci://charts.vendor.example/shop:1.0.0"
    "1.1.0" = "oci://charts.vendor.example/shop:1.1.0"
    "1.2.0" = "oci://charts.vendor.example/fail-shop:1.2.0"
  }

  workspace_id = platform_workspace.vendor.id
  product_id   = platform_product.shop.id
  tag          = each.key
  chart        = each.value
}

resource "platform_workspace" "customer" {
  slug          = "app-tests-customer"
  name          = "Customer"
  plan          = "pro"
  force_destroy = true
}

resource "platform_project" "web" {
  workspace_id = platform_workspace.customer.id
  slug         = "web"
  name         = "Web"
}

data "platform_kubernetes_versions" "all" {}

resource "platform_cluster" "main" {
  workspace_id       = platform_workspace.customer.id
  name               = "main"
  cloud              = "hetzner"
  location           = "fsn1"
  kubernetes_version = data.platform_kubernetes_versions.all.latest
  node_pools = [
    { name = "default", machine_type = "cx32", min_nodes = 1, max_nodes = 2 },
  ]
}

output "product_id" {
  value = platform_product.shop.id
}

output "workspace_id" {
  value = platform_workspace.customer.id
}

output "project_id" {
  value = platform_project.web.id
}

output "cluster_id" {
  value = platform_cluster.main.id
}

output "kubernetes_version" {
  value = data.platform_kubernetes_versions.all.latest
}
