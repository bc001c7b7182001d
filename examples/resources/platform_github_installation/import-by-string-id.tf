import {
  to = platform_github_installation.example
  id = "acme/12345678"
}
