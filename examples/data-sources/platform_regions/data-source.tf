data "platform_regions" "all" {}

output "region_names" {
  value = [for r in data.platform_regions.all.regions : r.name]
}
