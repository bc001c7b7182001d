resource "platform_organization" "msp" {
  slug = "acme-msp"
  name = "Acme Managed Services"
}
