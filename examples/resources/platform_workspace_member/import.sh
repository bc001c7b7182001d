# Workspace members are imported as <workspace slug>/<e-mail>.
terraform import platform_workspace_member.alice acme/alice@example.com
