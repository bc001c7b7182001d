# Another token of the calling user (the provider must be configured with a user token: an API
# key is refused), minted for this run only: Terraform opens it in every plan and apply
# (Terraform 1.10 or later); each opening mints a token that expires after ttl and is revoked
# when the plan or apply ends. The secret is never written to the plan or the state. Here it
# configures a second platform provider that acts as the same user.
ephemeral "platform_user_token" "run" {
  ttl = "1h"
}

provider "platform" {
  alias = "run"
  token = ephemeral.platform_user_token.run.secret
}

data "platform_current_principal" "run" {
  provider = platform.run
}

output "run_user" {
  value = data.platform_current_principal.run.email
}
