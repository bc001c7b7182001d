# A secret's metadata; the value itself is never readable.
data "platform_secret" "db" {
  name = "DB_PASSWORD"
}

output "db_password_version" {
  value = data.platform_secret.db.value_version
}
