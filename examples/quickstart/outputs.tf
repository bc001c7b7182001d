output "workspace_id" {
  value = platform_workspace.customer.id
}

output "project_ids" {
  value = { for slug, p in platform_project.this : slug => p.id }
}

output "analyst_access_on_data" {
  description = "Effective role of the analyst on the data project, and its source."
  value       = "${data.platform_project_access.analyst_data.role} (${data.platform_project_access.analyst_data.source})"
}

output "ci_key_prefix" {
  value = platform_api_key.ci.prefix
}

output "ci_key_secret" {
  value     = platform_api_key.ci.secret
  sensitive = true
}

output "cluster" {
  value = {
    status   = platform_cluster.web.status
    endpoint = platform_cluster.web.endpoint
  }
}

output "shop" {
  description = "The installed product: status, the release that runs, its own package repository."
  value = {
    status         = platform_installation.shop.status
    installed_tag  = platform_installation.shop.installed_tag
    repository_url = platform_installation.shop.repository_url
  }
}

output "storefront" {
  value = {
    status   = platform_deployment.storefront.status
    revision = platform_deployment.storefront.revision
    url      = platform_deployment.storefront.url
  }
}

output "vendor_stripe_account" {
  description = "The vendor's Stripe account: onboarded, so its paid product is listed."
  value = {
    status          = platform_stripe_account.vendor.status
    charges_enabled = platform_stripe_account.vendor.charges_enabled
  }
}
