data "platform_cluster" "prod_eu" {
  name = "prod-eu"
}

# A listed product, possibly of another workspace (its vendor), found in the marketplace.
data "platform_marketplace_products" "all" {}

locals {
  shop = one([for p in data.platform_marketplace_products.all.products : p if p.slug == "shop"])
}

resource "platform_installation" "shop_eu" {
  name       = "shop-eu"
  cluster_id = data.platform_cluster.prod_eu.id # changing it replaces the installation

  # A release of a product: a new tag upgrades in place, a lower one rolls back.
  product_id = local.shop.id
  tag        = "1.4.0"

  # Chart values (the whole map is replaced on change) and the names of the workspace's
  # secrets the installation receives; a change of either is an upgrade.
  values = {
    "replicaCount" = "2"
    "ingress.host" = "shop.example.com"
  }
  secrets = ["DB_PASSWORD"]

  # How long apply waits for the install, an upgrade or the uninstall; each defaults to 20m.
  timeouts {
    create = "30m"
    update = "30m"
  }
}

# A chart installed directly, into a namespace of its own (default: the name).
resource "platform_installation" "monitoring" {
  name       = "monitoring"
  cluster_id = data.platform_cluster.prod_eu.id
  namespace  = "observability"
  chart      = "oci://charts.example.com/monitoring:25.8.0"

  # Return as soon as the server accepts the install: status then shows installing, and the
  # outcome (installed or failed) on the next refresh, without an apply error.
  wait = false
}

output "shop_eu_repository" {
  value = platform_installation.shop_eu.repository_url
}
