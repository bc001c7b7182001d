output "installation_id" {
  description = "Id of the installation."
  value       = platform_installation.this.id
}

output "installation_status" {
  description = "installing, installed, upgrading or failed."
  value       = platform_installation.this.status
}

output "installed_version" {
  description = "The release tag that runs (empty before the first install succeeds)."
  value       = platform_installation.this.installed_tag
}

output "repository_url" {
  description = "The installation's own package repository."
  value       = platform_installation.this.repository_url
}

output "secret_ids" {
  description = "Ids of the secrets by name."
  value       = { for name, s in platform_secret.this : name => s.id }
}

output "deployments" {
  description = "Status, revision and URL of each deployment by name."
  value = { for name, d in platform_deployment.this : name => {
    status   = d.status
    revision = d.revision
    url      = d.url
  } }
}
