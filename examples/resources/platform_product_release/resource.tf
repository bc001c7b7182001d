resource "platform_product" "shop" {
  slug       = "shop"
  name       = "Shop"
  visibility = "listed"
}

# A new tag or chart is a new release; notes and yanked change in place.
resource "platform_product_release" "example" {
  product_id = platform_product.shop.id
  tag        = "1.4.0"
  chart      = "oci://charts.example.com/shop:1.4.0"
  notes      = "Faster checkout."
}
