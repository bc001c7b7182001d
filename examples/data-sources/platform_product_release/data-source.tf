data "platform_product" "shop" {
  slug = "shop"
}

# By tag (or id).
data "platform_product_release" "current" {
  product_id = data.platform_product.shop.id
  tag        = "1.4.0"
}

output "current_chart" {
  value = data.platform_product_release.current.chart
}
