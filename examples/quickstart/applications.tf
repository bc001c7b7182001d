# What the customer's workspace runs. A software vendor publishes a product on the
# marketplace; the customer installs it on the web cluster with its own values and a secret,
# and runs its own storefront as a deployment of the web project.

# The vendor's side. Its product is listed with a price: a paid listed product needs the pro
# plan and the workspace's Stripe account with charges enabled.
resource "platform_workspace" "vendor" {
  slug = "quickstart-vendor"
  name = "Quickstart Software"
  plan = "pro"
}

# Onboarding runs asynchronously: apply waits until charges are enabled. The account's
# onboarding link is never stored in the state.
resource "platform_stripe_account" "vendor" {
  workspace_id  = platform_workspace.vendor.id
  country       = "DE"
  business_type = "company"
  email         = "billing@quickstart-software.example"
}

resource "platform_product" "shop" {
  workspace_id = platform_workspace.vendor.id
  slug         = "shop"
  name         = "Shop"
  description  = "An online shop, installed with one click."
  visibility   = "listed"
  price        = { amount_cents = 4900, currency = "eur", interval = "month" }

  # Listed with a price only once the Stripe account can take charges.
  depends_on = [platform_stripe_account.vendor]
}

resource "platform_product_release" "shop" {
  for_each = {
    "1.0.0" = "First release."
    "1.1.0" = "Faster checkout."
  }

  workspace_id = platform_workspace.vendor.id
  product_id   = platform_product.shop.id
  tag          = each.key
  chart        = "oci://charts.quickstart.example/shop:${each.key}"
  notes        = each.value
}

# The customer's side. The secret's value is write-only: it goes to the server (which keeps
# it encrypted) and never into the plan or the state. Bump value_wo_version to send a new one.
resource "platform_secret" "stripe_key" {
  workspace_id     = platform_workspace.customer.id
  name             = "STRIPE_KEY"
  description      = "The shop's Stripe key."
  value_wo         = var.stripe_key
  value_wo_version = 1
}

# Installed asynchronously: apply waits until the product runs. Change tag to upgrade or roll
# back in place. The shop is a paid product: installing it needs billing.manage on the
# customer's workspace, which its owner (the caller here) has.
resource "platform_installation" "shop" {
  workspace_id = platform_workspace.customer.id
  name         = "shop"
  cluster_id   = platform_cluster.web.id
  product_id   = platform_product.shop.id
  tag          = platform_product_release.shop["1.1.0"].tag
  values       = { currency = "EUR" }
  secrets      = [platform_secret.stripe_key.name]
}

resource "platform_deployment" "storefront" {
  workspace_id = platform_workspace.customer.id
  project_id   = platform_project.this["web"].id
  name         = "storefront"
  cluster_id   = platform_cluster.web.id
  image        = "ghcr.io/acme/storefront:1.0.0"
  replicas     = 2
  env          = { LOG_LEVEL = "info" }
  secrets      = [platform_secret.stripe_key.name]
}
