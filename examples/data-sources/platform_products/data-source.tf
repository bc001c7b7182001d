data "platform_products" "all" {}

output "listed_products" {
  value = [for p in data.platform_products.all.products : p.slug if p.visibility == "listed"]
}
