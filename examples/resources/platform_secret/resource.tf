# The value comes from an ephemeral variable and goes to the write-only value_wo (Terraform 1.11
# or later): it is never stored in the plan or the state. Bump value_wo_version to send a new
# value.
variable "db_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "platform_secret" "example" {
  name             = "DB_PASSWORD"
  description      = "Password of the orders database."
  value_wo         = var.db_password
  value_wo_version = 1
}

# With a CLI older than 1.11, use value instead: sensitive, but stored in the state.
# resource "platform_secret" "legacy" {
#   name  = "API_TOKEN"
#   value = var.api_token
# }
