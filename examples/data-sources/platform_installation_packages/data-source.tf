# What the installation's package repository holds: its product's releases, highest first.
data "platform_installation_packages" "shop_eu" {
  installation_id = "shop-eu"
}

output "newest_release" {
  value = try(data.platform_installation_packages.shop_eu.items[0].tag, null)
}
