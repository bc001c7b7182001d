terraform {
  required_version = ">= 1.6"
  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}
