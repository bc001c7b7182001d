# A workspace's member set is imported by the workspace's slug (or id).
import {
  to = platform_workspace_members.acme
  id = "acme"
}
