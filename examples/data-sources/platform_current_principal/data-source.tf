data "platform_current_principal" "me" {}

output "whoami" {
  value = data.platform_current_principal.me.type == "user" ? data.platform_current_principal.me.email : data.platform_current_principal.me.api_key_id
}
