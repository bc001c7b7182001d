data "platform_organization" "msp" {
  slug = "acme-msp"
}

output "msp_id" {
  value = data.platform_organization.msp.id
}
