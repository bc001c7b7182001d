data "platform_product" "shop" {
  slug = "shop"
}

data "platform_product_releases" "shop" {
  product_id = data.platform_product.shop.id
}

output "installable_tags" {
  value = [for r in data.platform_product_releases.shop.releases : r.tag if !r.yanked]
}
