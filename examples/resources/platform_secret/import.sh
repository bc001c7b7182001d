# Secrets are imported as <workspace slug>/<secret name> (or with ids). The value cannot be
# read: set value_wo and value_wo_version (or value) to manage it from the next apply.
terraform import platform_secret.example acme/DB_PASSWORD
