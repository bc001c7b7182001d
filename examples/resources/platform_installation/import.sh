# Installations are imported as <workspace slug>/<installation name> (or with ids). wait starts
# at true, and the timeouts block is not imported: the defaults (20m) apply until the
# configuration sets it.
terraform import platform_installation.shop_eu acme/shop-eu
