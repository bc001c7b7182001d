data "platform_organization" "msp" {
  slug = "acme-msp"
}

data "platform_organization_members" "msp" {
  organization_id = data.platform_organization.msp.id
}

output "owners" {
  value = [for m in data.platform_organization_members.msp.members : m.email if m.role == "owner"]
}
