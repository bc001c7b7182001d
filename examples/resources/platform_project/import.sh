# Projects are imported as <workspace slug>/<project slug>.
terraform import platform_project.web acme/web
