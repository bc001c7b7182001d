# workspace_id defaults to the provider's workspace.
resource "platform_product" "example" {
  slug        = "shop"
  name        = "Shop"
  description = "An online shop, installed with one click."
  # listed: in the marketplace, any workspace can install it. A listed product with a price
  # needs the pro or enterprise plan and the workspace's Stripe account with charges enabled.
  visibility = "listed"
}

# A private product (installed by its own workspace only) may carry a price.
resource "platform_product" "support" {
  slug = "support"
  name = "Support"
  price = {
    amount_cents = 4900
    currency     = "eur"
    interval     = "month"
  }
}
