terraform {
  required_version = ">= 1.11" # write-only secret values

  required_providers {
    platform = {
      source = "platform-iac/platform"
    }
  }
}

# The endpoint and token come from PLATFORM_ENDPOINT and PLATFORM_TOKEN (`make demo` sets
# them for the reference server it starts); the token must be a user token, since creating a
# workspace needs one.
provider "platform" {}
