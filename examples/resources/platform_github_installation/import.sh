# GitHub App installations are imported as <workspace slug>/<GitHub installation id>.
terraform import platform_github_installation.example acme/12345678
