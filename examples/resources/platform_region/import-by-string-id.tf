import {
  to = platform_region.example
  id = "acme/prod-eu"
}
