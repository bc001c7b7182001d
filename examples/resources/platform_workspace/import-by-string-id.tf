# Workspaces are imported by slug (or id). force_destroy starts at its default, false.
import {
  to = platform_workspace.acme
  id = "acme"
}
