data "platform_current_principal" "me" {}

data "platform_organization" "msp" {
  slug = "acme-msp"
}

# The caller's own membership of the organization.
data "platform_organization_member" "me" {
  organization_id = data.platform_organization.msp.id
  email           = data.platform_current_principal.me.email
}

output "my_role" {
  value = data.platform_organization_member.me.role
}
