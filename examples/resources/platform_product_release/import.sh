# Releases are imported as <workspace slug>/<product slug>/<tag> (or with ids).
terraform import platform_product_release.example acme/shop/1.4.0
