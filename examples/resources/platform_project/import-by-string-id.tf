# Projects are imported as <workspace slug>/<project slug>.
import {
  to = platform_project.web
  id = "acme/web"
}
