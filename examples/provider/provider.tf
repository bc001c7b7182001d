terraform {
  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}

# endpoint, token and workspace can also come from PLATFORM_ENDPOINT, PLATFORM_TOKEN and
# PLATFORM_WORKSPACE; keep the token out of files in real use.
provider "platform" {
  endpoint = "https://platform.example.com"
  token    = var.platform_token

  # Optional: the workspace (id or slug) of resources that omit workspace_id.
  workspace = "acme"

  # Optional: retries of transient failures (429, 502-504, connection errors) and the timeout
  # of each attempt.
  max_retries     = 5
  request_timeout = "30s"
}

variable "platform_token" {
  type      = string
  sensitive = true
}
