# Workspaces are imported by slug (or id). force_destroy starts at its default, false.
terraform import platform_workspace.acme acme
