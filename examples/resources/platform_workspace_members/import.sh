# A workspace's member set is imported by the workspace's slug (or id).
terraform import platform_workspace_members.acme acme
