# Products are imported as <workspace slug>/<product slug> (or with ids).
terraform import platform_product.example acme/shop
