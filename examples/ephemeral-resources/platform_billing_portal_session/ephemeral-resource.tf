# A billing portal link for the provider's default workspace (workspace_id to choose another),
# where the customer's billing contact updates the payment method. The URL is ephemeral
# (Terraform 1.10 or later): it is never written to the plan or the state, and can only be
# handed on to what accepts an ephemeral value, here a write-only secret value that an
# application of the workspace reads to mail the link (Terraform 1.11 or later). Opening a
# session works in every access state, but a read-only (past_due) or suspended workspace
# refuses the secret: hand the link to something outside it then (a secret in your own
# workspace, or an ephemeral output of a child module).
ephemeral "platform_billing_portal_session" "portal" {
  return_url = "https://console.example.com/billing"
}

resource "platform_secret" "billing_portal_url" {
  name             = "BILLING_PORTAL_URL"
  description      = "Billing portal link for the customer: each works for an hour; a new one is sent when value_wo_version changes."
  value_wo         = ephemeral.platform_billing_portal_session.portal.url
  value_wo_version = 1
}
