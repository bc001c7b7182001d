import {
  to = platform_role.example
  id = "acme/deployer"
}
