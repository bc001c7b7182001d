# Regions are imported as <workspace slug>/<region name> (or with ids).
terraform import platform_region.example acme/prod-eu
