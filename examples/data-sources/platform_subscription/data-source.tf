# The provider's default workspace unless workspace_id is set.
data "platform_subscription" "current" {}

output "subscription" {
  value = "${data.platform_subscription.current.plan} (${data.platform_subscription.current.status}) until ${data.platform_subscription.current.current_period_end}"
}
