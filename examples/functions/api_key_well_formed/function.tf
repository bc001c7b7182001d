# Refuse a truncated or mistyped API key (or a user token) before anything uses it. Only the
# form is checked, offline; whether the key is valid only the API can tell. The key never
# appears in the message.
variable "deploy_api_key" {
  type      = string
  sensitive = true

  validation {
    condition     = provider::platform::api_key_well_formed(var.deploy_api_key)
    error_message = "deploy_api_key is not a platform API key (pk_...): check it was copied whole."
  }
}
