# One customer's workspace, administered by your organization and owned by the customer.

resource "platform_workspace" "this" {
  slug                     = var.customer_slug
  name                     = var.customer_name
  plan                     = var.plan
  managing_organization_id = var.managing_organization_id
  force_destroy            = var.force_destroy
}

resource "platform_workspace_member" "owner" {
  count = var.owner_email == null ? 0 : 1

  workspace_id = platform_workspace.this.id
  email        = var.owner_email
  role         = "owner"
}

resource "platform_project" "this" {
  for_each = var.projects

  workspace_id = platform_workspace.this.id
  slug         = each.key
  name         = each.value.name
  description  = each.value.description
}

resource "platform_api_key" "ci" {
  for_each = var.ci_keys

  workspace_id         = platform_workspace.this.id
  name                 = each.key
  access               = each.value.access
  expires_at           = each.value.expires_at
  rotate_when_changed  = each.value.rotate_when_changed
  grace_period_seconds = each.value.grace_period_seconds
}

# Whether the customer's subscription lets the workspace be changed: past_due makes it
# read_only, canceled suspended. Plans that would write to it fail anyway, with the server's
# message; the check says so on every plan, as a warning, even when nothing changes.
data "platform_access_state" "this" {
  workspace_id = platform_workspace.this.id
}

check "workspace_writable" {
  assert {
    condition     = data.platform_access_state.this.state == "full"
    error_message = "Workspace ${platform_workspace.this.slug} is ${data.platform_access_state.this.state} since ${data.platform_access_state.this.since} (${data.platform_access_state.this.reason}): plans that change it fail until the subscription is paid."
  }
}
