import {
  to = platform_stripe_account.example
  id = "acme"
}
