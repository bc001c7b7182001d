# The workspace's Stripe account, which takes the payments of its paid listed products. Apply
# waits until onboarding has enabled charges; the onboarding link is never stored in the state.
resource "platform_stripe_account" "example" {
  country       = "DE"
  business_type = "company"
  email         = "billing@acme.example"
}

# A paid listed product depends on the account: it is listed once charges are enabled.
resource "platform_product" "shop" {
  slug       = "shop-pro"
  name       = "Shop Pro"
  visibility = "listed"
  price      = { amount_cents = 4900, currency = "eur", interval = "month" }

  depends_on = [platform_stripe_account.example]
}
