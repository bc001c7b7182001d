# Deployments are imported as <workspace slug>/<project slug>/<deployment name> (ids work too).
# The timeouts block is not imported: the defaults (20m) apply until the configuration sets it.
terraform import platform_deployment.frontend acme/web/frontend
