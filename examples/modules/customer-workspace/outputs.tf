output "workspace_id" {
  description = "Id of the customer's workspace."
  value       = platform_workspace.this.id
}

output "workspace_slug" {
  description = "Slug of the customer's workspace."
  value       = platform_workspace.this.slug
}

output "project_ids" {
  description = "Project ids by slug."
  value       = { for slug, p in platform_project.this : slug => p.id }
}

output "owner_status" {
  description = "Status of the customer's owner: invited until they first use the workspace, then active. Null when no owner was invited."
  value       = one(platform_workspace_member.owner[*].status)
}

output "ci_key_secrets" {
  description = "Secrets of the CI keys by name, known after create or rotation only."
  value       = { for name, k in platform_api_key.ci : name => k.secret }
  sensitive   = true
}

output "ci_key_ids" {
  description = "Ids of the CI keys by name."
  value       = { for name, k in platform_api_key.ci : name => k.id }
}

output "access_state" {
  description = "What the customer's subscription lets the workspace do: full, read_only (past_due) or suspended (canceled)."
  value       = data.platform_access_state.this.state
}
