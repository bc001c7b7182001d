# Workspace members are imported as <workspace slug>/<e-mail>.
import {
  to = platform_workspace_member.alice
  id = "acme/alice@example.com"
}
