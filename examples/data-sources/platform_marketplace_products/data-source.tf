# Every workspace's listed products; releases are the installable ones, newest first.
data "platform_marketplace_products" "all" {}

output "latest_releases" {
  value = { for p in data.platform_marketplace_products.all.products : p.id => try(p.releases[0].tag, null) }
}
