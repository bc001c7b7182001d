import {
  to = platform_secret.example
  id = "acme/DB_PASSWORD"
}
