# A project's member set is imported as <workspace slug>/<project slug> (or ids).
import {
  to = platform_project_members.web
  id = "acme/web"
}
