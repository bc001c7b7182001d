# Custom roles are imported as <workspace slug>/<role name> (or with ids).
terraform import platform_role.example acme/deployer
