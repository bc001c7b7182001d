# Look an installation up by name (or by id) in the provider's default workspace.
data "platform_installation" "shop_eu" {
  name = "shop-eu"
}

output "shop_eu_running" {
  value = "${data.platform_installation.shop_eu.status}: ${coalesce(data.platform_installation.shop_eu.installed_tag, "chart")}"
}
