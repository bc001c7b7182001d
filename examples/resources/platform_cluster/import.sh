# Clusters are imported as <workspace slug>/<cluster name>. The timeouts block is not imported:
# the defaults (30m) apply until the configuration sets it.
terraform import platform_cluster.prod_eu acme/prod-eu
