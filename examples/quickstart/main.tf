# Per-customer provisioning: your organization (a managed service provider) manages the
# customer's workspace; the customer owns it.

resource "platform_organization" "msp" {
  slug = "quickstart-msp"
  name = "Quickstart Managed Services"
}

# Members of the managing organization are implicit admins of every workspace it manages;
# they are not listed as workspace members.
resource "platform_organization_member" "engineer" {
  organization_id = platform_organization.msp.id
  email           = var.msp_engineer_email
  role            = "member"
}

resource "platform_workspace" "customer" {
  slug        = var.customer
  name        = "Acme Corp"
  description = "Acme's workspace, managed by Quickstart Managed Services."
  plan        = "enterprise" # custom roles need the enterprise plan

  managing_organization_id = platform_organization.msp.id

  settings = {
    cost_center = "cc-1234"
  }
}
