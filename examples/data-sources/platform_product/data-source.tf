# By slug (or id), in the provider's default workspace unless workspace_id is set.
data "platform_product" "shop" {
  slug = "shop"
}

output "shop_install_count" {
  value = data.platform_product.shop.install_count
}
