terraform {
  # Secret values go to write-only attributes, which need Terraform 1.11 (or OpenTofu with
  # write-only support).
  required_version = ">= 1.11"
  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}
