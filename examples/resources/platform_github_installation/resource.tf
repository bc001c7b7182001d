# Connects the platform's GitHub App installation 12345678 (GitHub's id) to the workspace, for
# the repositories whose pushes deploy.
resource "platform_github_installation" "example" {
  installation_id      = 12345678
  account_login        = "acme"
  account_type         = "Organization"
  repository_selection = "selected"
  repositories         = ["acme/web", "acme/api"]
}
