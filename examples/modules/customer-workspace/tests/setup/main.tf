# The managing organization the module's tests provision customers under.
terraform {
  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}

variable "slug" {
  type = string
}

resource "platform_organization" "msp" {
  slug = var.slug
  name = "Managed Services"
}

output "organization_id" {
  value = platform_organization.msp.id
}
