# A project's member set is imported as <workspace slug>/<project slug> (or ids).
terraform import platform_project_members.web acme/web
