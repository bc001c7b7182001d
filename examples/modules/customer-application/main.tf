# One customer's application: a vendor's product installed on the customer's cluster with the
# customer's values and secrets, and the customer's own deployments beside it.

resource "platform_secret" "this" {
  for_each = var.secret_versions

  workspace_id     = var.workspace_id
  name             = each.key
  value_wo         = var.secret_values[each.key]
  value_wo_version = each.value
}

resource "platform_installation" "this" {
  workspace_id = var.workspace_id
  name         = var.name
  cluster_id   = var.cluster_id
  namespace    = var.namespace
  product_id   = var.product_id
  tag          = var.product_version
  values       = var.values
  secrets      = [for s in platform_secret.this : s.name]
  wait         = var.wait
}

resource "platform_deployment" "this" {
  for_each = var.deployments

  workspace_id = var.workspace_id
  project_id   = each.value.project_id
  name         = each.key
  cluster_id   = var.cluster_id
  image        = each.value.image
  replicas     = each.value.replicas
  env          = each.value.env
  secrets      = [for s in each.value.secrets : platform_secret.this[s].name]
}

# With wait = false an install that fails does not fail the apply: this check reports it on
# every later plan and apply.
check "installation_healthy" {
  assert {
    condition     = platform_installation.this.status != "failed"
    error_message = "The installation ${platform_installation.this.name} failed: its operation has the reason. Fix the release or roll back product_version."
  }
}
