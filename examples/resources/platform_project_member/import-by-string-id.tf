# Project members are imported as <workspace slug>/<project slug>/<e-mail>.
import {
  to = platform_project_member.bob_web
  id = "acme/web/bob@example.com"
}
