import {
  to = platform_product.example
  id = "acme/shop"
}
