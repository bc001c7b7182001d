# The default workspace's Stripe account: can it take payments for paid listed products?
data "platform_stripe_account" "acme" {}

output "charges_enabled" {
  value = data.platform_stripe_account.acme.charges_enabled
}
