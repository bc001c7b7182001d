# Project members are imported as <workspace slug>/<project slug>/<e-mail>.
terraform import platform_project_member.bob_web acme/web/bob@example.com
