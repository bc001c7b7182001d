# A workspace has one Stripe account: it is imported by the workspace's slug (or id).
terraform import platform_stripe_account.example acme
