# A read-only key of the provider's default workspace (workspace_id to choose another), minted
# for this run only: Terraform opens it in every plan and apply (Terraform 1.10 or later), and
# each opening mints a new key, named "ci-<random suffix>", that expires after ttl and is
# deleted when the plan or apply ends. The secret is never written to the plan or the state.
# It configures a second platform provider, which then acts as the key: here to check what the
# key can see, as a pipeline would before handing the same kind of key to a job.
ephemeral "platform_api_key" "ci" {
  name_prefix = "ci"
  access      = "read_only"
  ttl         = "30m"
}

provider "platform" {
  alias = "ci"
  token = ephemeral.platform_api_key.ci.secret
}

data "platform_current_principal" "ci" {
  provider = platform.ci
}

output "ci_key_access" {
  value = data.platform_current_principal.ci.access
}
