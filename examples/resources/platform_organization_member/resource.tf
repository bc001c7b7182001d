resource "platform_organization" "msp" {
  slug = "acme-msp"
  name = "Acme Managed Services"
}

resource "platform_organization_member" "alice" {
  organization_id = platform_organization.msp.id
  email           = "alice@example.com"
  role            = "member" # or "owner"
}
