import {
  to = platform_product_release.example
  id = "acme/shop/1.4.0"
}
